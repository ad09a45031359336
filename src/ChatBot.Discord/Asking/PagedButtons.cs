using ChatBot.Discord.Interactions;

namespace ChatBot.Discord.Asking;

/// <summary>
/// What the buttons that page through a card share (the answer's More and Sources, the timeline's Previous and
/// Next): their custom id names the question or topic by a key in the <see cref="QuestionStore"/>, and once the store
/// has forgotten that key, the text is read back from the title of the card the button sits under and stored again
/// under a new key, so the pages after it keep working.
/// </summary>
internal static class PagedButtons
{
    /// <summary>The question or topic a pressed button pages through, under the key to use from now on; null when neither the store nor the card knows it.</summary>
    public static Recalled? Recall(QuestionStore store, string key, InteractionContext call, Func<string?, string?> readTitle)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(readTitle);
        if (store.TryGet(key, out var stored))
        {
            return new Recalled(key, stored);
        }

        return readTitle(call.Message?.Embeds is [var first, ..] ? first.Title : null) is { } read
            ? new Recalled(store.Add(read), read)
            : null;
    }

    /// <summary>A button's question or topic and the store key it goes by.</summary>
    public sealed record Recalled(string Key, string Text);
}
