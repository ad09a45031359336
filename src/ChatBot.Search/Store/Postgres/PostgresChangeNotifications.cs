using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>
/// Wakes the follower of the change log through PostgreSQL's LISTEN/NOTIFY: a writer's commit notifies, and this
/// connection, listening, returns from <see cref="WaitAsync"/> at once. Without a notification it returns after
/// <see cref="PollInterval"/>, so a lost connection only slows the follower to polling until it listens again.
/// A notification that arrives while the follower is busy waits in the connection and wakes the next wait.
/// </summary>
public sealed partial class PostgresChangeNotifications(string connectionString, ILogger<PostgresChangeNotifications> logger, TimeSpan? pollInterval = null)
    : IChangeNotifications, IAsyncDisposable
{
    /// <summary>How long a wait lasts without a notification: the follower looks at the change log at least this often.</summary>
    public static readonly TimeSpan FallbackInterval = TimeSpan.FromSeconds(1);

    private NpgsqlConnection? connection;
    private bool failing;

    public TimeSpan PollInterval { get; } = pollInterval ?? FallbackInterval;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var listening = await EnsureListeningAsync(cancellationToken).ConfigureAwait(false);
            await listening.WaitAsync(PollInterval, cancellationToken).ConfigureAwait(false);
            failing = false;
        }
        catch (NpgsqlException e)
        {
            if (!failing)
            {
                ListenFailed(logger, PostgresStore.OneLine(e.Message));
                failing = true;
            }

            await DropAsync().ConfigureAwait(false);
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => DropAsync();

    /// <summary>Opens the listening connection unless it is open: from then on no notification is missed.</summary>
    internal async Task<NpgsqlConnection> EnsureListeningAsync(CancellationToken cancellationToken)
        => connection ??= await ListenAsync(cancellationToken).ConfigureAwait(false);

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        // Its own connection, not from the pool: LISTEN belongs to the session, which must stay open.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
        var listening = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await listening.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var listen = new NpgsqlCommand("LISTEN " + PostgresLocks.ChangesChannel, listening);
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return listening;
        }
        catch
        {
            await listening.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask DropAsync()
    {
        if (connection is { } open)
        {
            connection = null;
            await open.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(2106, LogLevel.Warning, "Cannot listen for changes in PostgreSQL: {Reason}; looking at the change log every second instead")]
    private static partial void ListenFailed(ILogger logger, string reason);
}
