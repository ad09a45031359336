

namespace ChatBot.Discord.Interactions;

/// <summary>How the router treats a component handler: deferred by default, privately by default.</summary>
internal sealed record ComponentSpec(string Prefix)
{
    public bool Defer { get; init; } = true;

    public Func<InteractionContext, bool> Ephemeral { get; init; } = static _ => true;
}
