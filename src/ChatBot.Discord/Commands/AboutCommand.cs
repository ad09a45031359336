using System.Globalization;
using ChatBot.Core;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Commands;

/// <summary><c>/about</c>: what the bot is, how big its corpus is here, and its version.</summary>
internal sealed class AboutCommand(ISourceCatalog catalog) : ISlashCommand
{
    public const string What = "I answer history questions with **verbatim quotes** from a curated corpus, each with its exact citation "
        + "(title, author, paragraph, link). I never paraphrase or invent: when the corpus does not cover a question, I say so.";

    public static SlashCommandSpec Spec { get; } = new("about", "What this bot is, how big its corpus is, and its version", []);

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var stats = await catalog.GetStatsAsync(call.Scope, cancellationToken);
        var corpus = $"{stats.SourceCount.ToString("N0", CultureInfo.InvariantCulture)} sources · {stats.PassageCount.ToString("N0", CultureInfo.InvariantCulture)} passages";
        var embed = new Embed
        {
            Title = "About ChatBot",
            Description = What,
            Color = AnswerCard.ConfidentColor,
            Fields =
            [
                new EmbedField("Corpus", call.GuildId is null ? corpus : corpus + " (shared corpus + this server's)") { Inline = true },
                new EmbedField("Version", BotVersion.Number) { Inline = true },
                new EmbedField("Try", "`/ask question: who led the coup?` · `/sources` · `/help`"),
            ],
        };
        return new Reply { Embeds = [embed] };
    }
}
