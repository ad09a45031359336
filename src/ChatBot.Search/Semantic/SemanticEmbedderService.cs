using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Search.Semantic;

/// <summary>
/// While the bot runs, keeps the passage embeddings up to date in the background: the model is loaded once the
/// bot has started, and every <see cref="Interval"/> a scope whose vectors are behind the store (a new upload, a
/// removed source, a rebuild) is caught up on a thread of its own. Indexing, uploads and answers never wait for
/// it; an answer uses the vectors there are. A failure is logged and tried again at the next tick.
/// </summary>
public sealed partial class SemanticEmbedderService(SemanticIndex semantic, PassageEmbedder embedder, TimeProvider time, ILogger<SemanticEmbedderService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => semantic.Options.Enabled
            ? Task.Factory.StartNew(() => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()
            : Task.CompletedTask;

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                if (semantic.LoadedModel is null || embedder.IsBehind())
                {
                    // Loaded even with nothing to embed: questions need it for their own embeddings.
                    semantic.Model();
                    embedder.CatchUp(stoppingToken);
                }
            }
            catch (Exception e) when (e is OnnxRuntimeException or IOException or UnauthorizedAccessException or DbException or InvalidOperationException)
            {
                CatchUpFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(2204, LogLevel.Warning, "Could not bring the passage embeddings up to date: {Reason}; answers rank by words alone where vectors are missing, trying again")]
    private static partial void CatchUpFailed(ILogger logger, string reason);
}
