using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;

namespace ChatBot.Discord.Commands;

/// <summary><c>/sources</c>: what the corpus this server (or this DM) searches holds. Private, so it never floods a channel.</summary>
internal sealed class SourcesCommand(ISourceCatalog catalog) : ISlashCommand
{
    public static SlashCommandSpec Spec { get; } = new("sources", "List the sources the answers quote from", [])
    {
        Ephemeral = static _ => true,
    };

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var sources = await catalog.ListSourcesAsync(call.Scope, cancellationToken);
        var stats = await catalog.GetStatsAsync(call.Scope, cancellationToken);
        return SourceListCard.Render(sources, stats, call.GuildId is not null);
    }
}
