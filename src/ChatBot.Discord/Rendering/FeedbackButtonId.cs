using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ChatBot.Core;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// The custom id of an answer card's feedback buttons: <c>fb:up:{ask}</c>, <c>fb:down:{ask}</c>, <c>fb:bad:{ask}</c>,
/// where ask is the ask log id. The card draws them; the feedback handler reads them back.
/// </summary>
internal readonly record struct FeedbackButtonId(FeedbackKind Kind, long AskId)
{
    public const string Prefix = "fb";

    /// <summary>The three buttons under an answer that the ask log keeps as <paramref name="askId"/>.</summary>
    public static IReadOnlyList<Button> For(long askId) =>
    [
        Button.Action("👍", new FeedbackButtonId(FeedbackKind.Helpful, askId).ToString()),
        Button.Action("👎", new FeedbackButtonId(FeedbackKind.NotHelpful, askId).ToString()),
        Button.Action("Report a bad quote", new FeedbackButtonId(FeedbackKind.BadQuote, askId).ToString(), ButtonStyle.Danger),
    ];

    public static bool TryParse(string? customId, [NotNullWhen(true)] out FeedbackButtonId? id)
    {
        id = null;
        var parts = customId?.Split(':');
        FeedbackKind? kind = parts is [Prefix, var verb, _] ? verb switch
        {
            "up" => FeedbackKind.Helpful,
            "down" => FeedbackKind.NotHelpful,
            "bad" => FeedbackKind.BadQuote,
            _ => null,
        } : null;
        if (kind is null || !long.TryParse(parts![2], NumberStyles.None, CultureInfo.InvariantCulture, out var askId))
        {
            return false;
        }

        id = new FeedbackButtonId(kind.Value, askId);
        return true;
    }

    public override string ToString()
    {
        var verb = Kind switch
        {
            FeedbackKind.Helpful => "up",
            FeedbackKind.NotHelpful => "down",
            _ => "bad",
        };
        return $"{Prefix}:{verb}:{AskId.ToString(CultureInfo.InvariantCulture)}";
    }
}
