using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using ChatBot.Core;

namespace ChatBot.Discord.Rendering;

internal enum AskButtonAction
{
    More,
    Sources,
}

/// <summary>
/// The custom id of an answer card's buttons: <c>ask:more:{key}:{skip}</c> or <c>ask:src:{key}:{skip}</c>, with
/// <c>:{kind}</c> after it when the answer quotes one kind of source. The
/// key names a question in the bounded question store, so the id stays far below Discord's 100 characters
/// whatever the question's length.
/// </summary>
internal readonly record struct AskButtonId(AskButtonAction Action, string Key, int Skip, SourceKind? Kind = null)
{
    public const string Prefix = "ask";
    public const int MaxSkip = 500;
    private const int MaxKeyLength = 24;

    public static string More(string key, int skip, SourceKind? kind = null) => new AskButtonId(AskButtonAction.More, key, skip, kind).ToString();

    public static string Sources(string key, int skip, SourceKind? kind = null) => new AskButtonId(AskButtonAction.Sources, key, skip, kind).ToString();

    public static bool TryParse(string? customId, [NotNullWhen(true)] out AskButtonId? id)
    {
        id = null;
        var parts = customId?.Split(':');
        SourceKind? kind = null;
        if (parts is [Prefix, _, _, _, var kindText])
        {
            if (!SourceKinds.TryParse(kindText, out var parsed))
            {
                return false;
            }

            kind = parsed;
            parts = parts[..4];
        }

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

        id = new AskButtonId(action.Value, key, skip, kind);
        return true;
    }

    public override string ToString()
        => $"{Prefix}:{(Action == AskButtonAction.More ? "more" : "src")}:{Key}:{Skip.ToString(CultureInfo.InvariantCulture)}{(Kind is { } kind ? ":" + SourceKinds.Name(kind) : "")}";
}
