using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Rendering;

/// <summary>Escaping, truncation and the last-line clamp of Discord's message limits.</summary>
public sealed class MarkdownAndLimitsTests
{
    [Theory]
    [InlineData("**bold**", "\\*\\*bold\\*\\*")]
    [InlineData("a_b ~~c~~ `d` ||e||", "a\\_b \\~\\~c\\~\\~ \\`d\\` \\|\\|e\\|\\|")]
    [InlineData("<@123> @everyone", "\\<@123> @everyone")]
    [InlineData("[x](https://y)", "\\[x\\](https://y)")]
    [InlineData("# h\n> q\n- l\n-# s\n12. n", "\\# h\n\\> q\n\\- l\n\\-# s\n12\\. n")]
    [InlineData("1990-1995 a > b # c", "1990-1995 a > b # c")]
    [InlineData("back\\slash", "back\\\\slash")]
    public void Escape_MarkdownCharacters_AreBackslashed(string text, string expected)
        => Assert.Equal(expected, DiscordMarkdown.Escape(text));

    [Theory]
    [InlineData("plain words")]
    [InlineData("**bold** _i_ ~~s~~ `c` ||sp|| <@1> [l](u) \\ # > - 1. 2)")]
    [InlineData("# heading\n- item\n> quote\n3. three")]
    [InlineData("emoji 😀 and 𝔘nicode")]
    public void Unescape_AfterEscape_GivesTheTextBack(string text)
        => Assert.Equal(text, DiscordMarkdown.Unescape(DiscordMarkdown.Escape(text)));

    [Theory]
    [InlineData("https://example.org/a_(b)", "[t](https://example.org/a_%28b%29)")]
    [InlineData("http://example.org/x y", "[t](http://example.org/x%20y)")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("ftp://example.org", null)]
    [InlineData("not a url", null)]
    [InlineData(null, null)]
    public void Link_Url_IsSafeMaskedLinkOrNothing(string? url, string? expected)
        => Assert.Equal(expected, DiscordMarkdown.Link("t", url));

    [Fact]
    public void OneLine_LineBreaks_ReplacedOneForOne()
    {
        const string Text = "a\nb\r\nc\td";

        var line = DiscordMarkdown.OneLine(Text);

        Assert.Equal("a b  c d", line);
        Assert.Equal(Text.Length, line.Length);
    }

    [Theory]
    [InlineData("the quick brown fox", 12, "the quick…")]
    [InlineData("the quick brown fox", 19, "the quick brown fox")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…")]
    [InlineData("abc", 0, "")]
    public void Truncate_Text_CutsAtWordBoundaryWithinMax(string text, int max, string expected)
    {
        var cut = TextCut.Truncate(text, max);

        Assert.Equal(expected, cut);
        Assert.True(cut.Length <= max);
    }

    [Fact]
    public void Truncate_SurrogatePairAtTheCut_NotSplit()
    {
        var text = new string('a', 8) + "😀😀😀";

        var cut = TextCut.Truncate(text, 10);

        Assert.Equal(new string('a', 8) + "…", cut);
    }

    [Fact]
    public void Clamp_EverythingOversized_FitsEveryLimit()
    {
        var embeds = Enumerable.Range(0, 12).Select(i => new Embed
        {
            Title = new string('t', 300),
            Description = string.Concat(Enumerable.Repeat("word ", 1200)),
            Footer = new EmbedFooter(new string('f', 3000)),
            Author = new EmbedAuthor(new string('a', 300)),
            Fields = Enumerable.Range(0, 30).Select(j => new EmbedField(new string('n', 300), new string('v', 2000))).ToList(),
        }).ToList();
        var rows = Enumerable.Range(0, 7).Select(r => new ActionRow(Enumerable.Range(0, 7).Select(b => new Button { Style = ButtonStyle.Secondary, Label = new string('l', 120), CustomId = $"x:{r}:{b}" }).ToList())).ToList();
        var body = new MessageBody { Content = new string('c', 5000), Embeds = embeds, Components = rows };

        var clamped = Json(MessageLimits.Clamp(body));

        Assert.Empty(DiscordLimits.CheckMessage(clamped, requireContent: true));
        Assert.Equal(5, clamped["components"]!.AsArray().Count);
        Assert.True(clamped["embeds"]!.AsArray().Count >= 1);
    }

    [Fact]
    public void Clamp_EmptyMessage_GetsSomeContent()
        => Assert.Empty(DiscordLimits.CheckMessage(Json(MessageLimits.Clamp(new MessageBody())), requireContent: true));

    [Fact]
    public void Clamp_ButtonWithOverlongCustomId_IsDropped()
    {
        var rows = new List<ActionRow> { new([new Button { Style = ButtonStyle.Primary, Label = "ok", CustomId = new string('x', 101) }, new Button { Style = ButtonStyle.Primary, Label = "ok", CustomId = "fine" }]) };

        var clamped = Json(MessageLimits.Clamp(new MessageBody { Content = "x", Components = rows }));

        Assert.Equal("fine", clamped["components"]![0]!["components"]!.AsArray().Single()!["custom_id"]!.GetValue<string>());
    }

    [Fact]
    public void Button_CustomIdOver100_IsOurBugAndThrows()
        => Assert.Throws<ArgumentOutOfRangeException>(() => Button.Action("More", new string('x', 101)));

    [Fact]
    public void Reply_AnyBody_CarriesAllowedMentionsParseNone()
    {
        var bodies = new[]
        {
            Reply.Text("@everyone <@1>").ToMessage(includeFlags: true),
            Reply.Note("x").ToMessage(includeFlags: false),
            new MessageBody { Content = "y", AllowedMentions = null! },
        };

        Assert.All(bodies, b => Assert.Empty(Json(b)["allowed_mentions"]!["parse"]!.AsArray()));
    }

    [Fact]
    public void Reply_Ephemeral_SetsFlagOnCallbacksNotOnEdits()
    {
        Assert.Equal(64, Json(Reply.Note("x").ToMessage(includeFlags: true))["flags"]!.GetValue<int>());
        Assert.Null(Json(Reply.Note("x").ToMessage(includeFlags: false))["flags"]);
    }

    private static JsonNode Json(MessageBody body) => JsonNode.Parse(Encoding.UTF8.GetString(DiscordJson.Serialize(body)))!;
}
