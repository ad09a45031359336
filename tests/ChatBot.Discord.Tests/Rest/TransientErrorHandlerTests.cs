using System.Net;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Discord.Tests.Rest;

/// <summary>Environment failures are retried once where a repeat is harmless, never for POST.</summary>
public sealed class TransientErrorHandlerTests
{
    private readonly ManualTimeProvider time = new();

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    public async Task Send_IdempotentAfter502_RetriesOnceAfterDelay(string method)
    {
        var stub = new StubHandler(time, (_, n) => StubHandler.Json(n == 1 ? HttpStatusCode.BadGateway : HttpStatusCode.OK));
        using var invoker = new HttpMessageInvoker(new TransientErrorHandler(time, NullLogger<TransientErrorHandler>.Instance) { InnerHandler = stub });

        var sending = invoker.SendAsync(new HttpRequestMessage(new HttpMethod(method), "http://discord.test/x"), CancellationToken.None);
        await time.WaitForTimersAsync();
        time.Advance(TransientErrorHandler.RetryDelay);
        var response = await sending.WaitAsync(TestTimeouts.Default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stub.Count);
    }

    [Fact]
    public async Task Send_PostAfter502_IsNotRepeated()
    {
        var stub = new StubHandler(time, (_, _) => StubHandler.Json(HttpStatusCode.BadGateway));
        using var invoker = new HttpMessageInvoker(new TransientErrorHandler(time, NullLogger<TransientErrorHandler>.Instance) { InnerHandler = stub });

        var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://discord.test/x"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task Send_GetAfterNetworkError_RetriesOnce()
    {
        var stub = new StubHandler(time, (_, n) => n == 1 ? throw new HttpRequestException(HttpRequestError.ConnectionError, "refused") : StubHandler.Json(HttpStatusCode.OK));
        using var invoker = new HttpMessageInvoker(new TransientErrorHandler(time, NullLogger<TransientErrorHandler>.Instance) { InnerHandler = stub });

        var sending = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://discord.test/x"), CancellationToken.None);
        await time.WaitForTimersAsync();
        time.Advance(TransientErrorHandler.RetryDelay);

        Assert.Equal(HttpStatusCode.OK, (await sending.WaitAsync(TestTimeouts.Default)).StatusCode);
    }
}
