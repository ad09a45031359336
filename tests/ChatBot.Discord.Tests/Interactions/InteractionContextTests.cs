using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using ChatBot.Testing;

namespace ChatBot.Discord.Tests.Interactions;

/// <summary>What handlers read from an interaction, and the small stores and ids around them.</summary>
public sealed class InteractionContextTests
{
    [Fact]
    public void Create_GroupedSubcommand_FlattensPathAndOptions()
    {
        var call = Context("""
            {"id":"1","token":"t","type":2,"data":{"name":"source","options":[
              {"type":2,"name":"admin","options":[{"type":1,"name":"add","options":[
                {"type":11,"name":"file","value":"900"},{"type":3,"name":"title","value":"Notes"},{"type":4,"name":"pages","value":12},{"type":5,"name":"pin","value":"true"}]}]}],
              "resolved":{"attachments":{"900":{"id":"900","filename":"notes.md","size":2048,"url":"https://cdn.example/notes.md","content_type":"text/markdown"}}}}}
            """);

        Assert.Equal("admin add", call.Subcommand);
        Assert.Equal("Notes", call.String("title"));
        Assert.Equal(12, call.Integer("pages"));
        Assert.True(call.Boolean("pin"));
        var file = call.Attachment("file")!;
        Assert.Equal(("notes.md", 2048L, "text/markdown"), (file.Filename, file.Size, file.ContentType));
        Assert.Null(call.OptionalString("author"));
    }

    [Fact]
    public void String_RequiredOptionMissing_ThrowsFormatException()
        => Assert.Throws<InteractionFormatException>(() => Context("""{"id":"1","token":"t","type":2,"data":{"name":"ask"}}""").String("question"));

    [Fact]
    public void Integer_OptionOfAnotherType_ThrowsFormatException()
        => Assert.Throws<InteractionFormatException>(() => Context("""{"id":"1","token":"t","type":2,"data":{"name":"x","options":[{"type":3,"name":"n","value":"ten"}]}}""").Integer("n"));

    [Theory]
    [InlineData("32", true)]
    [InlineData("8", true)]
    [InlineData("2048", false)]
    [InlineData(null, false)]
    public void HasPermissions_ManageGuild_FromMemberPermissionsOrAdministrator(string? permissions, bool expected)
    {
        var payload = JsonNode.Parse("""{"id":"1","token":"t","type":2,"guild_id":"7","data":{"name":"x"}}""")!.AsObject();
        if (permissions is not null)
        {
            payload["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "5" }, ["permissions"] = permissions };
        }

        var call = Context(payload.ToJsonString());

        Assert.Equal(expected, call.HasPermissions(DiscordPermissions.ManageGuild));
    }

    [Fact]
    public void User_InDirectMessage_ComesFromUserNotMember()
    {
        var call = Context("""{"id":"1","token":"t","type":2,"user":{"id":"42","username":"dm"},"data":{"name":"ask"}}""");

        Assert.Equal(42UL, call.UserId);
        Assert.Null(call.GuildId);
        Assert.True(call.Scope.IsGlobal);
    }

    [Fact]
    public void AskButtonId_RoundTrip_StaysFarBelow100Characters()
    {
        var id = AskButtonId.More("Abc0123456", AskButtonId.MaxSkip);

        Assert.True(AskButtonId.TryParse(id, out var parsed));
        Assert.Equal(new AskButtonId(AskButtonAction.More, "Abc0123456", AskButtonId.MaxSkip), parsed);
        Assert.InRange(id.Length, 1, 40);
    }

    [Fact]
    public void QuestionStore_OverCapacity_ForgetsTheOldest()
    {
        var store = new QuestionStore(new ManualTimeProvider());
        var first = store.Add("first");
        for (var i = 0; i < QuestionStore.Capacity; i++)
        {
            store.Add("q" + i);
        }

        Assert.False(store.TryGet(first, out _));
        Assert.Equal(QuestionStore.Capacity, store.Count);
    }

    [Fact]
    public void QuestionStore_AfterLifetime_ForgetsTheQuestion()
    {
        var time = new ManualTimeProvider();
        var store = new QuestionStore(time);
        var key = store.Add("who led the coup");

        Assert.True(store.TryGet(key, out var question));
        Assert.Equal("who led the coup", question);
        time.Advance(QuestionStore.Lifetime);
        Assert.False(store.TryGet(key, out _));
    }

    private static InteractionContext Context(string json)
        => new(DiscordJson.Deserialize<Interaction>(JsonSerializer.SerializeToElement(JsonNode.Parse(json)))!, 0);
}
