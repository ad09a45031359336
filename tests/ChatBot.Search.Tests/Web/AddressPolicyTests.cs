using System.Net;
using ChatBot.Search.Web;

namespace ChatBot.Search.Tests.Web;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.8.9.10", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("10.1.2.3", "a private address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("169.254.169.254", "the cloud metadata address")]
    [InlineData("fd00:ec2::254", "the cloud metadata address")]
    [InlineData("169.254.10.20", "a link-local address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("100.64.0.1", "a carrier-grade NAT address")]
    [InlineData("100.127.255.254", "a carrier-grade NAT address")]
    [InlineData("224.0.0.251", "a multicast address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("fc00::1", "a unique-local address")]
    [InlineData("fd12:3456::1", "a unique-local address")]
    [InlineData("::ffff:127.0.0.1", "an IPv4-mapped address")]
    [InlineData("::ffff:10.0.0.1", "an IPv4-mapped address")]
    [InlineData("::ffff:8.8.8.8", "an IPv4-mapped address")]
    [InlineData("64:ff9b::a00:1", "a NAT64 address")]
    [InlineData("0.0.0.0", "an unspecified address")]
    [InlineData("::", "an unspecified address")]
    [InlineData("255.255.255.255", "a reserved address")]
    [InlineData("198.18.0.1", "a benchmarking address")]
    public void Refusal_NonPublicAddress_IsRefusedWithItsKind(string address, string reason)
        => Assert.Equal(reason, new AddressPolicy().Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::6810:84e5")]
    public void Refusal_PublicAddress_IsAllowed(string address)
        => Assert.Null(new AddressPolicy().Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1", null)]
    [InlineData("::1", null)]
    [InlineData("10.0.0.1", "a private address")]
    [InlineData("169.254.169.254", "the cloud metadata address")]
    [InlineData("::ffff:127.0.0.1", "an IPv4-mapped address")]
    public void Refusal_TestOnlyLoopbackSetting_AllowsLoopbackAlone(string address, string? reason)
        => Assert.Equal(reason, new AddressPolicy(allowLoopback: true).Refusal(IPAddress.Parse(address)));
}
