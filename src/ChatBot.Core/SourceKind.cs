namespace ChatBot.Core;

/// <summary>
/// What a source is to a historian: <see cref="Primary"/> (written at the time by those involved: a letter, a
/// decree, a memoir, a cable), <see cref="Secondary"/> (a historian's study of the primary sources: a journal
/// article, a monograph), <see cref="Tertiary"/> (a summary of secondary work: an encyclopedia, a textbook).
/// </summary>
public enum SourceKind
{
    Primary,
    Secondary,
    Tertiary,
}

/// <summary>Source kinds as front matter, commands and JSON write them: <c>primary</c>, <c>secondary</c>, <c>tertiary</c>.</summary>
public static class SourceKinds
{
    public static IReadOnlyList<SourceKind> All { get; } = [SourceKind.Primary, SourceKind.Secondary, SourceKind.Tertiary];

    public static string Name(SourceKind kind) => kind switch
    {
        SourceKind.Primary => "primary",
        SourceKind.Secondary => "secondary",
        _ => "tertiary",
    };

    /// <summary>Reads a kind's name, in any case and with spaces around it; false for anything else.</summary>
    public static bool TryParse(string? text, out SourceKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "primary":
                kind = SourceKind.Primary;
                return true;
            case "secondary":
                kind = SourceKind.Secondary;
                return true;
            case "tertiary":
                kind = SourceKind.Tertiary;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>"secondary · 1998", "primary", "1998" or "": the kind and publication date as shown beside a citation.</summary>
    public static string Label(Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var parts = new List<string>(2);
        if (citation.Kind is { } kind)
        {
            parts.Add(Name(kind));
        }

        if (!string.IsNullOrWhiteSpace(citation.Published))
        {
            parts.Add(citation.Published);
        }

        return string.Join(" · ", parts);
    }
}
