using System.Globalization;
using System.Reflection;

namespace ChatBot.Search.Analysis;

/// <summary>
/// What a question's word says about where its answer stands. Words that frame a question ("happen", "take
/// place", "think of", "kind of", "how many") seldom stand in the sentence that answers it, so they weigh less in
/// matching and in the share of the question a quote covers; every other word weighs 1. The weights are derived
/// from data, not written by hand: <c>question-words.tsv</c> beside this file is the output of ChatBot.Bench's
/// <c>question-words</c> over the visible SQuAD questions and the seed questions (a word's share of questions whose
/// answer sentence contains it, over the share of all question words). The table holds analyzed terms, so it is
/// derived again when the analyzer changes.
/// </summary>
public static class QuestionWords
{
    private static readonly Dictionary<string, double> Weights = Load();

    /// <summary>How many words weigh less than 1.</summary>
    public static int Count => Weights.Count;

    /// <summary>The weight of an analyzed question term: below 1 for words that frame questions, else 1.</summary>
    public static double Weight(string term) => Weights.GetValueOrDefault(term, 1.0);

    private static Dictionary<string, double> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ChatBot.Search.Analysis.question-words.tsv")
            ?? throw new InvalidOperationException("the question-word table is not embedded in ChatBot.Search");
        using var reader = new StreamReader(stream);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            weights[fields[0]] = double.Parse(fields[1], CultureInfo.InvariantCulture);
        }

        return weights;
    }
}
