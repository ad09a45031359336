using System.Net;
using System.Net.Sockets;

namespace ChatBot.Search.Web;

/// <summary>A connection refused because of where it would go; the message names the host and why.</summary>
public sealed class RefusedAddressException(string message) : Exception(message);

/// <summary>
/// The HTTP handler of web-source fetches: it resolves the host itself and connects only when every address the
/// name resolves to passes <see cref="AddressPolicy"/>, then connects to those very addresses, so no second lookup
/// (DNS rebinding) can swap in another. No proxy (it would connect for us), no cookies, no credentials, no
/// automatic redirects (<see cref="WebPageFetcher"/> follows them itself, each one checked again here).
/// </summary>
public static class SafeHttpHandler
{
    public static SocketsHttpHandler Create(AddressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            Credentials = null,
            PreAuthenticate = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(AddressPolicy policy, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new RefusedAddressException($"{host} has no address");
        }

        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } reason)
            {
                throw new RefusedAddressException($"{host} resolves to {reason} ({address}), which is not fetched");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception)
        {
            socket.Dispose();
            throw;
        }
    }
}
