using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Community;

/// <summary><c>/gaps [days]</c>: the questions this server's corpus did not answer confidently, and the feedback. Manage Server only.</summary>
internal sealed class GapsCommand(IAskJournal journal) : ISlashCommand
{
    public const int DefaultDays = 7;
    public const int MaxDays = 365;
    public const int Shown = 15;

    public static SlashCommandSpec Spec { get; } = new(
        "gaps",
        "Questions the corpus did not answer well, and the feedback (Manage Server)",
        [new("days", "How many days back to look (default 7)", ApplicationCommandOptionType.Integer) { MinValue = 1, MaxValue = MaxDays }])
    {
        RequiredPermissions = DiscordPermissions.ManageGuild,
        Contexts = [InteractionContextType.Guild],
        Ephemeral = static _ => true,
    };

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.GuildId is not { } guild)
        {
            return Reply.Note("/gaps works in a server.");
        }

        var days = (int)Math.Clamp(call.Integer("days") ?? DefaultDays, 1, MaxDays);
        return CommunityCards.Gaps(await journal.GapsAsync(guild, TimeSpan.FromDays(days), Shown, cancellationToken));
    }
}
