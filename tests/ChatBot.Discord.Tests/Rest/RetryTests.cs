using System.Net;
using ChatBot.Core;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Discord.Tests.Rest;

/// <summary>
/// Environment failures are retried once (Polly) where a repeat is harmless, never for POST; a 429 is retried by the
/// rate-limit handler alone. Every test goes through the REST client as the bot composes it.
/// </summary>
public sealed class RetryTests : IDisposable
{
    private readonly ManualTimeProvider time = new();
    private IHost? host;

    [Fact]
    public async Task Get_After502_RetriedOnceAfterHalfASecond()
    {
        var stub = new StubHandler(time, (_, n) => n == 1 ? StubHandler.Json(HttpStatusCode.BadGateway) : StubHandler.Json(HttpStatusCode.OK, "[]"));
        var rest = Client(stub);

        var listing = rest.GetCommandsAsync(1, null, CancellationToken.None);
        await time.WaitForTimersAsync();
        var early = stub.Count;
        time.Advance(DiscordRetry.RetryDelay);
        var commands = await listing.WaitAsync(TestTimeouts.Default);

        Assert.Equal(1, early);
        Assert.Empty(commands);
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public async Task Get_AfterNetworkError_RetriedOnce()
    {
        var stub = new StubHandler(time, (_, n) => n == 1 ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused") : StubHandler.Json(HttpStatusCode.OK, "[]"));
        var rest = Client(stub);

        var listing = rest.GetCommandsAsync(1, null, CancellationToken.None);
        await time.WaitForTimersAsync();
        time.Advance(DiscordRetry.RetryDelay);

        Assert.Empty(await listing.WaitAsync(TestTimeouts.Default));
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public async Task Post_After502_IsNotRepeated()
    {
        var stub = new StubHandler(time, (_, _) => StubHandler.Json(HttpStatusCode.BadGateway));
        var rest = Client(stub);

        await Assert.ThrowsAsync<DiscordRestException>(() => rest.CreateMessageAsync(7, new MessageBody { Content = "hi" }, CancellationToken.None).WaitAsync(TestTimeouts.Default));

        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task Get_429WithLongRetryAfter_NotRetriedByTheRetryPolicy()
    {
        var stub = new StubHandler(time, (_, _) => StubHandler.Json(HttpStatusCode.TooManyRequests, """{"message":"slow down","retry_after":120,"global":false}"""));
        var rest = Client(stub);

        await Assert.ThrowsAsync<DiscordRestException>(() => rest.GetCommandsAsync(1, null, CancellationToken.None).WaitAsync(TestTimeouts.Default));

        Assert.Equal(1, stub.Count);
    }

    public void Dispose()
    {
        host?.Dispose();
    }

    private DiscordRestClient Client(StubHandler stub)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "x", ["Discord:ApiBaseUrl"] = "http://discord.test/api/v10" });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IAnswerService>(new FakeAnswers());
        builder.Services.AddSingleton<ISourceCatalog>(new FakeCatalog());
        builder.Services.AddDiscordBot(builder.Configuration);
        builder.Services.AddHttpClient<DiscordRestClient>().ConfigurePrimaryHttpMessageHandler(() => stub);
        host = builder.Build();
        return host.Services.GetRequiredService<DiscordRestClient>();
    }
}
