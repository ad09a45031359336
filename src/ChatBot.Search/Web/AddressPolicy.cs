using System.Net;
using System.Net.Sockets;

namespace ChatBot.Search.Web;

/// <summary>
/// Which addresses a fetch of a web source may connect to: public unicast addresses only. Refused, with the
/// reason: loopback, private (RFC 1918), link-local (with the cloud metadata address 169.254.169.254), carrier-grade
/// NAT, multicast, unique-local IPv6 (with fd00:ec2::254), IPv4-mapped and other IPv6 forms that carry an IPv4
/// address, and the unspecified, reserved, benchmarking and protocol-assignment ranges. Applied to every address a
/// name resolves to, at connect time (<see cref="SafeHttpHandler"/>), so a name that resolves to a public address
/// first and a private one later cannot get through.
/// </summary>
public sealed class AddressPolicy(bool allowLoopback = false)
{
    private static readonly (IPNetwork Network, string Reason)[] Refused =
    [
        (IPNetwork.Parse("169.254.169.254/32"), "the cloud metadata address"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "the cloud metadata address"),
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.0.0.0/24"), "a protocol-assignment address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("::/96"), "an IPv4-compatible address"),
        (IPNetwork.Parse("64:ff9b::/96"), "a NAT64 address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a NAT64 address"),
        (IPNetwork.Parse("2002::/16"), "a 6to4 address"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    /// <summary>Why a connection to <paramref name="address"/> is refused; null when it is allowed.</summary>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return "not an IP address";
        }

        // Checked by hand: IPNetwork.Contains does not match ::ffff:0:0/96 against a mapped address.
        if (address.IsIPv4MappedToIPv6)
        {
            return "an IPv4-mapped address";
        }

        if (allowLoopback && IPAddress.IsLoopback(address))
        {
            return null;
        }

        foreach (var (network, reason) in Refused)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }
}
