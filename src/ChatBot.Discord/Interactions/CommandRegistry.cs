using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Interactions;

internal sealed record CommandRegistration(SlashCommandSpec Spec, Type Handler);

internal sealed record ComponentRegistration(ComponentSpec Spec, Type Handler);

/// <summary>Every command and component handler the bot has, by name and by custom-id prefix.</summary>
internal sealed class CommandRegistry
{
    private readonly Dictionary<string, CommandRegistration> commands;
    private readonly Dictionary<string, ComponentRegistration> components;

    public CommandRegistry(IEnumerable<CommandRegistration> commands, IEnumerable<ComponentRegistration> components)
    {
        this.commands = commands.ToDictionary(c => c.Spec.Name, StringComparer.Ordinal);
        this.components = components.ToDictionary(c => c.Spec.Prefix, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<CommandRegistration> Commands => commands.Values;

    public bool TryGetCommand(string? name, [NotNullWhen(true)] out CommandRegistration? registration)
    {
        registration = null;
        return name is not null && commands.TryGetValue(name, out registration);
    }

    /// <summary>Finds the handler for a custom id by its prefix (the text before the first colon).</summary>
    public bool TryGetComponent(string? customId, [NotNullWhen(true)] out ComponentRegistration? registration)
    {
        registration = null;
        if (customId is null)
        {
            return false;
        }

        var colon = customId.IndexOf(':', StringComparison.Ordinal);
        return components.TryGetValue(colon < 0 ? customId : customId[..colon], out registration);
    }
}

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
