using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Search.Indexing;

/// <summary>
/// While the bot runs, follows the store's change log so that changes made by another process (an <c>index</c>
/// run while the bot is up) reach this process's search index: a cheap look at the last change id every
/// <see cref="Interval"/>, and a catch-up when it moved.
/// </summary>
public sealed partial class SearchIndexFollower(ChangeLog changes, SearchIndexSync sync, TimeProvider time, ILogger<SearchIndexFollower> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = -1L;
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var last = changes.LastChange();
                if (last != seen && sync.CatchUp(stoppingToken))
                {
                    seen = last;
                }
            }
            catch (SqliteException e)
            {
                FollowFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(2105, LogLevel.Warning, "Could not follow the store's change log: {Reason}; trying again")]
    private static partial void FollowFailed(ILogger logger, string reason);
}
