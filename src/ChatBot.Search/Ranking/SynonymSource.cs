using ChatBot.Search.Analysis;
using ChatBot.Search.Store;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Ranking;

/// <summary>
/// The synonym table from <see cref="IndexOptions.SynonymsPath"/>, reread when the file changes (checked at
/// most every few seconds), so a moderator's edit takes effect without a restart.
/// </summary>
public sealed class SynonymSource
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);
    private readonly string path;
    private readonly TimeProvider time;
    private readonly Lock reloading = new();
    private volatile State state = new(SynonymTable.Empty, DateTime.MinValue, long.MinValue);

    public SynonymSource(IOptions<IndexOptions> options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        path = options.Value.SynonymsPath;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>A source that never has synonyms, for engines built without configuration.</summary>
    public static SynonymSource None { get; } = new(Options.Create(new IndexOptions { SynonymsPath = "" }));

    public SynonymTable Current
    {
        get
        {
            var now = time.GetTimestamp();
            var current = state;
            if (path.Length == 0 || (current.CheckedAt != long.MinValue && time.GetElapsedTime(current.CheckedAt, now) < CheckEvery))
            {
                return current.Table;
            }

            lock (reloading)
            {
                var written = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
                var table = state.Table;
                if (written != state.WrittenAt)
                {
                    try
                    {
                        table = SynonymTable.Load(path);
                    }
                    catch (IOException)
                    {
                        // Being written right now: keep the table we have and look again at the next check.
                        written = state.WrittenAt;
                    }
                }

                state = new State(table, written, now);
                return table;
            }
        }
    }

    private sealed record State(SynonymTable Table, DateTime WrittenAt, long CheckedAt);
}
