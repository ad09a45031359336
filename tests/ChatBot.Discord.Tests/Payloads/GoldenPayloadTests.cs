using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Tests.Payloads;

/// <summary>Payloads as Discord sends and expects them, as files under Payloads/: what we read from them and what we write for them.</summary>
public sealed class GoldenPayloadTests
{
    [Fact]
    public void Parse_F1Hello_ReadsHeartbeatInterval()
    {
        var frame = GatewayFrame.Parse(Bytes("F1-hello.json"));

        Assert.Equal(GatewayOpCode.Hello, frame.Op);
        Assert.Equal(45000, DiscordJson.Deserialize<HelloEvent>(frame.Data)!.HeartbeatInterval);
        Assert.Null(frame.Sequence);
    }

    [Fact]
    public void Encode_HeartbeatWithSequence_MatchesF1Heartbeat()
        => Assert.True(Payload.SameJson(Payload.Text("F1-heartbeat.json"), Encoding.UTF8.GetString(GatewayEncoder.Heartbeat(251))));

    [Theory]
    [InlineData("F1-heartbeat-ack.json", 11, JsonValueKind.Undefined)]
    [InlineData("F1-reconnect.json", 7, JsonValueKind.Null)]
    [InlineData("F1-invalid-session.json", 9, JsonValueKind.False)]
    [InlineData("F1-heartbeat.json", 1, JsonValueKind.Number)]
    public void Parse_F1ControlMessages_ReadOpAndData(string file, int op, JsonValueKind data)
    {
        var frame = GatewayFrame.Parse(Bytes(file));

        Assert.Equal(op, (int)frame.Op);
        Assert.Equal(data, frame.Data.ValueKind);
        Assert.Null(frame.EventName);
    }

    [Fact]
    public void Encode_Resume_MatchesF2()
        => Assert.True(Payload.SameJson(Payload.Text("F2-resume.json"), Encoding.UTF8.GetString(GatewayEncoder.Resume("randomstring", "evenmorerandomstring", 1337))));

    [Fact]
    public void Parse_F3ReadySynthetic_ReadsSessionResumeUrlAndApplication()
    {
        var frame = GatewayFrame.Parse(Bytes("F3-ready.synthetic.json"));
        var ready = DiscordJson.Deserialize<ReadyEvent>(frame.Data)!;

        Assert.Equal(("READY", 1), (frame.EventName, frame.Sequence));
        Assert.Equal("0123456789abcdef0123456789abcdef", ready.SessionId);
        Assert.Equal("wss://gateway-us-east1-b.discord.gg", ready.ResumeGatewayUrl);
        Assert.Equal(1100000000000000001UL, ready.Application!.Id);
        Assert.Equal(1100000000000000001UL, ready.User!.Id);
        Assert.True(ready.User.Bot);
        Assert.Equal("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json", GatewayUri.WithQuery(ready.ResumeGatewayUrl!).ToString());
    }

    [Fact]
    public void Parse_F3ReadyWithUndocumentedKeys_IgnoresThem()
    {
        var ready = Payload.Json("F3-ready.synthetic.json");
        var d = ready["d"]!.AsObject();
        foreach (var key in new[] { "user_settings", "session_type", "relationships", "private_channels", "presences", "guild_join_requests", "geo_ordered_rtc_regions", "game_relationships", "auth", "_trace" })
        {
            d[key] = new JsonArray(new JsonObject { ["anything"] = 1 });
        }

        var frame = GatewayFrame.Parse(Encoding.UTF8.GetBytes(ready.ToJsonString()));

        Assert.Equal("0123456789abcdef0123456789abcdef", DiscordJson.Deserialize<ReadyEvent>(frame.Data)!.SessionId);
    }

    [Fact]
    public void Parse_F4SlashCommand_ReadsSnowflakesPermissionsAndOptions()
    {
        var interaction = Interaction("F4-interaction-create.json");
        var call = new InteractionContext(interaction, 0);

        Assert.Equal(786008729715212338UL, interaction.Id);
        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("A_UNIQUE_TOKEN", interaction.Token);
        Assert.Equal(0UL, interaction.ApplicationId);
        Assert.Equal(290926798626357999UL, call.GuildId);
        Assert.Equal(645027906669510667UL, call.ChannelId);
        Assert.Equal(53908232506183680UL, call.UserId);
        Assert.Equal((DiscordPermissions)2147483647, call.MemberPermissions);
        Assert.Equal((DiscordPermissions)442368, call.AppPermissions);
        Assert.Equal(539082325061836999UL, Assert.Single(interaction.Member!.Roles!));
        Assert.Equal("cardsearch", call.CommandName);
        Assert.Equal("The Gitrog Monster", call.String("cardname"));
        Assert.Equal(CorpusScope.ForGuild(290926798626357999), call.Scope);
        Assert.True(call.HasPermissions(DiscordPermissions.ManageGuild));
    }

    [Fact]
    public void Parse_F4WithUnknownTypesAndFields_DoesNotThrow()
    {
        var payload = Payload.Json("F4-interaction-create.json").AsObject();
        payload["type"] = 99;
        payload["data"]!["type"] = 42;
        payload["data"]!["options"]![0]!["type"] = 77;
        payload["data"]!["component_type"] = 99;
        payload["context"] = 9;
        payload["brand_new_field"] = new JsonObject { ["x"] = new JsonArray(1, 2) };
        payload["app_permissions"] = (1UL << 51).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var interaction = DiscordJson.Deserialize<Interaction>(JsonSerializer.SerializeToElement(payload))!;

        Assert.Equal(99, (int)interaction.Type);
        Assert.Equal(42, (int)interaction.Data!.Type!.Value);
        Assert.Equal(77, (int)interaction.Data.Options![0].Type);
        Assert.Equal((DiscordPermissions)(1UL << 51), interaction.AppPermissions);
    }

