namespace ChatBot.Search.Ingestion;

/// <summary>
/// A bundled web source, <c>index/sources/NAME.url</c>: optional front matter (title, author, published, license)
/// and one web address on a line of its own. Lines starting with <c>#</c> are comments.
/// </summary>
public static class UrlFile
{
    public const string Extension = ".url";

    /// <exception cref="SourceFormatException">No address, more than one, or one that is not http(s).</exception>
    public static (Uri Url, IReadOnlyDictionary<string, string> Fields) Parse(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (fields, body) = FrontMatter.Split(TextDecoder.Decode(content));
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#'))
            .ToList();
        if (lines.Count != 1)
        {
            throw new SourceFormatException(lines.Count == 0 ? "holds no web address" : "holds more than one line; one web address per .url file");
        }

        if (lines[0].Length > 512 || !Uri.TryCreate(lines[0], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new SourceFormatException("the address must start with http:// or https://");
        }

        return (url, fields);
    }
}
