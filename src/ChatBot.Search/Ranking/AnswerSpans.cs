using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ranking;

/// <summary>
/// Finds the likely answer inside a quote for who / when / where / how many / how much questions: a name, a
/// date, a place, a number or an amount, near the words of the question that the quote matched, and never one
/// of the question's own words. Rules, not a model: they read the question's first words and the shapes of
/// names, dates and numbers.
/// </summary>
public static partial class AnswerSpans
{
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "General", "Gen", "President", "Vice-President", "Vice-president", "Vice", "Colonel", "Col", "Captain", "Capt",
        "Admiral", "Major", "Lieutenant", "Sergeant", "Marshal", "Commander", "King", "Queen", "Prince", "Princess",
        "Emperor", "Empress", "Pope", "Saint", "St", "Sir", "Lord", "Lady", "Dr", "Mr", "Mrs", "Ms", "Professor", "Prof",
        "Senator", "Governor", "Minister", "Prime", "Chancellor", "Ambassador", "Bishop", "Archbishop", "Cardinal",
        "Sultan", "Shah", "Tsar", "Czar", "Kaiser", "Duke", "Count", "Baron",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "A", "An", "In", "On", "At", "By", "Of", "For", "To", "From", "With", "As", "And", "But", "Or", "If", "When",
        "While", "After", "Before", "During", "Since", "Between", "This", "That", "These", "Those", "It", "Its", "He",
        "She", "They", "We", "I", "His", "Her", "Their", "Our", "There", "Here", "Yet", "Although", "Though", "However",
        "Most", "Many", "Some", "Other", "Such", "Both", "Each", "All", "Only", "Also", "Equally", "Over", "Under",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    };

    // Words that make a run of capitalised words an institution, an event or a document rather than a person.
    private static readonly HashSet<string> NotPersons = new(StringComparer.OrdinalIgnoreCase)
    {
        "Revolution", "Revolutionary", "Party", "Army", "Navy", "Republic", "Government", "Movement", "University",
        "Company", "Corps", "Alliance", "Progress", "War", "Department", "Agency", "Intelligence", "National",
        "Nationalist", "Council", "Committee", "Congress", "Parliament", "Assembly", "Senate", "Court", "Church",
        "Empire", "Kingdom", "Union", "League", "Front", "Association", "Institute", "Society", "Bank", "Treaty",
        "Act", "Constitution", "Declaration", "Battle", "Conference", "Organization", "Organisation", "Ministry",
        "Office", "Force", "Forces", "Guard", "Police", "Museum", "Library", "Press", "Times", "Journal", "Review",
        "Street", "River", "Mountains", "Islands", "Ocean", "Sea", "City", "State", "States", "Province", "County",
        "Dynasty", "Crisis", "Project", "Program", "Programme", "Plan", "Doctrine", "Essays",
    };

    private static readonly HashSet<string> Locatives = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "at", "from", "to", "near", "into", "across", "throughout", "outside", "inside", "toward", "towards",
    };

    /// <summary>What kind of answer a question asks for, read from its first words.</summary>
    public static AnswerKind Classify(string? question)
    {
        var q = " " + TextAnalysis.Fold(question ?? "").Trim() + " ";
        if (HowMany().IsMatch(q))
        {
            return AnswerKind.Number;
        }

        if (HowMuch().IsMatch(q))
        {
            return AnswerKind.Amount;
        }

        if (WhenWords().IsMatch(q))
        {
            return AnswerKind.Date;
        }

        if (WhereWords().IsMatch(q))
        {
            return AnswerKind.Place;
        }

        return WhoWords().IsMatch(q) ? AnswerKind.Person : AnswerKind.None;
    }

    /// <summary>
    /// The best answer of <paramref name="kind"/> in <paramref name="quote"/>: among the candidates that share no
    /// word with the question, the one in the sentence that matches most of the question, then the closest to
    /// the matched words; for "who did X overthrow" (the answer is the object) one after the matched words is
    /// preferred, for "how much did X grow" a percentage.
    /// </summary>
    public static AnswerSpan? Find(string question, string quote, AnswerKind kind, IReadOnlyList<TextRange> highlights, IReadOnlySet<string> questionTerms)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(highlights);
        ArgumentNullException.ThrowIfNull(questionTerms);
        if (kind == AnswerKind.None || highlights.Count == 0)
        {
            return null;
        }

        var sentences = Text.SentenceSplitter.Split(quote);
        var folded = " " + TextAnalysis.Fold(question) + " ";
        var asksObject = ObjectQuestion().IsMatch(folded);
        var asksPerson = kind == AnswerKind.Person && PersonQuestion().IsMatch(folded);
        var asksChange = kind == AnswerKind.Amount && ChangeWords().IsMatch(folded);
        AnswerSpan? best = null;
        var bestScore = double.MaxValue;
        foreach (var (start, end) in Candidates(quote, kind))
        {
            var text = quote[start..end];
            if (SharesAWordWith(text, questionTerms) || (kind is AnswerKind.Person && IsDemonym(text))
                || (asksPerson && text.Split(' ').Any(NotPersons.Contains)))
            {
                continue;
            }

            var sentence = sentences.FirstOrDefault(r => r.Start <= start && end <= r.End, new TextRange(0, quote.Length));
            var inSentence = highlights.Where(h => h.Start >= sentence.Start && h.End <= sentence.End).ToList();
            var matched = inSentence.Select(h => TextAnalysis.TermOf(quote[h.Start..h.End])).Distinct(StringComparer.Ordinal).Count();
            var near = inSentence.Count > 0 ? inSentence : [.. highlights];
            var distance = near.Min(h => h.End <= start ? start - h.End : h.Start >= end ? h.Start - end : 0);
            var score = (-10.0 * matched) + (distance / 20.0);
            if (kind == AnswerKind.Person && !text.Contains(' ', StringComparison.Ordinal))
            {
                score += 0.5;
            }

            if (asksObject && inSentence.Count > 0 && end <= inSentence.Max(h => h.Start))
            {
                // The object of "who did the junta overthrow" comes after the verb.
                score += 2;
            }
            else if (!asksObject && kind is AnswerKind.Person or AnswerKind.Place && inSentence.Count > 0)
            {
                // The subject of "who formed the party" comes before the verb, or after "by"/"of" in "led by",
                // "under the leadership of".
                if (AfterAgentMarker(quote, start, inSentence))
                {
                    score -= 2.5;
                }
                else if (end <= inSentence.Min(h => h.Start))
                {
                    score -= 1;
                }
            }

            if (asksChange && !text.Contains('%', StringComparison.Ordinal) && !text.Contains("percent", StringComparison.OrdinalIgnoreCase))
            {
                score += 3;
            }

            if (score < bestScore)
            {
                bestScore = score;
                best = new AnswerSpan(text, start, end, kind);
            }
        }

        return best;
    }

    /// <summary>Whether the candidate follows "by" or "of" (titles allowed between) shortly after a matched word.</summary>
    private static bool AfterAgentMarker(string quote, int start, List<TextRange> highlights)
    {
        var before = quote[Math.Max(0, start - 60)..start];
        var words = before.Split((char[])[' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var i = words.Length - 1;
        while (i >= 0 && (Titles.Contains(words[i].TrimEnd('.')) || words[i].Contains('-', StringComparison.Ordinal) || words[i] is "the"))
        {
            i--;
        }

        return i >= 0 && words[i] is "by" or "of" && highlights.Any(h => h.End <= start && start - h.End <= 60);
    }

    /// <summary>Whether <paramref name="text"/> holds any candidate answer of <paramref name="kind"/> that is not made of question words.</summary>
    public static bool HasCandidate(string text, AnswerKind kind, IReadOnlySet<string> questionTerms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(questionTerms);
        return kind != AnswerKind.None && Candidates(text, kind).Any(c => !SharesAWordWith(text[c.Start..c.End], questionTerms)
            && !(kind == AnswerKind.Person && IsDemonym(text[c.Start..c.End])));
    }

    /// <summary>"Bolivian", "Chinese": an adjective of a people, not a person.</summary>
    private static bool IsDemonym(string text)
        => !text.Contains(' ', StringComparison.Ordinal) && (text.EndsWith("ian", StringComparison.Ordinal) || text.EndsWith("ese", StringComparison.Ordinal)
            || text.EndsWith("ish", StringComparison.Ordinal) || text.EndsWith("ean", StringComparison.Ordinal));

    /// <summary>The same answer written two ways ("Rene Barrientos", "René Barrientos") gets the same key.</summary>
    public static string Key(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var words = TextAnalysis.Fold(answer).Split((char[])[' ', ',', '.', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Where(w => !Titles.Contains(w) && w is not ("the" or "of")));
    }

    private static IEnumerable<(int Start, int End)> Candidates(string quote, AnswerKind kind)
    {
        switch (kind)
        {
            case AnswerKind.Date:
                return Matches(DatePattern(), quote);
            case AnswerKind.Number:
                return Matches(NumberPattern(), quote);
            case AnswerKind.Amount:
                return Matches(AmountPattern(), quote).Concat(Matches(NumberPattern(), quote));
            case AnswerKind.Person:
                return Names(quote);
            case AnswerKind.Place:
                var names = Names(quote).ToList();
                var located = names.Where(n => PrecededByLocative(quote, n.Start)).ToList();
                return located.Count > 0 ? located : names;
            default:
                return [];
        }
    }

    private static IEnumerable<(int Start, int End)> Matches(Regex pattern, string text)
    {
        foreach (Match match in pattern.Matches(text))
        {
            yield return (match.Index, match.Index + match.Length);
        }
    }

    /// <summary>Runs of capitalised words (with particles such as "de" or "von" between them), titles trimmed.</summary>
    private static IEnumerable<(int Start, int End)> Names(string text)
    {
        var words = Word().Matches(text).ToList();
        var i = 0;
        while (i < words.Count)
        {
            if (!IsNameWord(words[i].Value))
            {
                i++;
                continue;
            }

            var first = i;
            var last = i;
            var j = i + 1;
            while (j < words.Count && OnlySpaceBetween(text, words[j - 1], words[j]))
            {
                if (IsNameWord(words[j].Value))
                {
                    last = j;
                }
                else if (!IsParticle(words[j].Value))
                {
                    break;
                }

                j++;
            }

            // A name starts after the last title in the run: "Bolivian President Victor Paz" is Victor Paz.
            for (var k = last - 1; k >= first; k--)
            {
                if (Titles.Contains(words[k].Value.TrimEnd('.')))
                {
                    first = k + 1;
                    break;
                }
            }

            while (first <= last && Titles.Contains(words[first].Value.TrimEnd('.')))
            {
                first++;
            }

            if (first <= last)
            {
                // "Bolivia's": the possessive is not part of the name.
                var end = words[last].Index + words[last].Length;
                if (words[last].Value.EndsWith("'s", StringComparison.Ordinal) || words[last].Value.EndsWith("\u2019s", StringComparison.Ordinal))
                {
                    end -= 2;
                }

                yield return (words[first].Index, end);
            }

            i = Math.Max(j, i + 1);
        }
    }

    private static bool IsNameWord(string word)
        => word.Length > 1 && char.IsUpper(word[0]) && !NotNames.Contains(word) && !word.All(c => char.IsUpper(c) || c == '.');

    private static bool IsParticle(string word) => word is "de" or "da" or "del" or "della" or "di" or "du" or "la" or "le" or "van" or "von" or "der" or "den" or "y" or "bin" or "ibn" or "al";

    private static bool OnlySpaceBetween(string text, Match left, Match right)
    {
        var gap = text.AsSpan(left.Index + left.Length, right.Index - left.Index - left.Length);
        return gap.Length is > 0 and <= 2 && gap.Trim().IsEmpty;
    }

    private static bool PrecededByLocative(string text, int start)
    {
        var before = text[..start].TrimEnd();
        var space = before.LastIndexOf(' ');
        var previous = space >= 0 ? before[(space + 1)..] : before;
        return Locatives.Contains(previous) || (previous.Equals("the", StringComparison.OrdinalIgnoreCase) && PrecededByLocative(text, Math.Max(0, space)));
    }

    /// <summary>An answer is what the question does not already say: "Estenssoro" cannot answer "who ran against Estenssoro".</summary>
    private static bool SharesAWordWith(string text, IReadOnlySet<string> questionTerms)
        => TextAnalysis.TermsOf(text).Any(questionTerms.Contains);

    [GeneratedRegex(@"\p{Lu}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*\.?|\p{Ll}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"^ (who|whom|whose)\b|\b(which|what) (person|man|woman|general|president|leader|king|queen|emperor|author|scientist|player)\b")]
    private static partial Regex PersonQuestion();

    // "who did the junta overthrow", "whom did he appoint": the answer is the object of the verb.
    [GeneratedRegex(@"^ (who|whom|what|which \w+) (did|does|do|will|would|could|had|has|have)\b")]
    private static partial Regex ObjectQuestion();

    [GeneratedRegex(@"\b(grow|grew|grown|increase|increased|rise|rose|risen|fall|fell|fallen|decline|declined|drop|dropped|change|changed|shrink|shrank)\b")]
    private static partial Regex ChangeWords();

    [GeneratedRegex(@"\bhow (many|long|old|far|often|large|big|tall|high)\b")]
    private static partial Regex HowMany();

    [GeneratedRegex(@"\bhow much\b|\bwhat (percentage|percent|amount|proportion|share|sum|price)\b")]
    private static partial Regex HowMuch();

    [GeneratedRegex(@"^ when\b|\b(what|which|in what|during what) (year|years|date|day|month|century|decade|time|period|era)\b")]
    private static partial Regex WhenWords();

    [GeneratedRegex(@"^ where\b|\b(what|which|in what|in which) (country|countries|city|cities|state|region|place|location|town|continent|province|area|island|river)\b")]
    private static partial Regex WhereWords();

    [GeneratedRegex(@"^ (who|whom|whose)\b|\b(which|what) (person|people|man|woman|general|president|leader|king|queen|emperor|author|scientist|player|team|group|organization|company)\b")]
    private static partial Regex WhoWords();

    [GeneratedRegex(
        @"\b(?:(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{3,4})" +
        @"|(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{3,4})" +
        @"|(?:(?:early|mid|late)[\s-]+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{3,4}" +
        @"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?\b" +
        @"|(?:(?:early|mid|late)[\s-]+)?\d{1,2}(?:st|nd|rd|th)\s+century" +
        @"|(?:the\s+)?\d{3,4}s" +
        @"|(?:(?:early|mid|late)[\s-]+)?[12]\d{3}(?:\s*(?:BC|BCE|AD|CE))?)\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(
        @"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:%|percent|per cent|million|billion|thousand|hundred))?(?![\w])" +
        @"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|a dozen|several hundred|a million)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(
        @"(?:US\s?\$|\$|£|€|¥)\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|thousand|trillion))?" +
        @"|\b\d[\d,]*(?:\.\d+)?\s*(?:million|billion|thousand|trillion)?\s*(?:USD|dollars|pounds|euros|francs|marks|pesos|yen|rupees)\b" +
        @"|\b\d+(?:\.\d+)?\s*(?:%|percent|per cent)",
        RegexOptions.IgnoreCase)]
    private static partial Regex AmountPattern();
}