    [Fact]
    public void Parse_F5Autocomplete_FindsFocusedPartialValue()
    {
        var call = new InteractionContext(Interaction("F5-autocomplete.json", withIdAndToken: true), 0);

        Assert.Equal(InteractionType.ApplicationCommandAutocomplete, call.Kind);
        Assert.Equal("airhorn", call.CommandName);
        Assert.Equal("variant", call.Focused!.Name);
        Assert.Equal("data a user is typ", call.FocusedValue);
    }

    [Fact]
    public void Encode_Defer_MatchesF6()
    {
        Assert.True(Payload.SameJson(Payload.Text("F6-defer.json"), Json(InteractionResponse.Defer(ephemeral: false))));
        Assert.True(Payload.SameJson(Payload.Text("F6-defer-ephemeral.json"), Json(InteractionResponse.Defer(ephemeral: true))));
    }

    [Fact]
    public void Encode_TextCallback_MatchesF6aWithoutDefaultTts()
    {
        var expected = Payload.Json("F6a-callback-message.json");
        expected["data"]!.AsObject().Remove("tts");
        var body = new MessageBody { Content = "Congrats on sending your command!", Embeds = [] };

        Assert.True(Payload.SameJson(expected.ToJsonString(), Json(new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, body))));
    }

    [Fact]
    public void Encode_MessageReadWithoutAllowedMentions_GainsParseNone()
    {
        var read = JsonSerializer.Deserialize<MessageBody>(Payload.Text("F6b-message-embed.json"), DiscordJson.Options)!;
        var expected = Payload.Json("F6b-message-embed.json").AsObject();
        expected.Remove("tts");
        expected["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() };

        Assert.True(Payload.SameJson(expected.ToJsonString(), Json(read)));
    }

    [Fact]
    public void Encode_EmbedReplyAsCallback_MatchesComposedF6c()
    {
        var reply = new Reply { Embeds = [new Embed { Title = "Hello, Embed!", Description = "This is an embedded message." }] };

        var json = Json(new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, reply.ToMessage(includeFlags: true)));

        Assert.True(Payload.SameJson(Payload.Text("F6c-callback-embed.composed.json"), json), json);
    }

    [Theory]
    [InlineData("F7-429-user.json", 64.57, false)]
    [InlineData("F7-429-global.json", 64.57, true)]
    [InlineData("F7-429-shared.json", 1336.57, false)]
    public void Parse_F7RateLimitBodies_ReadRetryAfterAndGlobal(string file, double retryAfter, bool global)
    {
        var body = JsonSerializer.Deserialize<RateLimitBody>(Payload.Text(file), DiscordJson.Options)!;
        using var response = StubHandler.Json(HttpStatusCode.TooManyRequests, Payload.Text(file), ("Retry-After", "65"));

        Assert.Equal(retryAfter, body.RetryAfter);
        Assert.Equal(global, body.Global);
        Assert.Equal(TimeSpan.FromSeconds(retryAfter), RateLimitState.RetryAfter(response, body));
        Assert.Equal(global, RateLimitState.IsGlobal(response, body));
    }

    [Fact]
    public void IsInvalidRequest_F7Shared429_DoesNotCountTowardTheBan()
    {
        using var shared = StubHandler.Json(HttpStatusCode.TooManyRequests, Payload.Text("F7-429-shared.json"), ("X-RateLimit-Scope", "shared"));
        using var user = StubHandler.Json(HttpStatusCode.TooManyRequests, Payload.Text("F7-429-user.json"), ("X-RateLimit-Scope", "user"));

        Assert.False(RateLimitState.IsInvalidRequest(shared));
        Assert.True(RateLimitState.IsInvalidRequest(user));
    }

    [Fact]
    public async Task Send_F8ErrorBody_BecomesExceptionWithCodeAndFieldErrors()
    {
        var time = TimeProvider.System;
        using var http = new HttpClient(new StubHandler(time, (_, _) => StubHandler.Json(HttpStatusCode.BadRequest, Payload.Text("F8-error.json"))));
        DiscordRestClient.Configure(http, new DiscordOptions { Token = "t", ApiBaseUrl = new Uri("http://discord.test/api/v10") });
        var client = new DiscordRestClient(http, Options.Create(new DiscordOptions { Token = "t" }));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => client.OverwriteCommandsAsync(1, null, [], CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(50035, error.Code);
        Assert.Contains("APPLICATION_COMMAND_TOO_LARGE", error.Message, StringComparison.Ordinal);
        Assert.Contains("PUT /applications/:id/commands", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_F9Button_ReadsCustomId()
    {
        var call = new InteractionContext(Interaction("F9-button.json", withIdAndToken: true), 0);

        Assert.Equal(InteractionType.MessageComponent, call.Kind);
        Assert.Equal(ComponentType.Button, call.Interaction.Data!.ComponentType);
        Assert.Equal("click_me", call.CustomId);
    }

    private static byte[] Bytes(string file) => Encoding.UTF8.GetBytes(Payload.Text(file));

    private static string Json<T>(T value) => Encoding.UTF8.GetString(DiscordJson.Serialize(value));

    private static Interaction Interaction(string file, bool withIdAndToken = false)
    {
        var payload = Payload.Json(file).AsObject();
        if (withIdAndToken)
        {
            payload["id"] = "1";
            payload["token"] = "t";
        }

        return DiscordJson.Deserialize<Interaction>(JsonSerializer.SerializeToElement(payload))!;
    }
}
