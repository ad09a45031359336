using System.Data.Common;
using ChatBot.Search.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Search.Indexing;

/// <summary>
/// Follows changes other processes make to the store (another replica's upload, <c>index</c> run elsewhere) into
/// this process's search index: woken by the store when it can (PostgreSQL's NOTIFY), else every
/// <see cref="IChangeNotifications.PollInterval"/>, it takes a cheap look at the last change id and catches up when it moved.
/// </summary>
public sealed partial class SearchIndexFollower(IChangeLog changes, IChangeNotifications notifications, SearchIndexSync sync, ILogger<SearchIndexFollower> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = -1L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await notifications.WaitAsync(stoppingToken).ConfigureAwait(false);
                var last = changes.LastChange();
                if (last != seen && sync.CatchUp(stoppingToken))
                {
                    seen = last;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbException e)
            {
                FollowFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(2105, LogLevel.Warning, "Could not follow the store's change log: {Reason}; trying again")]
    private static partial void FollowFailed(ILogger logger, string reason);
}
