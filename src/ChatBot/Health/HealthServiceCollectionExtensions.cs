using Microsoft.Extensions.DependencyInjection;
using ChatBot.Discord;
using ChatBot.Search.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Registers the writer of the status file the <c>health</c> verb reads, and the index probe whose outcome it carries.</summary>
    public static IServiceCollection AddBotStatusFile(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IndexProbe>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexProbe>());
        services.AddHostedService<BotStatusWriter>();
        return services;
    }

    /// <summary>
    /// Keeps the record of a fatal gateway close next to the database (<see cref="BotStatus.FatalClosePathFor"/>), so a
    /// restart with the same token stops at once instead of spending an IDENTIFY on the same refusal.
    /// </summary>
    public static IServiceCollection AddFatalCloseRecord(this IServiceCollection services)
        => services.AddFatalCloseRecordFile(provider => BotStatus.FatalClosePathFor(provider.GetRequiredService<IOptions<IndexOptions>>().Value));
}
