using ChatBot.Core;

namespace ChatBot.Discord.Asking;

/// <summary>How a question reached the bot: it names the question in the ask log and in the metrics.</summary>
internal enum QuestionSource
{
    Slash,
    Mention,
    DirectMessage,
    Button,
}

internal static class QuestionSources
{
    /// <summary>The metric tag: slash, mention, dm, button.</summary>
    public static string Tag(this QuestionSource source) => source switch
    {
        QuestionSource.Slash => "slash",
        QuestionSource.Mention => "mention",
        QuestionSource.DirectMessage => "dm",
        _ => "button",
    };

    public static AskChannel Channel(this QuestionSource source) => source switch
    {
        QuestionSource.Mention => AskChannel.Mention,
        QuestionSource.DirectMessage => AskChannel.DirectMessage,
        _ => AskChannel.Command,
    };
}
