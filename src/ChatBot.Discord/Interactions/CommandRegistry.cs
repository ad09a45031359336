using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Interactions;

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
