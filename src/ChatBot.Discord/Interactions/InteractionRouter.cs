using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Runs every INTERACTION_CREATE on a dispatch worker: reads it, finds its command or component handler, applies
/// permission checks and guards (the per-member question limit), reserves a command slot, acknowledges (defer,
/// before any slow work), then hands the handler to the <see cref="CommandGate"/>, in the interaction's own DI scope,
/// and sends its reply from there. Every refusal (permissions, the limit, full slots) comes before the acknowledgement,
/// so it is private. This is the one place that catches a handler's failure: it is logged and the user gets a short
/// apology. The acknowledgement never waits for a command slot; only the work does.
/// </summary>
internal sealed class InteractionRouter(
    IServiceScopeFactory scopes,
    CommandRegistry registry,
    IEnumerable<IInteractionGuard> guards,
    CommandGate gate,
    ChannelAccess channels,
    GatewayStatus status,
    TimeProvider time,
    ILogger<InteractionRouter> logger) : IDispatchHandler
{
    public const string FailureText = "Sorry, something went wrong while answering. Please try again in a moment.";
    public const string MalformedText = "Sorry, I could not read that request. Please try again.";
    public const string UnknownCommandText = "I don't know that command. Try /help to see what I can do.";
    public const string UnknownComponentText = "This button no longer works. Ask again with /ask.";
    public const string BusyText = "I am answering many questions at once right now. Please try again in a minute.";

    private readonly IInteractionGuard[] guards = guards.ToArray();

    public string EventName => "INTERACTION_CREATE";

    public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var scope = scopes.CreateAsyncScope();
        var handedOn = false;
        try
        {
            var rest = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
            var interaction = await InteractionReader.ReadAsync(dispatch, rest, logger, cancellationToken);
            if (interaction is null)
            {
                return;
            }

            var call = new InteractionContext(interaction, dispatch.ReceivedAt);
            ObserveChannel(call);
            var applicationId = interaction.ApplicationId != 0 ? interaction.ApplicationId : status.ApplicationId ?? 0;
            var responder = new InteractionResponder(rest, call, applicationId, time, logger);
            handedOn = await GuardedAsync(call, responder, ct => RouteAsync(call, responder, scope, ct), cancellationToken);
        }
        finally
        {
            if (!handedOn)
            {
                await scope.DisposeAsync();
            }
        }
    }

    /// <summary>Returns true when the work (and with it the scope) was handed to the command gate.</summary>
    private async Task<bool> RouteAsync(InteractionContext call, InteractionResponder responder, AsyncServiceScope scope, CancellationToken cancellationToken)
    {
        switch (call.Kind)
        {
            case InteractionType.ApplicationCommand:
                return await RunCommandAsync(call, responder, scope, cancellationToken);
            case InteractionType.MessageComponent or InteractionType.ModalSubmit:
                return await RunComponentAsync(call, responder, scope, cancellationToken);
            case InteractionType.ApplicationCommandAutocomplete:
                await RunAutocompleteAsync(call, responder, scope.ServiceProvider, cancellationToken);
                return false;
            default:
                InteractionLog.UnsupportedType(logger, call.Id, (int)call.Kind);
                return false;
        }
    }

    /// <summary>
    /// The one catch per interaction, for both of its stages: on the dispatch worker and in the command
    /// slot. Returns what <paramref name="run"/> returns, or false after a failure.
    /// </summary>
    private async Task<bool> GuardedAsync(InteractionContext call, InteractionResponder responder, Func<CancellationToken, Task<bool>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run(cancellationToken);
        }
