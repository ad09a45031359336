using System.Net;
using System.Net.Sockets;

namespace ChatBot.Search.Web;

/// <summary>A connection refused because of where it would go; the message names the host and why.</summary>
public sealed class RefusedAddressException(string message) : Exception(message);

/// <summary>Looks up the addresses of a host name (the system's DNS by default; a test gives its own answers).</summary>
public delegate ValueTask<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>
/// The HTTP handler of web-source fetches: it resolves the host itself and connects only when every address the
/// name resolves to passes <see cref="AddressPolicy"/>, then connects to those very addresses, so no second lookup
/// (DNS rebinding) can swap in another. No proxy (it would connect for us), no cookies, no credentials, no
/// automatic redirects (<see cref="WebPageFetcher"/> follows them itself, each one checked again here).
/// </summary>
public static class SafeHttpHandler
{
    /// <summary>The system's DNS.</summary>
    public static readonly HostResolver SystemDns = async (host, cancellationToken) => await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

    /// <param name="policy">Which addresses may be connected to.</param>
    /// <param name="resolve">
    /// How names are looked up, once per connection (default: <see cref="SystemDns"/>): the addresses it answers are
    /// checked and then connected to, so a later answer (DNS rebinding) never reaches a connection unchecked.
    /// </param>
    public static SocketsHttpHandler Create(AddressPolicy policy, HostResolver? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        resolve ??= SystemDns;
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
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, resolve, context.DnsEndPoint, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(AddressPolicy policy, HostResolver resolve, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolve(host, cancellationToken).ConfigureAwait(false);
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
