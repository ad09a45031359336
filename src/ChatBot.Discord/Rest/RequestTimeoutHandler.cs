using Polly;
using Polly.Timeout;

namespace ChatBot.Discord.Rest;

/// <summary>
/// Gives each attempt of a request to Discord <see cref="Timeout"/> (15 s, as discord.js and Discord.Net do) instead
/// of HttpClient's 100 s, with Polly's timeout strategy. It is the innermost handler, so waits for a rate-limit bucket
/// or a 429's retry_after do not count against it; <see cref="DiscordRestClient.TotalTimeout"/> bounds those. A
/// timeout is a <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>, as HttpClient's own is,
/// so callers handle it as they handle HttpClient's.
/// </summary>
internal sealed class RequestTimeoutHandler(TimeProvider time) : DelegatingHandler
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(Timeout).Build();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await pipeline.ExecuteAsync(static async (state, ct) => await state.Handler.SendBaseAsync(state.Request, ct), (Handler: this, Request: request), cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            var route = request.Options.TryGetValue(DiscordRoute.OptionKey, out var known) ? known.Template : request.Method.Method;
            throw new TaskCanceledException($"Discord did not answer {route} within {Timeout.TotalSeconds:0} s.", new TimeoutException(e.Message, e));
        }
    }

    private Task<HttpResponseMessage> SendBaseAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
}
