using System.Text;
using System.Text.Json;
using ChatBot.Discord.Gateway;
using ChatBot.Testing;

namespace ChatBot.Discord.Tests.Gateway;

/// <summary>The gateway's pure parts: the close-code table, backoff, URLs, framing and the send limiter.</summary>
public sealed class GatewayUnitTests
{
    [Theory]
    [InlineData(4000, "Reconnect")]
    [InlineData(4001, "Reconnect")]
    [InlineData(4002, "Reconnect")]
    [InlineData(4003, "NewSession")]
    [InlineData(4004, "Fatal")]
    [InlineData(4005, "NewSession")]
    [InlineData(4007, "NewSession")]
    [InlineData(4008, "NewSession")]
    [InlineData(4009, "NewSession")]
    [InlineData(4010, "ShardFatal")]
    [InlineData(4011, "ShardFatal")]
    [InlineData(4012, "Fatal")]
    [InlineData(4013, "IdentifyRefused")]
    [InlineData(4014, "IdentifyRefused")]
    [InlineData(1000, "NewSession")]
    [InlineData(1001, "Reconnect")]
    [InlineData(1006, "Reconnect")]
    [InlineData(null, "Reconnect")]
    [InlineData(4999, "Reconnect")]
    public void Classify_CloseCode_FollowsTheTable(int? code, string expected)
        => Assert.Equal(expected, GatewayCloseCodes.Classify(code).ToString());

    [Fact]
    public void Backoff_RepeatedFailures_DoublesFromOneSecondUpToSixtyWithJitter()
    {
        var low = new GatewayTimings { Random = () => 0 };
        var high = new GatewayTimings { Random = () => 0.999999 };

        Assert.Equal(TimeSpan.Zero, low.Backoff(0));
        Assert.Equal(TimeSpan.FromMilliseconds(750), low.Backoff(1));
        Assert.Equal(TimeSpan.FromMilliseconds(1750), low.Backoff(2));
        Assert.Equal(TimeSpan.FromMilliseconds(3750), low.Backoff(3));
        Assert.Equal(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(250), low.Backoff(40));
        Assert.InRange(high.Backoff(1).TotalMilliseconds, 1249, 1250);
        Assert.InRange(high.Backoff(1000).TotalSeconds, 60.2, 60.25);
    }

    [Fact]
    public void InvalidSessionDelay_Defaults_AreOneToFiveSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), new GatewayTimings { Random = () => 0 }.InvalidSessionDelay());
        Assert.Equal(TimeSpan.FromSeconds(3), new GatewayTimings { Random = () => 0.5 }.InvalidSessionDelay());
        Assert.InRange(new GatewayTimings { Random = () => 0.999999 }.InvalidSessionDelay().TotalSeconds, 4.99, 5);
    }

    [Theory]
    [InlineData("wss://gateway.discord.gg", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway.discord.gg/", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway-us-east1-b.discord.gg", "wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway.discord.gg/?v=6&encoding=etf", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5000/resume", "ws://127.0.0.1:5000/resume?v=10&encoding=json")]
    public void WithQuery_GatewayUrl_GetsVersionAndEncoding(string url, string expected)
        => Assert.Equal(expected, GatewayUri.WithQuery(url).ToString());

    [Theory]
    [InlineData("https://discord.com")]
    [InlineData("gateway.discord.gg")]
    [InlineData("")]
    public void WithQuery_NotAWebSocketUrl_Throws(string url)
        => Assert.Throws<FormatException>(() => GatewayUri.WithQuery(url));

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"d\":1}")]
    [InlineData("{\"op\":\"ten\"}")]
    public void Parse_NotAGatewayEnvelope_ThrowsJsonException(string text)
        => Assert.ThrowsAny<JsonException>(() => GatewayFrame.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Parse_UnknownOpAndNullSequence_Accepted()
    {
        var frame = GatewayFrame.Parse("""{"op":99,"d":{"x":1},"s":null,"t":null}"""u8);

        Assert.Equal(99, (int)frame.Op);
        Assert.Null(frame.Sequence);
        Assert.Equal(1, frame.Data.GetProperty("x").GetInt32());
    }

    [Fact]
    public void Encode_PayloadOver4096Bytes_IsRefused()
        => Assert.Throws<InvalidOperationException>(() => GatewayEncoder.Identify(new string('t', 5000), GatewayIntents.None));

    [Fact]
    public async Task WaitAsync_OrdinarySends_StopAt115PerMinuteLeavingFiveForHeartbeats()
    {
        var time = new ManualTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        for (var i = 0; i < 115; i++)
        {
            await limiter.WaitAsync(priority: false, CancellationToken.None);
        }

        var ordinary = limiter.WaitAsync(priority: false, CancellationToken.None).AsTask();
        for (var i = 0; i < 5; i++)
        {
            await limiter.WaitAsync(priority: true, CancellationToken.None).AsTask().WaitAsync(TestTimeouts.Default);
        }

        var heartbeat = limiter.WaitAsync(priority: true, CancellationToken.None).AsTask();
        await time.WaitForTimersAsync(2);
        Assert.False(ordinary.IsCompleted);
        Assert.False(heartbeat.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(60));
        await Task.WhenAll(ordinary, heartbeat).WaitAsync(TestTimeouts.Default);
    }
}
