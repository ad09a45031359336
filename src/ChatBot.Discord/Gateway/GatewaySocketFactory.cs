using System.Net.WebSockets;

namespace ChatBot.Discord.Gateway;

/// <summary>Opens the WebSocket for one gateway connection.</summary>
internal interface IGatewaySocketFactory
{
    Task<WebSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken);
}

internal sealed class ClientWebSocketFactory(GatewayTimings timings) : IGatewaySocketFactory
{
    public async Task<WebSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("User-Agent", Rest.DiscordRestClient.UserAgent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timings.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
            return socket;
        }
        catch (Exception)
        {
            socket.Dispose();
            throw;
        }
    }
}
