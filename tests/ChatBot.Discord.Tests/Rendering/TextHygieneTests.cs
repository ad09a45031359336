using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatBot.Core;
using ChatBot.Discord.Community;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;

namespace ChatBot.Discord.Tests.Rendering;

/// <summary>Text from members and sources (issue 10): invalid UTF-16 never throws, cuts never split a character, titles hide nothing.</summary>
public sealed class TextHygieneTests
{
    private const string Family = "👨‍👩‍👧";
    private const string Flag = "🇧🇴";
    private const string Accented = "e\u0301";

    public static TheoryData<string> Graphemes => [Family, Flag, Accented, "👍🏽", "😀"];

    [Theory]
    [MemberData(nameof(Graphemes))]
    public void Truncate_GraphemeAtEveryCut_IsKeptWholeOrLeftOut(string grapheme)
    {
        var text = string.Concat(Enumerable.Repeat("ab" + grapheme, 12));

        for (var max = 1; max < text.Length; max++)
        {
            var cut = TextCut.Truncate(text, max);

            Assert.True(cut.Length <= max, $"{cut.Length} > {max}");
            var body = cut.EndsWith(TextCut.Ellipsis, StringComparison.Ordinal) ? cut[..^1] : cut;
            Assert.StartsWith(body, text, StringComparison.Ordinal);
            Assert.Equal(0, Elements(text).Take(Elements(body).Count).Zip(Elements(body)).Count(p => p.First != p.Second));
            Assert.True(TextBudget.IsWellFormed(cut));
        }
    }

    [Fact]
    public void Prefix_AccentAfterTheLimit_StaysWithItsLetter()
        => Assert.Equal("caf", TextCut.Prefix("cafe\u0301 noir", 4));

    [Fact]
    public void WordCut_SpaceNearTheLimit_CutsThereNotInsideAnEmoji()
        => Assert.Equal("who led the".Length, TextCut.WordCut("who led the " + Family + Family, 14));

    [Fact]
    public void Scrub_LoneSurrogates_BecomeReplacementCharacters()
    {
        // Built in code: a lone surrogate does not survive an attribute's metadata.
        var cases = new (string Text, string Expected)[]
        {
            ("x" + '\ud83c' + "y", "x\ufffdy"),
            (((char)0xdc00).ToString(), "\ufffd"),
            ("end" + '\ud83d', "end\ufffd"),
            ("pair 😀 kept", "pair 😀 kept"),
        };

        foreach (var (text, expected) in cases)
        {
            Assert.Equal(text == expected, TextBudget.IsWellFormed(text));
            Assert.Equal(expected, TextBudget.Scrub(text));
            Assert.True(TextBudget.IsWellFormed(TextBudget.Scrub(text)));
        }
    }

    [Theory]
    [InlineData("Evil\u202Egnp.exe", "Evilgnp.exe")]
    [InlineData("a\u200Bb\u200Cc\u2060d\uFEFFe\u00ADf", "abcdef")]
    [InlineData("\u2066isolated\u2069 \u200Fmark", "isolated mark")]
    [InlineData("\u3164\u3164", "")]
    [InlineData("hidden\U000E0041\U000E0042", "hidden")]
    public void ForDisplay_ReorderingAndInvisibleCharacters_AreRemoved(string text, string expected)
        => Assert.Equal(expected, TextBudget.ForDisplay(text));

    [Theory]
    [InlineData(Family)]
    [InlineData("👩‍💻")]
    [InlineData("🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")]
    [InlineData("עברית and العربية")]
    public void ForDisplay_EmojiSequencesAndRightToLeftScripts_AreKept(string text)
        => Assert.Equal(text, TextBudget.ForDisplay(text));

    [Theory]
    [InlineData("""{"content":"x\ud83cy"}""", "x\ufffdy")]
    [InlineData("""{"content":"\ud83d\ude00 \u00e9\n\"q\" \\ \/"}""", "😀 é\n\"q\" \\ /")]
    [InlineData("""{"content":"plain"}""", "plain")]
    public void Deserialize_StringsWithEscapes_ReadLenientlyWithoutThrowing(string json, string expected)
        => Assert.Equal(expected, DiscordJson.Deserialize<DiscordMessage>(Encoding.UTF8.GetBytes(json))!.Content);

    [Fact]
    public void Deserialize_InvalidUtf8_ReadsAsReplacementCharacters()
    {
        var json = Encoding.ASCII.GetBytes("""{"content":"a__b"}""");
        json[13] = 0xED;
        json[14] = 0xA0;

        var content = DiscordJson.Deserialize<DiscordMessage>(json)!.Content!;

        Assert.StartsWith("a", content, StringComparison.Ordinal);
        Assert.EndsWith("b", content, StringComparison.Ordinal);
        Assert.Contains('\ufffd', content);
    }

    [Fact]
    public void Option_LoneSurrogate_ReadsAsReplacementCharacter()
    {
        var json = """{"id":"1","token":"t","type":2,"data":{"name":"ask","options":[{"type":3,"name":"question","value":"who led the coup \ud83c","focused":true}]}}""";
        using var document = JsonDocument.Parse(json);
        var call = new InteractionContext(DiscordJson.Deserialize<Interaction>(document.RootElement)!, 0);

        Assert.Equal("who led the coup \ufffd", call.String("question"));
        Assert.Equal("who led the coup \ufffd", call.FocusedValue);
    }

    [Fact]
    public void Title_BidiOverrideInQuestion_IsShownWithoutIt()
    {
        var title = QuestionTitle.Of("who led the \u202Epuoc\u202C the coup");

        Assert.Equal("who led the puoc the coup", title);
    }

    [Theory]
    [InlineData(Family)]
    [InlineData(Flag)]
    [InlineData("😀")]
    [InlineData(Accented)]
    public void Choice_LongTitleWithAGraphemeAtTheCut_StaysWithin100AndWhole(string grapheme)
    {
        for (var pad = 0; pad < 12; pad++)
        {
            var title = new string('a', 80 + pad) + string.Concat(Enumerable.Repeat(grapheme, 10));
            var source = new SourceSummary("club-notes", title, null, null, 3, FakeDiscordIds.Guild, DateTimeOffset.UnixEpoch);

            var name = SourceCommand.Choice(source);

            Assert.InRange(name.Length, 1, SourceCommand.MaxChoiceName);
            Assert.True(TextBudget.IsWellFormed(name), name);
            Assert.EndsWith("… (club-notes)", name, StringComparison.Ordinal);
            var kept = name[..^"… (club-notes)".Length];
            Assert.StartsWith(kept, title, StringComparison.Ordinal);
            Assert.Equal(kept.Length, TextCut.Floor(title, kept.Length));
        }
    }

    private static List<string> Elements(string text)
    {
        var list = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            list.Add(enumerator.GetTextElement());
        }

        return list;
    }
}
