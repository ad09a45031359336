using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Interactions;

internal static class CommandServiceCollectionExtensions
{
    /// <summary>Adds a slash command: scoped (one instance per interaction) and listed for registration.</summary>
    internal static IServiceCollection AddSlashCommand<TCommand>(this IServiceCollection services)
        where TCommand : class, ISlashCommand
    {
        services.AddScoped<TCommand>();
        services.AddSingleton(new CommandRegistration(TCommand.Spec, typeof(TCommand)));
        return services;
    }

    /// <summary>Adds a handler for the custom ids that start with its prefix.</summary>
    internal static IServiceCollection AddComponentHandler<THandler>(this IServiceCollection services)
        where THandler : class, IComponentHandler
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new ComponentRegistration(THandler.Spec, typeof(THandler)));
        return services;
    }
}
