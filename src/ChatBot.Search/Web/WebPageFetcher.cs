using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ChatBot.Core;
using ChatBot.Search.Ingestion;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Web;

/// <summary>What a fetch's last response said for a conditional request: its ETag and Last-Modified, as sent.</summary>
public sealed record Validators(string? ETag, string? LastModified);

/// <summary>What became of a fetch of a web source.</summary>
public abstract record FetchOutcome
{
    private FetchOutcome()
    {
    }

    /// <summary>The page's bytes (HTML, text or PDF), whether it is a PDF, and its validators.</summary>
    public sealed record Fetched(byte[] Content, bool IsPdf, Validators Validators) : FetchOutcome;

    /// <summary>304: the page has not changed since the validators sent.</summary>
    public sealed record NotModified(Validators Validators) : FetchOutcome;

    /// <summary>404 or 410: the page is no longer there.</summary>
    public sealed record Gone(int Status) : FetchOutcome;

    /// <summary>Not fetched: refused (address, scheme, type, size) or failed (network, time, status); one line why.</summary>
    public sealed record Failed(string Reason) : FetchOutcome;
}

/// <summary>Fetches a web source.</summary>
public interface IWebPageFetcher
{
    Task<FetchOutcome> FetchAsync(Uri url, Validators? validators, CancellationToken cancellationToken);
}

/// <summary>
/// Fetches a web page or PDF for a source, safely: http and https only, no credentials in the address, connections
/// only to public addresses (<see cref="SafeHttpHandler"/>), at most <see cref="MaxRedirects"/> redirects each checked
/// again, <see cref="SourcesOptions.FetchTimeoutSeconds"/> for the whole fetch, HTML and text up to
/// <see cref="CommunityOptions.MaxUploadBytes"/> and PDFs up to <see cref="CommunityOptions.MaxPdfBytes"/> (counted
/// after decompression, whatever Content-Length says), and only HTML, text or PDF content.
/// </summary>
public sealed class WebPageFetcher(HttpClient http, IOptions<SourcesOptions> sources, IOptions<CommunityOptions> community) : IWebPageFetcher
{
    public const int MaxRedirects = 3;

    private static readonly string[] TextTypes = ["text/html", "application/xhtml+xml", "text/plain"];

    /// <summary>A fetcher with its own safe handler (<see cref="SafeHttpHandler"/>); the fetch timeout governs, not HttpClient's.</summary>
    public static WebPageFetcher Create(IOptions<SourcesOptions> sources, IOptions<CommunityOptions> community)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var handler = SafeHttpHandler.Create(new AddressPolicy(allowLoopback: sources.Value.AllowLoopbackForTests));
        return new WebPageFetcher(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, sources, community);
    }

    /// <summary>Why <paramref name="url"/> may not be fetched before any connection is tried; null when it may.</summary>
    public static string? CheckAddress(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 512 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return "the url must be a web address starting with http:// or https://";
        }

        return Check(uri);
    }

    public async Task<FetchOutcome> FetchAsync(Uri url, Validators? validators, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Check(url) is { } problem)
        {
            return new FetchOutcome.Failed(problem);
        }

        var seconds = sources.Value.FetchTimeoutSeconds;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            var current = url;
            for (var redirects = 0; ; redirects++)
            {
                using var request = Request(current, validators);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (redirects == MaxRedirects)
                    {
                        return new FetchOutcome.Failed($"{Host(url)} redirects more than {MaxRedirects} times");
                    }

                    if (response.Headers.Location is not { } location || !Uri.TryCreate(current, location, out var next))
                    {
                        return new FetchOutcome.Failed($"{Host(current)} redirects without saying where");
                    }

                    if (Check(next) is { } refused)
                    {
                        return new FetchOutcome.Failed($"{Host(current)} redirects to an address that is not fetched: {refused}");
                    }

                    current = next;
                    continue;
                }

                return status switch
                {
                    304 => new FetchOutcome.NotModified(ValidatorsOf(response, validators)),
                    404 or 410 => new FetchOutcome.Gone(status),
                    200 => await ReadAsync(response, current, timeout.Token).ConfigureAwait(false),
                    _ => new FetchOutcome.Failed($"{Host(current)} answered {status.ToString(CultureInfo.InvariantCulture)}"),
                };
            }
        }
        catch (HttpRequestException e) when (Inner<RefusedAddressException>(e) is { } refused)
        {
            return new FetchOutcome.Failed(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return new FetchOutcome.Failed($"{Host(url)} could not be fetched ({OneLine(e.Message)})");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new FetchOutcome.Failed($"{Host(url)} took more than {seconds.ToString(CultureInfo.InvariantCulture)} s to send the page");
        }
    }

    private static HttpRequestMessage Request(Uri url, Validators? validators)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("ChatBot", "1.0"));
        request.Headers.Accept.ParseAdd("text/html, application/xhtml+xml, application/pdf;q=0.9, text/plain;q=0.8");
        if (validators?.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (validators?.LastModified is { } modified)
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        }

        return request;
    }

    private async Task<FetchOutcome> ReadAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        var limits = community.Value;
        var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
        var declaredPdf = mediaType == "application/pdf";
        if (mediaType is not null && !declaredPdf && !TextTypes.Contains(mediaType) && mediaType != "application/octet-stream")
        {
            return new FetchOutcome.Failed($"{Host(url)} sent {mediaType}, not HTML, text or PDF");
        }

        var limit = Math.Max(limits.MaxUploadBytes, limits.MaxPdfBytes);
        if (response.Content.Headers.ContentLength > limit)
        {
            return new FetchOutcome.Failed($"{Host(url)} sent a page larger than {Megabytes(limit)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return new FetchOutcome.Failed($"{Host(url)} sent a page larger than {Megabytes(limit)}");
            }

            buffer.Write(chunk, 0, read);
        }

        var content = buffer.ToArray();
        var isPdf = declaredPdf || PdfBlocks.LooksLikePdf(content);
        var own = isPdf ? limits.MaxPdfBytes : limits.MaxUploadBytes;
        if (content.Length > own)
        {
            return new FetchOutcome.Failed($"{Host(url)} sent a {(isPdf ? "PDF" : "page")} of {Megabytes(content.Length)}; the limit is {Megabytes(own)}");
        }

        return new FetchOutcome.Fetched(content, isPdf, ValidatorsOf(response, null));
    }

    private static Validators ValidatorsOf(HttpResponseMessage response, Validators? previous)
    {
        var etag = response.Headers.ETag?.ToString() ?? previous?.ETag;
        var modified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture) ?? previous?.LastModified;
        return new Validators(etag, modified);
    }

    private static string? Check(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return "the url must be a web address starting with http:// or https://";
        }

        return uri.UserInfo.Length > 0 ? "the url may not carry a user name or password" : null;
    }

    private static T? Inner<T>(Exception e)
        where T : Exception
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Host(Uri url) => url.IsAbsoluteUri ? url.Host : "the address";

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB");

    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}
