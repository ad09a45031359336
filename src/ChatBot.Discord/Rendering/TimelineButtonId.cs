using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// The custom id of a timeline card's Previous / Next buttons: <c>tl:{key}:{skip}</c>, the key naming the topic in
/// the bounded question store and skip the first entry of the page.
/// </summary>
internal readonly record struct TimelineButtonId(string Key, int Skip)
{
    public const string Prefix = "tl";
    public const int MaxSkip = 2000;
    private const int MaxKeyLength = 24;

    public static string For(string key, int skip) => new TimelineButtonId(key, skip).ToString();

    public static bool TryParse(string? customId, [NotNullWhen(true)] out TimelineButtonId? id)
    {
        id = null;
        if (customId?.Split(':') is not [Prefix, var key, var skipText] || key.Length is 0 or > MaxKeyLength || !key.All(char.IsAsciiLetterOrDigit)
            || !int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out var skip) || skip > MaxSkip)
        {
            return false;
        }

        id = new TimelineButtonId(key, skip);
        return true;
    }

    public override string ToString() => $"{Prefix}:{Key}:{Skip.ToString(CultureInfo.InvariantCulture)}";
}
