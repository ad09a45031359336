using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// A question or topic as a card's title, and back: buttons whose stored question has expired read it from the
/// title of the card they sit under (an answer card, its sources card, a timeline).
/// </summary>
internal static class QuestionTitle
{
    private const string SourcesPrefix = "Sources for: ";

    /// <summary>The question as a title: one line, without invisible or reordering characters, escaped, at most 256 characters.</summary>
    public static string Of(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var plain = Plain(question);
        if (plain.Length == 0)
        {
            return "Your question";
        }

        return TextBudget.Fit(plain.Length, MessageLimits.Title, n => DiscordMarkdown.Escape(TextCut.Cut(plain, n)));
    }

    /// <summary>"Sources for: " and the question, fitted the same way.</summary>
    public static string SourcesOf(string question) => Prefixed(SourcesPrefix, question);

    /// <summary><paramref name="prefix"/> and the text, fitted the same way (the prefix is never cut).</summary>
    public static string Prefixed(string prefix, string text)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(text);
        var plain = Plain(text);
        return TextBudget.Fit(plain.Length, MessageLimits.Title, n => prefix + DiscordMarkdown.Escape(TextCut.Cut(plain, n)));
    }

    /// <summary>Reads a question back from an answer card's title or its sources card's.</summary>
    public static string? Read(string? title)
    {
        if (Unescaped(title) is not { } text)
        {
            return null;
        }

        return WithoutEllipsis(text.StartsWith(SourcesPrefix, StringComparison.Ordinal) ? text[SourcesPrefix.Length..] : text);
    }

    /// <summary>Reads the text back from a title made by <see cref="Prefixed"/>; null for a title without that prefix or with nothing after it.</summary>
    public static string? ReadPrefixed(string prefix, string? title)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (Unescaped(title) is not { } text || !text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var read = WithoutEllipsis(text[prefix.Length..]);
        return read.Length == 0 ? null : read;
    }

    private static string Plain(string text) => DiscordMarkdown.OneLine(TextBudget.ForDisplay(text)).Trim();

    private static string? Unescaped(string? title) => string.IsNullOrWhiteSpace(title) ? null : DiscordMarkdown.Unescape(title).Trim();

    private static string WithoutEllipsis(string text)
        => text.EndsWith(TextCut.Ellipsis, StringComparison.Ordinal) ? text[..^TextCut.Ellipsis.Length].TrimEnd() : text;
}
