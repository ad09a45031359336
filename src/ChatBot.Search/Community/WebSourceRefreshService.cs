using ChatBot.Search.Store;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Search.Community;

/// <summary>
/// Keeps web sources fresh: every <see cref="CheckInterval"/> it refreshes those not checked for
/// <c>Sources:RefreshHours</c> (<see cref="WebSourceCurator.RefreshDueAsync"/>). A round that fails on the store
/// is logged once and the next round tries again.
/// </summary>
public sealed partial class WebSourceRefreshService(WebSourceCurator curator, TimeProvider time, ILogger<WebSourceRefreshService> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await curator.RefreshDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or StoreException or IOException)
            {
                RoundFailed(logger, e.Message);
            }

            await Task.Delay(CheckInterval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(6004, LogLevel.Warning, "A refresh round of web sources failed: {Reason}")]
    private static partial void RoundFailed(ILogger logger, string reason);
}
