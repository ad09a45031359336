using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Testing;

/// <summary>One request a <see cref="TestWebServer"/> received: its path and the conditional headers it carried.</summary>
public sealed record TestWebRequest(string Path, string? IfNoneMatch, string? IfModifiedSince, string? Cookie, string? Authorization);

/// <summary>
/// An in-process web server for tests of web sources: Kestrel on 127.0.0.1 with a free port, each path served by a
/// handler a test sets (and may change), every request recorded. Fetchers reach it only with the test-only
/// setting <c>Sources:AllowLoopbackForTests</c>.
/// </summary>
public sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, RequestDelegate> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TestWebRequest> requests = new();

    private TestWebServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<TestWebRequest> Requests => [.. requests];

    public static async Task<TestWebServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestWebServer? server = null;
        app.Run(context => server!.ServeAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new TestWebServer(app, new Uri(address + "/"));
        return server;
    }

    /// <summary>The absolute address of <paramref name="path"/> on this server.</summary>
    public Uri Url(string path) => new(BaseUrl, path);

    /// <summary>Serves <paramref name="path"/> with <paramref name="handler"/> from now on.</summary>
    public void Map(string path, RequestDelegate handler) => routes[path] = handler;

    /// <summary>Serves <paramref name="path"/> as fixed content with an ETag, answering 304 to a request that has it.</summary>
    public void MapPage(string path, string contentType, byte[] content, string? etag = null) => Map(path, async context =>
    {
        if (etag is not null)
        {
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = 304;
                return;
            }
        }

        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content, context.RequestAborted);
    });

    /// <summary>Answers <paramref name="path"/> with a redirect to <paramref name="location"/>.</summary>
    public void MapRedirect(string path, string location, int status = 302) => Map(path, context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private Task ServeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        requests.Enqueue(new TestWebRequest(
            context.Request.Path.Value ?? "/", NullIfEmpty(headers.IfNoneMatch), NullIfEmpty(headers.IfModifiedSince), NullIfEmpty(headers.Cookie),
            NullIfEmpty(headers.Authorization)));
        if (routes.TryGetValue(context.Request.Path.Value ?? "/", out var handler))
        {
            return handler(context);
        }

        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values.ToString();
}
