using System.Globalization;
using ChatBot.Search.Index;
using ChatBot.Search.Text;

namespace ChatBot.Bench;

/// <summary>
/// Derives how much each frequent question word says about where the answer stands: for every analysed word of
/// the SQuAD questions, the share of its questions whose answer sentence (the gold paragraph's sentence holding
/// the answer) contains the word too. Content words ("coup", "treaty") come back in the answer sentence most of
/// the time; words that only frame a question ("happen", "take place", "view", "role") seldom do. Prints the
/// words asked at least <c>minimum</c> times, least telling first, with the weight the question-word table gives
/// them (their share over the share of all question words, at most 1). Then the same for two-word phrases: a word's
/// share in the context of the question word next to it ("place" after "take" in "take place", "take" before
/// "place"), drawn toward the word's own share, listed where it moves a word's weight; a framing verb phrase tells
/// less than either word alone. <c>--half</c> fits on the even or odd SQuAD articles only, to test on the others.
/// </summary>
public static class QuestionWordsBench
{
    /// <summary>How many questions' worth of the overall share a word's own share is drawn toward (a word asked a few times is not judged by them alone).</summary>
    public const double Prior = 5;

    /// <summary>A phrase is listed when it moves one of its words' weights by at least this much.</summary>
    public const double PhraseMoves = 0.1;

