using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Wire;


namespace ChatBot.Discord.Commands;

/// <summary><c>/help</c>: how to use the bot. Answered from memory, so it is not deferred.</summary>
internal sealed class HelpCommand : ISlashCommand
{
    public const string Text =
        "**/ask** `question:` your question — I reply with the best passages from the corpus, quoted word for word, "
        + "matched words in **bold**, each with its source. Add `private: True` to see the answer alone.\n"
        + "**More** shows the next passages; **Sources** lists the sources an answer quotes.\n"
        + "**/verify** `quote:` a quote — I say whether it stands in the corpus word for word, close (each changed, "
        + "added or left-out word shown) or not at all, with its source. `…` stands for words left out.\n"
        + "**/timeline** `topic:` a name, place or event — the dates the corpus gives for it, earliest first, each with "
        + "its sentence and source; where two sources date the same event differently, both are shown together.\n"
        + "**/sources** — what the corpus holds.\n"
        + "**/about** — what this bot is, corpus size, version.\n"
        + "You can also mention me with a question, or send it to me in a direct message. "
        + "👍, 👎 and **Report a bad quote** on an answer tell the moderators how it did.\n"
        + "Moderators (Manage Server): **/source** adds, lists, shows and removes this server's own sources; "
        + "**/gaps** shows the questions the corpus did not answer.\n\n"
        + "Tips: ask about people, places, dates and events; use the words a historian would use. "
        + "When the corpus does not cover a question, I say so and show the closest passage.";

    public static SlashCommandSpec Spec { get; } = new("help", "How to ask questions and read the answers", [])
    {
        Defer = false,
        Ephemeral = static _ => true,
    };

    public ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
        => ValueTask.FromResult(new Reply
        {
            Embeds = [new Embed { Title = "How to use ChatBot", Description = Text, Color = AnswerCard.ConfidentColor }],
            Ephemeral = true,
        });
}
