using System.Net;
using ChatBot.Core;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Discord.Tests.Rest;

/// <summary>
/// The REST layer's guardrails on a manual clock (issue 10 A, D): the invalid-request breaker, channels that
/// answered 403, and the 15 s per attempt.
/// </summary>
public sealed class GuardrailTests : IDisposable
{
    private static readonly DiscordRoute Edit = new("PATCH /webhooks/:id/:token/messages/@original", "1/tok", RouteKind.InteractionWebhook);
    private static readonly DiscordRoute Commands = new("GET /applications/:id/commands", "", RouteKind.Bot);

    private readonly ManualTimeProvider time = new();
    private readonly LogCollector logs = new();

    public void Dispose() => logs.Dispose();

    [Fact]
    public async Task Breaker_InvalidRequestsPastEachBudget_StopsWhatCanWaitThenEverythingAndLogsEachChangeOnce()
    {
        var state = new RateLimitState(time, new InvalidRequestBudget { StopNonEssential = 4, StopAll = 6 });
        using var invoker = Pipeline(state, (request, _) => request.RequestUri!.AbsolutePath.Contains("/channels/", StringComparison.Ordinal)
            ? StubHandler.Json(HttpStatusCode.Forbidden, """{"message":"Missing Permissions","code":50013}""")
            : StubHandler.Json(HttpStatusCode.OK));

        for (ulong channel = 1; channel <= 4; channel++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(invoker, Post(channel))).StatusCode);
        }

        var held = await Assert.ThrowsAsync<DiscordRestException>(() => SendAsync(invoker, Post(5)));
        Assert.False(held.Sent);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(invoker, Edit)).StatusCode);
        Assert.False(state.MayPostTo(5));

        using var forbidding = Pipeline(state, (_, _) => StubHandler.Json(HttpStatusCode.Forbidden));
        await SendAsync(forbidding, Commands);
        await SendAsync(forbidding, Commands);
        var stopped = await Assert.ThrowsAsync<DiscordRestException>(() => SendAsync(invoker, Edit));

        Assert.False(stopped.Sent);
        Assert.Equal(6, state.Breaker.Count);
        Assert.Equal(2, logs.Lines.Count(l => l.EventId.Id == 3008));

        time.Advance(state.Breaker.Budget.Window);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(invoker, Edit)).StatusCode);
        Assert.Single(logs.Lines, l => l.EventId.Id == 3009);
        Assert.True(state.MayPostTo(6));
    }

    [Fact]
    public async Task Channel_Answered403_IsNotPostedToForTenMinutesOthersAre()
    {
        var state = new RateLimitState(time);
        using var invoker = Pipeline(state, (request, n) => n == 1 ? StubHandler.Json(HttpStatusCode.Forbidden) : StubHandler.Json(HttpStatusCode.OK));

        await SendAsync(invoker, Post(7));
        var blocked = await Assert.ThrowsAsync<DiscordRestException>(() => SendAsync(invoker, Post(7)));
        var other = await SendAsync(invoker, Post(8));
        time.Advance(ChannelAccess.BlockFor - TimeSpan.FromSeconds(1));
        var stillBlocked = state.MayPostTo(7);
        time.Advance(TimeSpan.FromSeconds(1));
        var again = await SendAsync(invoker, Post(7));

        Assert.Equal((HttpStatusCode.Forbidden, false), (blocked.StatusCode, blocked.Sent));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.False(stillBlocked);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(3, Stub.Count);
        Assert.Single(logs.Lines, l => l.EventId.Id == 3010);
    }

    [Theory]
    [InlineData("84992", false, true)]
    [InlineData("3072", false, false)]
    [InlineData("66560", false, false)]
    [InlineData("84992", true, false)]
    [InlineData("274877973504", true, true)]
    [InlineData("8", false, true)]
    public void Channel_AppPermissions_DecideWhetherARepliesMayBeTried(string permissions, bool thread, bool mayPost)
    {
        var channels = new ChannelAccess(time);

        channels.Observe(42, (DiscordPermissions)ulong.Parse(permissions, System.Globalization.CultureInfo.InvariantCulture), thread);

        Assert.Equal(mayPost, channels.MayPost(42));
    }

    [Fact]
    public async Task Timeout_AttemptWithoutAnswer_FailsAfter15Seconds()
    {
        using var invoker = new HttpMessageInvoker(new RequestTimeoutHandler(time) { InnerHandler = new SilentHandler() });

        var sending = SendAsync(invoker, Commands);
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromSeconds(14.9));
        var early = sending.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(0.1));
        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => sending.WaitAsync(TestTimeouts.Default));

        Assert.False(early, "gave up before 15 s");
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(TimeSpan.FromSeconds(15), RequestTimeoutHandler.Timeout);
    }

    [Fact]
    public async Task Timeout_ConfiguredClient_GivesDiscord15SecondsPerAttempt()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "x", ["Discord:ApiBaseUrl"] = "http://discord.test/api/v10" });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IAnswerService>(new FakeAnswers());
        builder.Services.AddSingleton<ISourceCatalog>(new FakeCatalog());
        builder.Services.AddDiscordBot(builder.Configuration);
        builder.Services.AddHttpClient<DiscordRestClient>().ConfigurePrimaryHttpMessageHandler(() => new SilentHandler());
        using var host = builder.Build();
        var rest = host.Services.GetRequiredService<DiscordRestClient>();

        var discovery = rest.GetGatewayBotAsync(CancellationToken.None);
        await time.WaitForTimersAsync();
        time.Advance(TimeSpan.FromSeconds(14));
        var early = discovery.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => discovery.WaitAsync(TestTimeouts.Default));

        Assert.False(early, "gave up before 15 s");
        Assert.Contains("within 15 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), DiscordRestClient.TotalTimeout);
    }

    private static DiscordRoute Post(ulong channel)
        => new("POST /channels/:id/messages", channel.ToString(System.Globalization.CultureInfo.InvariantCulture), RouteKind.Bot) { ChannelId = channel, Essential = false };

    private StubHandler Stub { get; set; } = null!;

    private HttpMessageInvoker Pipeline(RateLimitState state, Func<HttpRequestMessage, int, HttpResponseMessage> answer)
    {
        Stub = new StubHandler(time, answer);
        return new HttpMessageInvoker(new RateLimitHandler(state, logs.CreateLogger<RateLimitHandler>()) { InnerHandler = Stub });
    }

    private static Task<HttpResponseMessage> SendAsync(HttpMessageInvoker invoker, DiscordRoute route)
    {
        var path = route.ChannelId is { } channel ? $"channels/{channel}/messages" : "route";
        var request = new HttpRequestMessage(HttpMethod.Post, "http://discord.test/api/v10/" + path);
        request.Options.Set(DiscordRoute.OptionKey, route);
        return invoker.SendAsync(request, CancellationToken.None);
    }

    /// <summary>A Discord that never answers.</summary>
    private sealed class SilentHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