#pragma warning disable CA1031 // The one catch per interaction: log it, apologise, keep the bot running.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            InteractionLog.Failed(logger, call.Id, call.Kind, call.CommandName ?? call.CustomId?.Split(':')[0] ?? "?", e);
            await responder.TryApologizeAsync(e is InteractionFormatException ? MalformedText : FailureText, cancellationToken);
            return false;
        }
    }

    private async Task<bool> RunCommandAsync(InteractionContext call, InteractionResponder responder, AsyncServiceScope scope, CancellationToken cancellationToken)
    {
        if (!registry.TryGetCommand(call.CommandName, out var command))
        {
            InteractionLog.UnknownCommand(logger, call.Id, Bounded(call.CommandName));
            await responder.RespondAsync(Reply.Note(UnknownCommandText), cancellationToken);
            return false;
        }

        var spec = command.Spec;
        if (spec.RequiredPermissions is { } required && !call.HasPermissions(required))
        {
            InteractionLog.Refused(logger, call.Id, spec.Name, "missing permissions");
            await responder.RespondAsync(Reply.Note($"Only members with the {Describe(required)} permission can use /{spec.Name}."), cancellationToken);
            return false;
        }

        if (await GuardAsync(call, cancellationToken) is { } refusal)
        {
            InteractionLog.Refused(logger, call.Id, spec.Name, "guard");
            await responder.RespondAsync(refusal with { Ephemeral = true }, cancellationToken);
            return false;
        }

        if (spec.Check?.Invoke(call) is { } bad)
        {
            InteractionLog.Refused(logger, call.Id, spec.Name, "bad input");
            await responder.RespondAsync(bad with { Ephemeral = true }, cancellationToken);
            return false;
        }

        var ephemeral = spec.Ephemeral(call);
        var handler = (ISlashCommand)scope.ServiceProvider.GetRequiredService(command.Handler);
        return await RunAsync(spec.Defer, ephemeral, call, responder, scope, ct => handler.ExecuteAsync(call, ct), cancellationToken);
    }

    private async Task<bool> RunComponentAsync(InteractionContext call, InteractionResponder responder, AsyncServiceScope scope, CancellationToken cancellationToken)
    {
        if (!registry.TryGetComponent(call.CustomId, out var component))
        {
            InteractionLog.UnknownComponent(logger, call.Id, Bounded(call.CustomId?.Split(':')[0]));
            await responder.RespondAsync(Reply.Note(UnknownComponentText), cancellationToken);
            return false;
        }

        if (await GuardAsync(call, cancellationToken) is { } refusal)
        {
            InteractionLog.Refused(logger, call.Id, component.Spec.Prefix, "guard");
            await responder.RespondAsync(refusal with { Ephemeral = true }, cancellationToken);
            return false;
        }

        var handler = (IComponentHandler)scope.ServiceProvider.GetRequiredService(component.Handler);
        return await RunAsync(component.Spec.Defer, component.Spec.Ephemeral(call), call, responder, scope, ct => handler.ExecuteAsync(call, ct), cancellationToken);
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

    /// <summary>
    /// A handler answered from memory runs here and now. A deferred one takes a place in the command gate (or is
    /// refused privately when there is none), is acknowledged, and then runs in a slot, where its reply is sent and
    /// the interaction's scope disposed. Returns true when the work was handed on.
    /// </summary>
    private async Task<bool> RunAsync(
        bool defer,
        bool ephemeral,
        InteractionContext call,
        InteractionResponder responder,
        AsyncServiceScope scope,
        Func<CancellationToken, ValueTask<Reply>> execute,
        CancellationToken cancellationToken)
    {
        if (!defer)
        {
            var reply = await execute(cancellationToken);
            await responder.RespondAsync(ephemeral ? reply with { Ephemeral = true } : reply, cancellationToken);
            return false;
        }

        using var ticket = gate.TryReserve();
        if (ticket is null)
        {
            InteractionLog.Refused(logger, call.Id, call.CommandName ?? call.CustomId?.Split(':')[0] ?? "?", "command slots full");
            await responder.RespondAsync(Reply.Note(BusyText), cancellationToken);
            return false;
        }

        await responder.DeferAsync(ephemeral, cancellationToken);
        ticket.Start(
            async ct =>
            {
                await using (scope)
                {
                    await GuardedAsync(
                        call,
                        responder,
                        async c =>
                        {
                            var reply = await execute(c);
                            await responder.RespondAsync(ephemeral ? reply with { Ephemeral = true } : reply, c);
                            return false;
                        },
                        ct);
                }
            },
            cancellationToken);
        return true;
    }

    /// <summary>An interaction says what the bot may do in its channel; a channel where it may not reply to a mention is left alone.</summary>
    private void ObserveChannel(InteractionContext call)
    {
        if (call.GuildId is not null && call.ChannelId is { } channel && call.AppPermissions is { } granted
            && channels.Observe(channel, granted, call.Interaction.Channel?.IsThread == true))
        {
            InteractionLog.ChannelNotPostable(logger, channel, (long)ChannelAccess.BlockFor.TotalMinutes);
        }
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

    private static string Describe(DiscordPermissions required)
        => required.HasFlag(DiscordPermissions.ManageGuild) ? "Manage Server" : required.ToString();

    /// <summary>Names and prefixes from payloads are logged, but never more than 32 characters of them.</summary>
    private static string Bounded(string? text) => text is null ? "(none)" : TextCut.Truncate(TextBudget.ForDisplay(text), 33);
}
