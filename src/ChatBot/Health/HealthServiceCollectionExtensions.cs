using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Registers the writer of the status file the <c>health</c> verb reads.</summary>
    public static IServiceCollection AddBotStatusFile(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<BotStatusWriter>();
        return services;
    }
}
