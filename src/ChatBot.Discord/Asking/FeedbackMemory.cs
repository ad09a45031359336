using System.Collections.Concurrent;
using ChatBot.Core;

namespace ChatBot.Discord.Asking;

/// <summary>Which member already gave which feedback on which answer, for this process: bounded, in memory only.</summary>
internal sealed class FeedbackMemory
{
    private const int Capacity = 50_000;
    private readonly ConcurrentDictionary<(ulong User, long Ask, FeedbackKind Kind), byte> given = new();

    public bool FirstTime(ulong userId, long askId, FeedbackKind kind)
    {
        if (given.Count >= Capacity)
        {
            given.Clear();
        }

        return given.TryAdd((userId, askId, kind), 0);
    }
}
