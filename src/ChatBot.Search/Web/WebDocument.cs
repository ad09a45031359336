using ChatBot.Search.Ingestion;
using ChatBot.Search.Store;

namespace ChatBot.Search.Web;

/// <summary>A fetched web page or PDF read as a source: its main text, its title and author unless given, the address as its link.</summary>
public static class WebDocument
{
    private const int MaxSlugLength = 60;

    /// <exception cref="SourceFormatException">The page is not a readable source; the message names the host.</exception>
    public static SourceDocument Read(Uri url, FetchOutcome.Fetched page, string? title, string? author, string? slug = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(page);
        SourceDocument document;
        try
        {
            document = SourceReader.Read(page.IsPdf ? "page.pdf" : "page.html", page.Content, new SourceMetadata(title ?? "", author, url.AbsoluteUri));
        }
        catch (SourceFormatException e)
        {
            throw new SourceFormatException($"{url.Host}: {e.Message}");
        }

        return document with { Slug = slug ?? SlugFor(document.Metadata.Title) };
    }

    /// <summary>What the store keeps of a fetch: the address, the validators, the hash of the bytes, when.</summary>
    public static WebSourceState State(Uri url, FetchOutcome.Fetched page, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(page);
        return new WebSourceState(
            url.AbsoluteUri, page.Validators.ETag, page.Validators.LastModified, SourceFingerprint.Of(page.Content),
            at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A source id from a page's title: its words, at most 60 characters.</summary>
    public static string SlugFor(string title)
    {
        var slug = SourceReader.SlugFor(title + ".url");
        return slug.Length <= MaxSlugLength ? slug : slug[..MaxSlugLength].TrimEnd('-');
    }
}
