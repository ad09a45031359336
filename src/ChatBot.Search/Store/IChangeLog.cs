namespace ChatBot.Search.Store;

/// <summary>A passage's row, its source's slug, its text and its token offsets: what the search index is built from.</summary>
public readonly record struct PassageText(long RowId, string Slug, string Text, byte[]? Tokens);

/// <summary>
/// The store's change log as the search index follows it: a row per change of a source, with ids that only grow
/// and become visible in that order. It gives the last change of every scope, the sources changed after a given
/// change, and a scope's passages in one consistent snapshot for a rebuild.
/// </summary>
public interface IChangeLog
{
    /// <summary>The last change of every scope that has one (0: the bundled corpus).</summary>
    IReadOnlyDictionary<ulong, long> LastChanges();

    /// <summary>The latest change of all.</summary>
    long LastChange();

    /// <summary>
    /// The sources of a scope changed after <paramref name="afterId"/>, each with its passages as they are now
    /// (none when it was removed), and the last change they reflect; read in one snapshot.
    /// </summary>
    (IReadOnlyList<(string Slug, IReadOnlyList<PassageText> Passages)> Sources, long LastId) ChangedSince(ulong guildId, long afterId);

    /// <summary>Every passage of a scope and the last change they reflect, in one snapshot, passed to <paramref name="consume"/> as they are read.</summary>
    long ReadScope(ulong guildId, Action<IEnumerable<PassageText>, long> consume);
}

/// <summary>Wakes a follower of the change log when another process may have committed a change.</summary>
public interface IChangeNotifications
{
    /// <summary>How often to look at the change log when nothing wakes the follower.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>
    /// Returns when a change may have been committed (PostgreSQL's NOTIFY), or after <see cref="PollInterval"/>,
    /// whichever comes first.
    /// </summary>
    Task WaitAsync(CancellationToken cancellationToken);
}
