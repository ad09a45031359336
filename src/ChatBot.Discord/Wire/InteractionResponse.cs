using System.Text.Json;

namespace ChatBot.Discord.Wire;

internal enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
    Modal = 9,
}

/// <summary>The body of <c>POST /interactions/{id}/{token}/callback</c>; data is a message, choices or a modal.</summary>
internal sealed record InteractionResponse(InteractionCallbackType Type, object? Data = null)
{
    public static InteractionResponse Defer(bool ephemeral)
        => new(InteractionCallbackType.DeferredChannelMessageWithSource, ephemeral ? new DeferredData(MessageFlags.Ephemeral) : null);
}

/// <summary>A defer carries no message, only its visibility (EPHEMERAL is the one flag allowed with type 5).</summary>
internal sealed record DeferredData(MessageFlags Flags);

internal sealed record AutocompleteResult(IReadOnlyList<AutocompleteChoice> Choices);

/// <summary>An autocomplete suggestion: a name of 1–100 characters and its value.</summary>
internal sealed record AutocompleteChoice(string Name, string Value);
