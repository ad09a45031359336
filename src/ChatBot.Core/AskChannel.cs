namespace ChatBot.Core;

/// <summary>How a question reached the bot.</summary>
public enum AskChannel
{
    Command,
    Mention,
    DirectMessage,
}
