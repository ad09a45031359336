using ChatBot.Search.Index;

namespace ChatBot.Search.Analysis;

/// <summary>
/// Words that mean the same for searching ("coup, putsch, overthrow"), read from a text file moderators can
/// extend: one group per line, words separated by commas, <c>#</c> starts a comment. Entries are single words;
/// a phrase is read as its first word and is better left out.
/// </summary>
public sealed class SynonymTable
{
    private readonly Dictionary<string, string[]> related;

    private SynonymTable(Dictionary<string, string[]> related) => this.related = related;

    public static SynonymTable Empty { get; } = new([]);

    public int Count => related.Count;

    /// <summary>The terms that mean the same as <paramref name="term"/> (an analyzed term), itself excluded.</summary>
    public IReadOnlyList<string> Of(string term) => related.TryGetValue(term, out var terms) ? terms : [];

    public static SynonymTable Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sets = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var comment = raw.IndexOf('#', StringComparison.Ordinal);
            var line = comment >= 0 ? raw[..comment] : raw;
            var terms = line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(TextAnalysis.TermsOf)
                .Where(t => t.Count > 0)
                .Select(t => t[0])
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (terms.Count < 2)
            {
                continue;
            }

            foreach (var term in terms)
            {
                if (!sets.TryGetValue(term, out var set))
                {
                    sets[term] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(terms.Where(t => t != term));
            }
        }

        return new SynonymTable(sets.ToDictionary(p => p.Key, p => p.Value.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
    }

    /// <summary>Reads a synonym file; a missing file is an empty table.</summary>
    public static SynonymTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path) ? Parse(File.ReadLines(path)) : Empty;
    }
}