    public static int Run(FileInfo squad, FileInfo? seedQuestions, DirectoryInfo? seedSources, int minimum, double below, string? half, FileInfo? output)
    {
        if (!squad.Exists)
        {
            Console.Error.WriteLine($"bench: {squad.FullName} does not exist");
            return 2;
        }

        var (squadQuestions, articles) = SquadAnswers.Read(squad.FullName);
        if (half is not null)
        {
            var titles = articles.Keys.ToList();
            var parity = half == "even" ? 0 : 1;
            squadQuestions = [.. squadQuestions.Where(q => titles.IndexOf(q.Article) % 2 == parity)];
        }

        var questions = squadQuestions
            .Select(q => (q.Question, q.Article, Contexts: (IReadOnlyList<string>)[articles[q.Article][q.Paragraph - 1]], Answers: q.Answers))
            .ToList();
        if (seedQuestions is not null && seedSources is not null)
        {
            // The seed questions' answers stand somewhere in the bundled texts: every sentence holding one counts.
            var texts = seedSources.GetFiles("*.md").Select(f => File.ReadAllText(f.FullName)).ToList();
            foreach (var line in File.ReadAllLines(seedQuestions.FullName).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var fields = line.Split('\t');
                questions.Add((fields[0], "seed", texts, fields[2].Split('|')));
            }
        }

        var asked = new Dictionary<string, (int Questions, int InSentence, HashSet<string> Articles)>(StringComparer.Ordinal);
        var phrases = new Dictionary<(string First, string Second), (int Questions, int FirstIn, int SecondIn, HashSet<string> Articles)>();
        long allAsked = 0, allInSentence = 0;
        foreach (var question in questions)
        {
            var answers = question.Answers.Select(SquadAnswers.Normalize).Where(a => a.Length > 0).ToList();
            var sentenceTerms = new HashSet<string>(StringComparer.Ordinal);
            foreach (var context in question.Contexts)
            {
                foreach (var sentence in SentenceSplitter.Split(context))
                {
                    var text = context[sentence.Start..sentence.End];
                    var normalized = SquadAnswers.Normalize(TextAnalysis.Fold(text));
                    if (answers.Any(a => normalized.Contains(TextAnalysis.Fold(a), StringComparison.Ordinal)))
                    {
                        sentenceTerms.UnionWith(TextAnalysis.TermsOf(text));
                    }
                }
            }

            if (sentenceTerms.Count == 0)
            {
                continue;
            }

            foreach (var term in TextAnalysis.TermsOf(question.Question.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
            {
                var found = sentenceTerms.Contains(term);
                var (n, k, seen) = asked.GetValueOrDefault(term, (0, 0, new HashSet<string>(StringComparer.Ordinal)));
                seen.Add(question.Article);
                asked[term] = (n + 1, k + (found ? 1 : 0), seen);
                allAsked++;
                allInSentence += found ? 1 : 0;
            }

            var sequence = TextAnalysis.TermsOf(question.Question.ToLowerInvariant());
            foreach (var pair in sequence.Zip(sequence.Skip(1)).Where(p => p.First != p.Second).Distinct())
            {
                var (n, first, second, seen) = phrases.GetValueOrDefault(pair, (0, 0, 0, new HashSet<string>(StringComparer.Ordinal)));
                seen.Add(question.Article);
                phrases[pair] = (n + 1, first + (sentenceTerms.Contains(pair.First) ? 1 : 0), second + (sentenceTerms.Contains(pair.Second) ? 1 : 0), seen);
            }
        }

        var overall = allInSentence / (double)Math.Max(1, allAsked);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{questions.Count} questions, {asked.Count} distinct words; a question word stands in the answer sentence {overall:F3} of the time"));
        var rows = asked
            .Where(a => a.Value.Questions >= minimum && a.Value.Articles.Count >= 2)
            .Select(a => (Term: a.Key, a.Value.Questions, Share: (a.Value.InSentence + (Prior * overall)) / (a.Value.Questions + Prior)))
            .Where(r => r.Share < below * overall)
            .OrderBy(r => r.Share)
            .ToList();
        var lines = rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Term}\t{Weight(r.Share, overall):0.00}\t{r.Questions}\t{r.Share:F3}")).ToList();
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        // A word's share in a phrase is drawn toward its own share (not the overall one), so a phrase asked a few
        // times moves its words' weights only as far as its questions say.
        double WordShare(string term) => asked.TryGetValue(term, out var a) ? (a.InSentence + (Prior * overall)) / (a.Questions + Prior) : overall;
        double TableWeight(string term) => rows.FindIndex(r => r.Term == term) is var i and >= 0 ? Weight(rows[i].Share, overall) : 1;
        var phraseRows = phrases
            .Where(p => p.Value.Questions >= minimum && p.Value.Articles.Count >= 2)
            .Select(p => (p.Key.First, p.Key.Second, p.Value.Questions,
                FirstWeight: Weight((p.Value.FirstIn + (Prior * WordShare(p.Key.First))) / (p.Value.Questions + Prior), overall),
                SecondWeight: Weight((p.Value.SecondIn + (Prior * WordShare(p.Key.Second))) / (p.Value.Questions + Prior), overall)))
            .Where(p => Math.Abs(p.FirstWeight - TableWeight(p.First)) >= PhraseMoves || Math.Abs(p.SecondWeight - TableWeight(p.Second)) >= PhraseMoves)
            .OrderBy(p => Math.Min(p.FirstWeight, p.SecondWeight))
            .ThenBy(p => p.First, StringComparer.Ordinal)
            .ThenBy(p => p.Second, StringComparer.Ordinal)
            .ToList();
        var phraseLines = phraseRows.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First} {p.Second}\t{p.FirstWeight:0.00}\t{p.SecondWeight:0.00}\t{p.Questions}")).ToList();
        Console.WriteLine($"{phraseRows.Count} phrases move a word's weight by {PhraseMoves} or more (phrase, first word's weight, second's, questions):");
        foreach (var line in phraseLines)
        {
            Console.WriteLine(line);
        }

        if (output is not null)
        {
            File.WriteAllLines(output.FullName, [.. lines.Select(l => string.Join('\t', l.Split('\t').Take(2))), .. phraseLines.Select(l => string.Join('\t', l.Split('\t').Take(3)))]);
            Console.WriteLine($"wrote {rows.Count} words and {phraseRows.Count} phrases to {output.FullName}");
        }

        return 0;
    }

    /// <summary>The weight of a share: over the share of all question words, at most 1, to two decimals (as the table holds it).</summary>
    private static double Weight(double share, double overall) => Math.Round(Math.Min(1, share / overall), 2);
}
