using System.Net;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Rest;

/// <summary>
/// Retries a request once after a network failure or a 502/503/504, but only when sending it twice is
/// harmless (GET, PUT, PATCH, DELETE). A POST is never repeated: a duplicated callback or message is worse
/// than an apology.
/// </summary>
internal sealed class TransientErrorHandler(TimeProvider time, ILogger<TransientErrorHandler> logger) : DelegatingHandler
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsIdempotent(request.Method))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var route = request.Options.TryGetValue(DiscordRoute.OptionKey, out var known) ? known.Template : request.Method.Method;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            RestLog.TransientRetry(logger, route, e.HttpRequestError.ToString());
            await Task.Delay(RetryDelay, time, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }

        if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
        {
            return response;
        }

        RestLog.TransientRetry(logger, route, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Dispose();
        await Task.Delay(RetryDelay, time, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    private static bool IsIdempotent(HttpMethod method)
        => method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Patch || method == HttpMethod.Delete;
}
