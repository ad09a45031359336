using System.Globalization;
using System.Text.Json;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Runs every INTERACTION_CREATE off the receive loop: reads it, finds its command or component handler,
/// applies permission checks and guards, acknowledges (defer, before any slow work), runs the handler in its
/// own DI scope and sends its reply. This is the one place that catches a handler's failure: it is logged
/// and the user gets a short apology. The acknowledgement never waits for a command slot; only the work does.
/// </summary>
internal sealed class InteractionRouter(
    IServiceScopeFactory scopes,
    CommandRegistry registry,
    IEnumerable<IInteractionGuard> guards,
    GatewayStatus status,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<InteractionRouter> logger) : IDispatchHandler, IDisposable
{
    public const string FailureText = "Sorry, something went wrong while answering. Please try again in a moment.";
    public const string MalformedText = "Sorry, I could not read that request. Please try again.";
    public const string UnknownCommandText = "I don't know that command. Try /help to see what I can do.";
    public const string UnknownComponentText = "This button no longer works. Ask again with /ask.";

    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentCommands, options.Value.MaxConcurrentCommands);
    private readonly IInteractionGuard[] guards = guards.ToArray();

    public string EventName => "INTERACTION_CREATE";

    public void Dispose() => slots.Dispose();

    public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        await using var scope = scopes.CreateAsyncScope();
        var rest = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
        var interaction = await ReadAsync(dispatch, rest, cancellationToken);
        if (interaction is null)
        {
            return;
        }

        var call = new InteractionContext(interaction, dispatch.ReceivedAt);
        var applicationId = interaction.ApplicationId != 0 ? interaction.ApplicationId : status.ApplicationId ?? 0;
        var responder = new InteractionResponder(rest, call, applicationId, time, logger);
        try
        {
            switch (interaction.Type)
            {
                case InteractionType.ApplicationCommand:
                    await RunCommandAsync(call, responder, scope.ServiceProvider, cancellationToken);
                    break;
                case InteractionType.MessageComponent or InteractionType.ModalSubmit:
                    await RunComponentAsync(call, responder, scope.ServiceProvider, cancellationToken);
                    break;
                case InteractionType.ApplicationCommandAutocomplete:
                    await RunAutocompleteAsync(call, responder, scope.ServiceProvider, cancellationToken);
                    break;
                default:
                    InteractionLog.UnsupportedType(logger, call.Id, (int)interaction.Type);
                    break;
            }
        }
