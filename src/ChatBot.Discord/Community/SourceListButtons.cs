using System.Globalization;
using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Community;

/// <summary>The Previous / Next buttons of <c>/source list</c>: <c>srcl:{skip}</c>. Checked for Manage Server like the command.</summary>
internal sealed class SourceListButtons(ICorpusCurator curator) : IComponentHandler
{
    public const string Prefix = "srcl";

    public static ComponentSpec Spec { get; } = new(Prefix);

    public static string IdFor(int skip) => Prefix + ":" + skip.ToString(CultureInfo.InvariantCulture);

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.GuildId is not { } guild || !call.HasPermissions(DiscordPermissions.ManageGuild))
        {
            return Reply.Note("Only members with the Manage Server permission can list this server's sources.");
        }

        var parts = call.CustomId?.Split(':');
        if (parts is not [Prefix, var skipText] || !int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out var skip) || skip > 100_000)
        {
            return Reply.Note("This button is garbled. Use /source list again.");
        }

        return CommunityCards.SourcePage(
            await curator.ListSourcesAsync(guild, skip, CommunityCards.PageSize, cancellationToken), await curator.UsageAsync(guild, cancellationToken));
    }
}
