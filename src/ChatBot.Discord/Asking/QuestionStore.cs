using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ChatBot.Discord.Asking;

/// <summary>
/// Remembers recent questions under short random keys, so a button's custom id (≤ 100 characters) can name a
/// question of up to 1000. Bounded in count and age; an evicted key falls back to the card's title.
/// </summary>
internal sealed class QuestionStore(TimeProvider time)
{
    public const int Capacity = 10_000;
    public const int KeyLength = 10;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public int Count => entries.Count;

    public string Add(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        string key;
        do
        {
            key = RandomNumberGenerator.GetString(Alphabet, KeyLength);
        }
        while (!entries.TryAdd(key, new Entry(question, time.GetUtcNow())));

        order.Enqueue(key);
        while (entries.Count > Capacity && order.TryDequeue(out var oldest))
        {
            entries.TryRemove(oldest, out _);
        }

        return key;
    }

    public bool TryGet(string key, out string question)
    {
        if (entries.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.AddedAt < Lifetime)
        {
            question = entry.Question;
            return true;
        }

        question = "";
        return false;
    }

    private sealed record Entry(string Question, DateTimeOffset AddedAt);
}