#pragma warning disable CA1031 // The one catch per interaction (STYLE §8): log it, apologise, keep the bot running.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            InteractionLog.Failed(logger, call.Id, call.Kind, call.CommandName ?? call.CustomId?.Split(':')[0] ?? "?", e);
            await responder.TryApologizeAsync(e is InteractionFormatException ? MalformedText : FailureText, cancellationToken);
        }
    }

    private async Task RunCommandAsync(InteractionContext call, InteractionResponder responder, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!registry.TryGetCommand(call.CommandName, out var command))
        {
            InteractionLog.UnknownCommand(logger, call.Id, Bounded(call.CommandName));
            await responder.RespondAsync(Reply.Note(UnknownCommandText), cancellationToken);
            return;
        }

        var spec = command.Spec;
        if (spec.RequiredPermissions is { } required && !call.HasPermissions(required))
        {
            InteractionLog.Refused(logger, call.Id, spec.Name, "missing permissions");
            await responder.RespondAsync(Reply.Note($"Only members with the {Describe(required)} permission can use /{spec.Name}."), cancellationToken);
            return;
        }

        if (await GuardAsync(call, cancellationToken) is { } refusal)
        {
            InteractionLog.Refused(logger, call.Id, spec.Name, "guard");
            await responder.RespondAsync(refusal with { Ephemeral = true }, cancellationToken);
            return;
        }

        var ephemeral = spec.Ephemeral(call);
        var handler = (ISlashCommand)services.GetRequiredService(command.Handler);
        await RunAsync(spec.Defer, ephemeral, responder, ct => handler.ExecuteAsync(call, ct), cancellationToken);
    }

    private async Task RunComponentAsync(InteractionContext call, InteractionResponder responder, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!registry.TryGetComponent(call.CustomId, out var component))
        {
            InteractionLog.UnknownComponent(logger, call.Id, Bounded(call.CustomId?.Split(':')[0]));
            await responder.RespondAsync(Reply.Note(UnknownComponentText), cancellationToken);
            return;
        }

        if (await GuardAsync(call, cancellationToken) is { } refusal)
        {
            InteractionLog.Refused(logger, call.Id, component.Spec.Prefix, "guard");
            await responder.RespondAsync(refusal with { Ephemeral = true }, cancellationToken);
            return;
        }

        var handler = (IComponentHandler)services.GetRequiredService(component.Handler);
        await RunAsync(component.Spec.Defer, component.Spec.Ephemeral(call), responder, ct => handler.ExecuteAsync(call, ct), cancellationToken);
    }

    private async Task RunAutocompleteAsync(InteractionContext call, InteractionResponder responder, IServiceProvider services, CancellationToken cancellationToken)
    {
        IReadOnlyList<AutocompleteChoice> choices = [];
        if (registry.TryGetCommand(call.CommandName, out var command)
            && (command.Spec.RequiredPermissions is not { } required || call.HasPermissions(required))
            && services.GetRequiredService(command.Handler) is IAutocompleteCommand autocomplete)
        {
            choices = await autocomplete.AutocompleteAsync(call, cancellationToken);
        }

        await responder.AutocompleteAsync(choices, cancellationToken);
    }

    /// <summary>Acknowledges first (when deferring), then runs the handler in a command slot, then sends its reply.</summary>
    private async Task RunAsync(bool defer, bool ephemeral, InteractionResponder responder, Func<CancellationToken, ValueTask<Reply>> execute, CancellationToken cancellationToken)
    {
        Reply reply;
        if (defer)
        {
            await responder.DeferAsync(ephemeral, cancellationToken);
            await slots.WaitAsync(cancellationToken);
            try
            {
                reply = await execute(cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }
        else
        {
            reply = await execute(cancellationToken);
        }

        await responder.RespondAsync(ephemeral ? reply with { Ephemeral = true } : reply, cancellationToken);
    }

    private async ValueTask<Reply?> GuardAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        foreach (var guard in guards)
        {
            if (await guard.CheckAsync(call, cancellationToken) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the payload. When it is not a usable interaction but still names an id and token, the user gets
    /// a short private note instead of "The application did not respond".
    /// </summary>
    private async Task<Interaction?> ReadAsync(GatewayDispatch dispatch, DiscordRestClient rest, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var interaction = DiscordJson.Deserialize<Interaction>(dispatch.Data);
            if (interaction is { Id: not 0, Token.Length: > 0 })
            {
                return interaction;
            }

            reason = "no id or token";
        }
        catch (JsonException e)
        {
            reason = e.Message;
        }

        InteractionLog.Malformed(logger, reason);
        if (dispatch.Data.ValueKind == JsonValueKind.Object
            && dispatch.Data.TryGetProperty("id", out var idElement)
            && ulong.TryParse(DiscordJson.String(idElement), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && dispatch.Data.TryGetProperty("token", out var tokenElement)
            && DiscordJson.String(tokenElement) is { Length: > 0 } token)
        {
            try
            {
                var note = new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, Reply.Note(MalformedText).ToMessage(includeFlags: true));
                await rest.CreateInteractionResponseAsync(id, token, note, cancellationToken);
            }
            catch (DiscordRestException e)
            {
                InteractionLog.ApologyFailed(logger, id, e.Message);
            }
            catch (HttpRequestException e)
            {
                InteractionLog.ApologyFailed(logger, id, e.HttpRequestError.ToString());
            }
        }

        return null;
    }

    private static string Describe(DiscordPermissions required)
        => required.HasFlag(DiscordPermissions.ManageGuild) ? "Manage Server" : required.ToString();

    /// <summary>Names and prefixes from payloads are logged, but never more than 32 characters of them.</summary>
    private static string Bounded(string? text) => text is null ? "(none)" : TextBudget.Truncate(TextBudget.ForDisplay(text), 33);
}
