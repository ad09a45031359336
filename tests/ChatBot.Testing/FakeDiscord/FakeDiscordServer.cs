using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Testing.FakeDiscord;

/// <summary>
/// An in-process Discord for tests: Kestrel on 127.0.0.1 with a free port, the REST routes the bot uses under
/// <c>/api/v10</c>, and the gateway WebSocket at <c>/gateway</c> (the URL <c>GET /gateway/bot</c> returns) and
/// <c>/resume</c> (the <c>resume_gateway_url</c> READY returns), so a test can tell where a RESUME went. It
/// records every request and frame, validates message bodies against Discord's limits, enforces the 3-second
/// interaction deadline, and can be scripted (429s, closes, silence).
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Content, bool Chunked)> files = new(StringComparer.Ordinal);
    private int fileCount;
    private int fileDownloads;

    private FakeDiscordServer(WebApplication app, FakeDiscordOptions options)
    {
        this.app = app;
        Options = options;
        Interactions = new FakeInteractionRegistry(options);
        Rest = new FakeRest(this);
        Gateway = new FakeGateway(this);
    }

    public FakeDiscordOptions Options { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Root { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What <c>Discord:ApiBaseUrl</c> must be set to.</summary>
    public Uri ApiBaseUrl => new(Root, "api/v10");

    public Uri GatewayUrl => new UriBuilder(Root) { Scheme = "ws", Path = "/gateway" }.Uri;

    public Uri ResumeUrl => new UriBuilder(Root) { Scheme = "ws", Path = "/resume" }.Uri;

    public FakeRest Rest { get; }

    public FakeGateway Gateway { get; }

    public FakeInteractionRegistry Interactions { get; }

    public static async Task<FakeDiscordServer> StartAsync(FakeDiscordOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeDiscordServer(app, options ?? new FakeDiscordOptions());
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Root = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Sends an interaction over the connection as INTERACTION_CREATE and starts its 3-second clock.</summary>
    public async Task<FakeInteraction> SendInteractionAsync(FakeGatewayConnection connection, FakeInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(interaction);
        Interactions.Register(interaction);
        await connection.SendDispatchAsync("INTERACTION_CREATE", interaction.Payload);
        return interaction;
    }

    /// <summary>Like <see cref="SendInteractionAsync"/>, with the payload's JSON text changed by <paramref name="rewrite"/> (e.g. to hold a lone surrogate).</summary>
    public async Task<FakeInteraction> SendInteractionAsync(FakeGatewayConnection connection, FakeInteraction interaction, Func<string, string> rewrite)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(rewrite);
        Interactions.Register(interaction);
        await connection.SendRawDispatchAsync("INTERACTION_CREATE", rewrite(interaction.Payload.ToJsonString()));
        return interaction;
    }

    /// <summary>Like <see cref="SendInteractionAsync"/>, with the message split into several WebSocket frames.</summary>
    public async Task<FakeInteraction> SendInteractionInFramesAsync(FakeGatewayConnection connection, FakeInteraction interaction, int parts)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(interaction);
        Interactions.Register(interaction);
        await connection.SendDispatchInFramesAsync("INTERACTION_CREATE", interaction.Payload, parts);
        return interaction;
    }

    /// <summary>
    /// Serves a file as Discord's CDN serves an attachment, at <c>/attachments/…</c> on this server (the bot accepts
    /// the configured API's host). Chunked, it has no Content-Length, so only counting while reading finds its size.
    /// </summary>
    public Uri AddFile(string name, byte[] content, bool chunked = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = $"/attachments/{Interlocked.Increment(ref fileCount)}/{Uri.EscapeDataString(name)}";
        files[path] = (content, chunked);
        return new Uri(Root, path.TrimStart('/') + "?ex=6760&is=675e&hm=c2lnbmF0dXJl");
    }

    /// <summary>How many times files were downloaded.</summary>
    public int FileDownloads => Volatile.Read(ref fileDownloads);

    public async ValueTask DisposeAsync()
    {
        Gateway.AbortAll();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
        Rest.Dispose();
    }

    private async Task ServeFileAsync(HttpContext context, byte[] content, bool chunked)
    {
        Interlocked.Increment(ref fileDownloads);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/octet-stream";
        if (!chunked)
        {
            context.Response.ContentLength = content.Length;
        }

        for (var offset = 0; offset < content.Length; offset += 64 * 1024)
        {
            await context.Response.Body.WriteAsync(content.AsMemory(offset, Math.Min(64 * 1024, content.Length - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api/v10", out var rest))
        {
            return Rest.HandleAsync(context, rest.Value ?? "/");
        }

        if (context.Request.Path == "/gateway" || context.Request.Path == "/resume")
        {
            return Gateway.AcceptAsync(context);
        }

        if (context.Request.Method == "GET" && files.TryGetValue(context.Request.Path.Value ?? "", out var file))
        {
            return ServeFileAsync(context, file.Content, file.Chunked);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
