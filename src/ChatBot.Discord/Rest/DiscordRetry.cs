using System.Globalization;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The retry around every request to Discord (Polly, through Microsoft.Extensions.Http.Resilience): once, after
/// <see cref="RetryDelay"/>, after a network failure or a 502/503/504, and only when sending twice is harmless (GET,
/// PUT, PATCH, DELETE). A POST is never repeated: a duplicated callback or message is worse than an apology. A 429
/// is not this retry's business: the <see cref="RateLimitHandler"/> inside it waits out <c>retry_after</c> itself.
/// </summary>
internal static class DiscordRetry
{
    public const string PipelineName = "discord-retry";

    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 1,
            Delay = RetryDelay,
            BackoffType = DelayBackoffType.Constant,
            UseJitter = false,
            ShouldRetryAfterHeader = false,
            ShouldHandle = static args => ValueTask.FromResult(IsRetryable(args.Context.GetRequestMessage(), args.Outcome)),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                var route = request is not null && request.Options.TryGetValue(DiscordRoute.OptionKey, out var known) ? known.Template : request?.Method.Method ?? "?";
                var reason = args.Outcome.Exception is HttpRequestException e
                    ? e.HttpRequestError.ToString()
                    : ((int?)args.Outcome.Result?.StatusCode)?.ToString(CultureInfo.InvariantCulture) ?? "?";
                RestLog.TransientRetry(logger, route, reason);
                return ValueTask.CompletedTask;
            },
        });
    }

    private static bool IsRetryable(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (request is null || !IsIdempotent(request.Method))
        {
            return false;
        }

        return outcome.Exception is HttpRequestException
               || outcome.Result?.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
    }

    private static bool IsIdempotent(HttpMethod method)
        => method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Patch || method == HttpMethod.Delete;
}
