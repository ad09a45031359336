using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Commands;

/// <summary>
/// Registers the commands once per process, on the first READY (it carries the application id): GET the
/// commands Discord has, compare them by meaning, and PUT only when they differ, which protects the 200
/// creates per day from crash loops (https://discord.com/developers/docs/interactions/application-commands#registering-a-command). To the configured server when <c>Discord:GuildId</c> is set, else
/// globally. A failure is logged and retried on the next READY.
/// </summary>
internal sealed partial class CommandRegistrar(
    IServiceScopeFactory scopes,
    CommandRegistry registry,
    IOptions<DiscordOptions> options,
    ILogger<CommandRegistrar> logger) : IDispatchHandler, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool registered;

    public string EventName => "READY";

    public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var ready = DiscordJson.Deserialize<ReadyEvent>(dispatch.Data);
        if (ready?.Application?.Id is not ulong applicationId || applicationId == 0)
        {
            Log.NoApplicationId(logger);
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (registered)
            {
                return;
            }

            await RegisterAsync(applicationId, cancellationToken);
            registered = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>The command list this bot registers in the given scope.</summary>
    public IReadOnlyList<ApplicationCommand> Desired(bool global)
        => registry.Commands.OrderBy(c => c.Spec.Name, StringComparer.Ordinal).Select(c => c.Spec.ToApplicationCommand(global)).ToList();

    private async Task RegisterAsync(ulong applicationId, CancellationToken cancellationToken)
    {
        var guild = options.Value.GuildId;
        var global = guild is null;
        var desired = Desired(global);
        var problems = CommandValidator.Validate(desired);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The bot's commands break Discord's rules: " + string.Join("; ", problems));
        }

        var scopeName = guild is { } id ? $"server {id}" : "global";
        await using var scope = scopes.CreateAsyncScope();
        var rest = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
        var existing = await rest.GetCommandsAsync(applicationId, guild, cancellationToken);
        if (CommandComparer.SameSet(desired, existing, global))
        {
            Log.UpToDate(logger, desired.Count, scopeName);
            return;
        }

        await rest.OverwriteCommandsAsync(applicationId, guild, desired, cancellationToken);
        Log.Registered(logger, desired.Count, scopeName, string.Join(", ", desired.Select(c => "/" + c.Name)));
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Information, "Commands up to date ({Count}, {Scope}); nothing registered")]
        public static partial void UpToDate(ILogger logger, int count, string scope);

        [LoggerMessage(4102, LogLevel.Information, "Registered {Count} commands ({Scope}): {Commands}")]
        public static partial void Registered(ILogger logger, int count, string scope, string commands);

        [LoggerMessage(4103, LogLevel.Warning, "READY carried no application id; commands not registered")]
        public static partial void NoApplicationId(ILogger logger);
    }
}
