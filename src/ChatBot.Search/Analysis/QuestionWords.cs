using System.Globalization;
using System.Reflection;

namespace ChatBot.Search.Analysis;

/// <summary>
/// What a question's word says about where its answer stands. Words that frame a question ("happen", "take
/// place", "think of", "kind of", "how many") seldom stand in the sentence that answers it, so they weigh less in
/// matching and in the share of the question a quote covers; every other word weighs 1. The weights are derived
/// from data, not written by hand: <c>question-words.tsv</c> beside this file is the output of ChatBot.Bench's
/// <c>question-words</c> over the visible SQuAD questions and the seed questions (a word's share of questions whose
/// answer sentence contains it, over the share of all question words). The same table weighs a word in the
/// context of the question word next to it, where that tells more than the word alone: a row "take place" gives
/// "take" before "place" and "place" after "take" their own weights (the share of those phrases' questions whose
/// answer sentence holds the word). The table holds analyzed terms, so it is derived again when the analyzer
/// changes.
/// </summary>
public static class QuestionWords
{
    private static readonly (Dictionary<string, double> Words, Dictionary<(string First, string Second), (double First, double Second)> Phrases) Table = Load();

    /// <summary>How many words weigh less than 1.</summary>
    public static int Count => Table.Words.Count;

    /// <summary>How many two-word phrases weigh their words otherwise than the words alone.</summary>
    public static int PhraseCount => Table.Phrases.Count;

    /// <summary>The weight of an analyzed question term: below 1 for words that frame questions, else 1.</summary>
    public static double Weight(string term) => Table.Words.GetValueOrDefault(term, 1.0);

    /// <summary>
    /// The weight of an analyzed question term between the question's terms before and after it (null at either
    /// end): the phrase a word forms with a neighbour weighs it where the table has that phrase, the less telling
    /// of the two phrases where it has both, and the word alone weighs it otherwise.
    /// </summary>
    public static double Weight(string term, string? previous, string? next)
    {
        double? weight = null;
        if (previous is not null && Table.Phrases.TryGetValue((previous, term), out var before))
        {
            weight = before.Second;
        }

        if (next is not null && Table.Phrases.TryGetValue((term, next), out var after))
        {
            weight = Math.Min(weight ?? after.First, after.First);
        }

        return weight ?? Weight(term);
    }

    private static (Dictionary<string, double>, Dictionary<(string, string), (double, double)>) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChatBot.Search.Analysis.question-words.tsv")
            ?? throw new InvalidOperationException("the question-word table is not embedded in ChatBot.Search");
        using var reader = new StreamReader(stream);
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        var phrases = new Dictionary<(string, string), (double, double)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields[0].Split(' ') is [var first, var second])
            {
                phrases[(first, second)] = (Parse(fields[1]), Parse(fields[2]));
            }
            else
            {
                words[fields[0]] = Parse(fields[1]);
            }
        }

        return (words, phrases);
    }

    private static double Parse(string field) => double.Parse(field, CultureInfo.InvariantCulture);
}
