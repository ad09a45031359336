using System.Globalization;
using System.Diagnostics.CodeAnalysis;

namespace ChatBot.Discord.Rendering;

internal enum AskButtonAction
{
    More,
    Sources,
}

/// <summary>
/// The custom id of an answer card's buttons: <c>ask:more:{key}:{skip}</c> or <c>ask:src:{key}:{skip}</c>. The
/// key names a question in the bounded question store, so the id stays far below Discord's 100 characters
/// whatever the question's length.
/// </summary>
internal readonly record struct AskButtonId(AskButtonAction Action, string Key, int Skip)
{
    public const string Prefix = "ask";
    public const int MaxSkip = 500;
    private const int MaxKeyLength = 24;

    public static string More(string key, int skip) => new AskButtonId(AskButtonAction.More, key, skip).ToString();

    public static string Sources(string key, int skip) => new AskButtonId(AskButtonAction.Sources, key, skip).ToString();

    public static bool TryParse(string? customId, [NotNullWhen(true)] out AskButtonId? id)
    {
        id = null;
        var parts = customId?.Split(':');
        if (parts is not [Prefix, var verb, var key, var skipText]
            || key.Length is 0 or > MaxKeyLength
            || !key.All(char.IsAsciiLetterOrDigit)
            || !int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
            || skip > MaxSkip)
        {
            return false;
        }

        AskButtonAction? action = verb switch
        {
            "more" => AskButtonAction.More,
            "src" => AskButtonAction.Sources,
            _ => null,
        };
        if (action is null)
        {
            return false;
        }

        id = new AskButtonId(action.Value, key, skip);
        return true;
    }

    public override string ToString()
        => $"{Prefix}:{(Action == AskButtonAction.More ? "more" : "src")}:{Key}:{Skip.ToString(CultureInfo.InvariantCulture)}";
}
