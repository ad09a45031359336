using System.Net;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Discord.Tests.Rest;

/// <summary>The REST limiter (https://discord.com/developers/docs/topics/rate-limits) on a manual clock: buckets, Reset-After, 429s, the global limit, callbacks, 401.</summary>
public sealed class RateLimitHandlerTests
{
    private static readonly DiscordRoute Messages = new("POST /channels/:id/messages", "111", RouteKind.Bot);
    private static readonly DiscordRoute OtherChannel = new("POST /channels/:id/messages", "222", RouteKind.Bot);
    private static readonly DiscordRoute Callback = new("POST /interactions/:id/:token/callback", "", RouteKind.InteractionCallback);
    private static readonly DiscordRoute Edit = new("PATCH /webhooks/:id/:token/messages/@original", "1/tok", RouteKind.InteractionWebhook);

    private readonly ManualTimeProvider time = new();

    [Fact]
    public async Task Send_BucketExhausted_NextRequestWaitsForResetAfter()
    {
        using var invoker = Pipeline((_, n) => Exhausted(resetAfter: "2.5"));

        await SendAsync(invoker, Messages);
        var second = SendAsync(invoker, Messages);
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromMilliseconds(2400));
        var waitedEnough = second.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(100));
        await second.WaitAsync(TestTimeouts.Default);

        Assert.False(waitedEnough, "sent before X-RateLimit-Reset-After");
        Assert.Equal(2, Stub.Count);
    }

    [Fact]
    public async Task Send_SameHashOtherMajorParameter_DoesNotWait()
    {
        using var invoker = Pipeline((_, n) => Exhausted(resetAfter: "60"));

        await SendAsync(invoker, Messages);
        await SendAsync(invoker, OtherChannel).WaitAsync(TestTimeouts.Default);

        Assert.Equal(2, Stub.Count);
    }

    [Fact]
    public async Task Send_429_RetriesOnceAfterRetryAfter()
    {
        using var invoker = Pipeline((_, n) => n == 1 ? RateLimited("1.5") : StubHandler.Json(HttpStatusCode.OK));

        var sending = SendAsync(invoker, Messages);
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromMilliseconds(1400));
        var early = Stub.Count;
        time.Advance(TimeSpan.FromMilliseconds(100));
        var response = await sending.WaitAsync(TestTimeouts.Default);

        Assert.Equal(1, early);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Stub.Count);
    }

    [Fact]
    public async Task Send_429Again_ReturnsItInsteadOfLooping()
    {
        using var invoker = Pipeline((_, n) => RateLimited("0.5"));

        var sending = SendAsync(invoker, Messages);
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        var response = await sending.WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(2, Stub.Count);
    }

    [Fact]
    public async Task Send_429WithHugeRetryAfter_ReturnsAtOnce()
    {
        using var invoker = Pipeline((_, n) => StubHandler.Json(HttpStatusCode.TooManyRequests, Payload.Text("F7-429-shared.json"), ("Retry-After", "1337"), ("X-RateLimit-Scope", "shared")));

        var response = await SendAsync(invoker, Messages).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, Stub.Count);
    }

    [Fact]
    public async Task Send_GlobalLimit_51stRequestInOneSecondWaits()
    {
        using var invoker = Pipeline((_, n) => StubHandler.Json(HttpStatusCode.OK));

        for (var i = 0; i < 50; i++)
        {
            await SendAsync(invoker, new DiscordRoute("POST /channels/:id/messages", i.ToString(System.Globalization.CultureInfo.InvariantCulture), RouteKind.Bot));
        }

        var fiftyFirst = SendAsync(invoker, Messages);
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromMilliseconds(999));
        var early = fiftyFirst.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await fiftyFirst.WaitAsync(TestTimeouts.Default);

        Assert.False(early);
        Assert.Equal(51, Stub.Count);
    }

    [Fact]
    public async Task Send_Global429_PausesOtherBotRoutesButNotCallbacks()
    {
        using var invoker = Pipeline((request, n) => n == 1
            ? StubHandler.Json(HttpStatusCode.TooManyRequests, Payload.Text("F7-429-global.json").Replace("64.57", "2", StringComparison.Ordinal), ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global"))
            : StubHandler.Json(HttpStatusCode.OK));

        var limited = SendAsync(invoker, Messages);
        await time.WaitForTimersAsync();
        var other = SendAsync(invoker, OtherChannel);
        await time.WaitForTimersAsync(2);
        var callback = await SendAsync(invoker, Callback).WaitAsync(TestTimeouts.Default);
        var otherEarly = other.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(limited, other).WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.False(otherEarly, "another bot route went through during a global 429 pause");
        Assert.Equal(4, Stub.Count);
    }

    [Fact]
    public async Task Send_CallbackWhileItsRouteWasLimited_NeverWaitsForABucket()
    {
        using var invoker = Pipeline((_, n) => Exhausted(resetAfter: "60"));

        await SendAsync(invoker, Callback);
        await SendAsync(invoker, Callback).WaitAsync(TestTimeouts.Default);

        Assert.Equal(2, Stub.Count);
    }

    [Fact]
    public async Task Send_InteractionWebhook_ExemptFromGlobalLimit()
    {
        using var invoker = Pipeline((_, n) => StubHandler.Json(HttpStatusCode.OK));
        for (var i = 0; i < 50; i++)
        {
            await SendAsync(invoker, new DiscordRoute("POST /channels/:id/messages", i.ToString(System.Globalization.CultureInfo.InvariantCulture), RouteKind.Bot));
        }

        await SendAsync(invoker, Edit).WaitAsync(TestTimeouts.Default);

        Assert.Equal(51, Stub.Count);
    }

    [Fact]
    public async Task Send_401OnBotRoute_StopsBotRequestsButNotInteractionOnes()
    {
        using var invoker = Pipeline((_, n) => n == 1 ? StubHandler.Json(HttpStatusCode.Unauthorized, """{"message":"401: Unauthorized","code":0}""") : StubHandler.Json(HttpStatusCode.OK));

        var unauthorized = await SendAsync(invoker, Messages);
        var refused = await Assert.ThrowsAsync<DiscordRestException>(() => SendAsync(invoker, OtherChannel));
        var edit = await SendAsync(invoker, Edit);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(2, Stub.Count);
    }

    [Fact]
    public async Task Send_429_RetriesWithTheSameBody()
    {
        var bodies = new List<string>();
        using var invoker = Pipeline((request, n) =>
        {
            bodies.Add(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return n == 1 ? RateLimited("0.1") : StubHandler.Json(HttpStatusCode.OK);
        });

        var sending = SendAsync(invoker, Messages, """{"content":"hello"}""");
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromMilliseconds(100));
        await sending.WaitAsync(TestTimeouts.Default);

        Assert.Equal(["""{"content":"hello"}""", """{"content":"hello"}"""], bodies);
    }

    private StubHandler Stub { get; set; } = null!;

    private HttpMessageInvoker Pipeline(Func<HttpRequestMessage, int, HttpResponseMessage> answer)
    {
        Stub = new StubHandler(time, answer);
        return new HttpMessageInvoker(new RateLimitHandler(new RateLimitState(time), NullLogger<RateLimitHandler>.Instance) { InnerHandler = Stub });
    }

    private static Task<HttpResponseMessage> SendAsync(HttpMessageInvoker invoker, DiscordRoute route, string? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://discord.test/api/v10/route");
        request.Options.Set(DiscordRoute.OptionKey, route);
        if (route.Kind == RouteKind.Bot)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bot x");
        }

        if (body is not null)
        {
            request.Content = new StringContent(body);
        }

        return invoker.SendAsync(request, CancellationToken.None);
    }

    private static HttpResponseMessage Exhausted(string resetAfter)
        => StubHandler.Json(HttpStatusCode.OK, "{}", ("X-RateLimit-Bucket", "abcd1234"), ("X-RateLimit-Limit", "5"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", resetAfter));

    private static HttpResponseMessage RateLimited(string retryAfter)
        => StubHandler.Json(
            HttpStatusCode.TooManyRequests,
            Payload.Text("F7-429-user.json").Replace("64.57", retryAfter, StringComparison.Ordinal),
            ("Retry-After", "65"),
            ("X-RateLimit-Bucket", "abcd1234"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset-After", retryAfter),
            ("X-RateLimit-Scope", "user"));
}
