using System.Globalization;
using System.Net;
using ChatBot.Core;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Community;

/// <summary>What became of a download: the bytes, or one line saying why not.</summary>
internal abstract record DownloadOutcome
{
    private DownloadOutcome()
    {
    }

    public sealed record Downloaded(byte[] Content) : DownloadOutcome;

    public sealed record Failed(string Reason) : DownloadOutcome;
}

/// <summary>
/// Downloads an uploaded file from Discord's CDN (or the configured API's own host, which is how tests serve
/// files) within <see cref="CommunityOptions.DownloadTimeoutSeconds"/>, never following a redirect elsewhere, and
/// never reading more than the size limit whatever the server claims. What arrives must be exactly the size the
/// attachment claims (and the Content-Length, when there is one): more or fewer bytes mean a file that is not the
/// one the moderator attached, and it is refused. The attachment URL's query carries signatures, so it is never logged.
/// </summary>
internal sealed class AttachmentDownloader(HttpClient http, IOptions<CommunityOptions> community, IOptions<DiscordOptions> discord)
{
    private static readonly string[] DiscordHosts = ["cdn.discordapp.com", "media.discordapp.net"];

    /// <summary>The download's own timeout governs, not HttpClient's 100 s nor the 15 s of requests to the API.</summary>
    public static void Configure(HttpClient client, CommunityOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        client.Timeout = TimeSpan.FromSeconds(options.DownloadTimeoutSeconds + 5);
    }

    public async Task<DownloadOutcome> DownloadAsync(DiscordAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var limit = community.Value.MaxUploadBytes;
        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || !IsAllowed(url))
        {
            return new DownloadOutcome.Failed("the attachment does not come from Discord");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(community.Value.DownloadTimeoutSeconds));
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new DownloadOutcome.Failed($"Discord answered {(int)response.StatusCode} when the file was fetched; upload it again");
            }

            var declared = response.Content.Headers.ContentLength;
            if (declared > limit)
            {
                return new DownloadOutcome.Failed(TooLarge(limit));
            }

            if (declared is { } length && length != attachment.Size)
            {
                return new DownloadOutcome.Failed(Mismatch(attachment.Size, length));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return new DownloadOutcome.Failed(TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }

            if (buffer.Length != attachment.Size)
            {
                return new DownloadOutcome.Failed(Mismatch(attachment.Size, buffer.Length));
            }

            return new DownloadOutcome.Downloaded(buffer.ToArray());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DownloadOutcome.Failed($"the file did not arrive within {community.Value.DownloadTimeoutSeconds} seconds; try again");
        }
        catch (HttpRequestException e)
        {
            return new DownloadOutcome.Failed($"the file could not be fetched ({e.HttpRequestError}); try again");
        }
    }

    private bool IsAllowed(Uri url)
        => (url.Scheme == Uri.UriSchemeHttps && DiscordHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
           || (url.Host == discord.Value.ApiBaseUrl.Host && url.Scheme == discord.Value.ApiBaseUrl.Scheme);

    private static string TooLarge(int limit) => $"the file is larger than the {Megabytes(limit)} limit";

    private static string Mismatch(long claimed, long received)
        => string.Create(CultureInfo.InvariantCulture, $"Discord said the file has {claimed:N0} bytes but {received:N0} arrived; upload it again");

    /// <summary>"2 MB", "2.5 MB": how sizes are said to moderators.</summary>
    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024.0):0.#} MB");
}
