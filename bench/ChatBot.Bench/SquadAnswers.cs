using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatBot.Bench;

/// <summary>A SQuAD question with its answer strings, the article it belongs to and its paragraph there (1 first).</summary>
public sealed record SquadQuestion(string Id, string Question, IReadOnlyList<string> Answers, string Article, int Paragraph = 0);

/// <summary>Reads SQuAD v1.1 JSON and writes it out as sources: one Markdown file per article, one paragraph per context.</summary>
public static partial class SquadAnswers
{
    public static (List<SquadQuestion> Questions, Dictionary<string, List<string>> Articles) Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        var questions = new List<SquadQuestion>();
        var articles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var article in json.RootElement.GetProperty("data").EnumerateArray())
        {
            var title = article.GetProperty("title").GetString()!.Replace('_', ' ');
            var contexts = new List<string>();
            foreach (var paragraph in article.GetProperty("paragraphs").EnumerateArray())
            {
                contexts.Add(Whitespace().Replace(paragraph.GetProperty("context").GetString()!, " ").Trim());
                foreach (var qa in paragraph.GetProperty("qas").EnumerateArray())
                {
                    var answers = qa.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).Distinct().ToList();
                    questions.Add(new SquadQuestion(qa.GetProperty("id").GetString()!, qa.GetProperty("question").GetString()!, answers, title, contexts.Count));
                }
            }

            articles[title] = contexts;
        }

        return (questions, articles);
    }

    /// <summary>The source slug an article is written as.</summary>
    public static string Slug(string title) => NonWord().Replace(title.ToLowerInvariant(), "-").Trim('-');

    public static void WriteSources(Dictionary<string, List<string>> articles, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (title, contexts) in articles)
        {
            var slug = Slug(title);
            var body = new StringBuilder()
                .Append("---\ntitle: \"").Append(title.Replace("\"", "'", StringComparison.Ordinal)).Append("\"\nurl: https://rajpurkar.github.io/SQuAD-explorer/\nlicense: CC BY-SA 4.0\n---\n\n")
                .AppendJoin("\n\n", contexts).Append('\n');
            File.WriteAllText(Path.Combine(directory, slug + ".md"), body.ToString());
        }
    }

    /// <summary>SQuAD's answer normalisation: lowercase, no punctuation, no articles, single spaces.</summary>
    public static string Normalize(string text)
    {
        var lower = text.ToLowerInvariant();
        var sb = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (!(c < 128 && char.IsPunctuation(c)) && !(c < 128 && char.IsSymbol(c)))
            {
                sb.Append(c);
            }
        }

        var noArticles = Articles().Replace(sb.ToString(), " ");
        return string.Join(' ', noArticles.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Whether a normalised answer occurs in a normalised quote as whole words.</summary>
    public static bool Contains(string normalizedQuote, string normalizedAnswer)
        => normalizedAnswer.Length > 0 && (" " + normalizedQuote + " ").Contains(" " + normalizedAnswer + " ", StringComparison.Ordinal);

    /// <summary>Whether a marked answer and a gold answer (both normalised) overlap: one inside the other, or token F1 of at least 0.5.</summary>
    public static bool Overlaps(string marked, string gold)
    {
        if (marked.Length == 0 || gold.Length == 0)
        {
            return false;
        }

        if (Contains(marked, gold) || Contains(gold, marked))
        {
            return true;
        }

        var a = marked.Split(' ');
        var b = gold.Split(' ');
        var common = a.Intersect(b, StringComparer.Ordinal).Count();
        if (common == 0)
        {
            return false;
        }

        var precision = (double)common / a.Length;
        var recall = (double)common / b.Length;
        return 2 * precision * recall / (precision + recall) >= 0.5;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();
}
