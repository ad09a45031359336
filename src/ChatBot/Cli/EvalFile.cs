using System.Globalization;
using ChatBot.Search.Index;

namespace ChatBot.Cli;

/// <summary>One line of an eval file: a question, how many quotes to look at, and the words a good quote contains.</summary>
public sealed record EvalCase(string Question, int K, IReadOnlyList<string> Expected)
{
    /// <summary>Whether <paramref name="quote"/> contains one of the expected strings, ignoring case and accents.</summary>
    public bool IsAnsweredBy(string quote)
    {
        var folded = TextAnalysis.Fold(quote);
        return Expected.Any(e => folded.Contains(TextAnalysis.Fold(e), StringComparison.Ordinal));
    }
}

/// <summary>Reads eval files: <c>question TAB k TAB expected|alternatives</c> per line, <c>#</c> comments.</summary>
public static class EvalFile
{
    public static List<EvalCase> Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path}: {e.Message}");
        }

        var cases = new List<EvalCase>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != 3)
            {
                throw new CliException($"{path}:{i + 1}: expected question<TAB>k<TAB>expected, found {fields.Length} field(s)");
            }

            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k is < 1 or > 25)
            {
                throw new CliException($"{path}:{i + 1}: k must be a number from 1 to 25, not \"{fields[1]}\"");
            }

            var expected = fields[2].Split('|').Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
            if (fields[0].Trim().Length == 0 || expected.Count == 0)
            {
                throw new CliException($"{path}:{i + 1}: the question and the expected text must not be empty");
            }

            cases.Add(new EvalCase(fields[0].Trim(), k, expected));
        }

        if (cases.Count == 0)
        {
            throw new CliException($"{path} has no questions");
        }

        return cases;
    }
}
