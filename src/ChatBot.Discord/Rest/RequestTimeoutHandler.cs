namespace ChatBot.Discord.Rest;

/// <summary>
/// Gives each attempt of a request to Discord <see cref="Timeout"/> (15 s, as the spec, discord.js and Discord.Net
/// do) instead of HttpClient's 100 s. It is the innermost handler, so waits for a rate-limit bucket or a 429's
/// retry_after do not count against it; <see cref="DiscordRestClient.TotalTimeout"/> bounds those. A timeout is a
/// <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>, as HttpClient's own is.
/// </summary>
internal sealed class RequestTimeoutHandler(TimeProvider time) : DelegatingHandler
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await base.SendAsync(request, linked.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var route = request.Options.TryGetValue(DiscordRoute.OptionKey, out var known) ? known.Template : request.Method.Method;
            throw new TaskCanceledException($"Discord did not answer {route} within {Timeout.TotalSeconds:0} s.", new TimeoutException(e.Message, e));
        }
    }
}
