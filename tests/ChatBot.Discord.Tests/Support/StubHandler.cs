using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ChatBot.Discord.Tests.Support;

/// <summary>The network end of a handler pipeline: answers each request with what the test says and records when it was sent.</summary>
internal sealed class StubHandler(TimeProvider time, Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private int count;

    public ConcurrentQueue<(string Path, long At)> Sent { get; } = new();

    public int Count => Volatile.Read(ref count);

    public static HttpResponseMessage Json(HttpStatusCode status, string body = "{}", params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref count);
        Sent.Enqueue((request.RequestUri!.AbsolutePath, time.GetTimestamp()));
        return Task.FromResult(answer(request, attempt));
    }
}
