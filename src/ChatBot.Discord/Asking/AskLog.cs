using ChatBot.Core;

namespace ChatBot.Discord.Asking;

/// <summary>What the ask log keeps of an answered question, however it was asked.</summary>
internal static class AskLog
{
    public static AskRecord Record(Answer answer, ulong? guildId, AskChannel channel, ulong? userId)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new AskRecord(guildId, channel, answer.Question, answer.Confident, answer.Results is [var top, ..] ? top.Citation.SourceId : null, answer.Elapsed.TotalMilliseconds, userId);
    }
}
