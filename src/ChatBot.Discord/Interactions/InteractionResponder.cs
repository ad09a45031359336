using System.Net;
using ChatBot.Core;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Answers one interaction in the right way for its state (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction): the first answer is the callback (a defer
/// or a message); after a defer, a reply edits <c>@original</c>; after that, replies are follow-ups. It logs
/// when the interaction was acknowledged, timed from receipt.
/// </summary>
internal sealed class InteractionResponder(DiscordRestClient rest, InteractionContext call, ulong applicationId, TimeProvider time, ILogger logger)
{
    private const long LateAcknowledgementMs = 2000;

    private State state;

    private enum State
    {
        Pending,
        Deferred,
        Responded,
    }

    public bool Acknowledged => state != State.Pending;

    private string Name => call.CommandName ?? call.CustomId?.Split(':')[0] ?? "?";

    public async Task DeferAsync(bool ephemeral, CancellationToken cancellationToken)
    {
        await rest.CreateInteractionResponseAsync(call.Id, call.Interaction.Token, InteractionResponse.Defer(ephemeral), cancellationToken);
        state = State.Deferred;
        LogAcknowledged();
    }

    public async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        switch (state)
        {
            case State.Pending:
                await rest.CreateInteractionResponseAsync(call.Id, call.Interaction.Token, new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, reply.ToMessage(includeFlags: true)), cancellationToken);
                state = State.Responded;
                LogAcknowledged();
                break;
            case State.Deferred:
                await rest.EditOriginalResponseAsync(applicationId, call.Interaction.Token, reply.ToMessage(includeFlags: false), cancellationToken);
                state = State.Responded;
                break;
            default:
                await rest.CreateFollowupAsync(applicationId, call.Interaction.Token, reply.ToMessage(includeFlags: true), cancellationToken);
                break;
        }

        InteractionLog.Answered(logger, call.Id, call.Kind, Name, (long)time.GetElapsedTime(call.ReceivedAt).TotalMilliseconds);
    }

    /// <summary>Answers an autocomplete (type 8): at most 25 choices, names and values of 1–100 characters.</summary>
    public async Task AutocompleteAsync(IReadOnlyList<AutocompleteChoice> choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var valid = choices
            .Where(c => c.Name.Length > 0 && c.Value.Length is > 0 and <= 100)
            .Take(25)
            .Select(c => c with { Name = TextCut.Truncate(c.Name, 100) })
            .ToList();
        await rest.CreateInteractionResponseAsync(call.Id, call.Interaction.Token, new InteractionResponse(InteractionCallbackType.ApplicationCommandAutocompleteResult, new AutocompleteResult(valid)), cancellationToken);
        state = State.Responded;
        LogAcknowledged();
    }

    /// <summary>Tells the user something failed, in whatever way the interaction still allows; never throws for Discord's reasons.</summary>
    public async Task TryApologizeAsync(string text, CancellationToken cancellationToken)
    {
        if (call.Kind == InteractionType.ApplicationCommandAutocomplete)
        {
            return;
        }

        try
        {
            await RespondAsync(Reply.Note(text), cancellationToken);
        }
        catch (DiscordRestException e)
        {
            InteractionLog.ApologyFailed(logger, call.Id, e.Message);
        }
        catch (HttpRequestException e)
        {
            InteractionLog.ApologyFailed(logger, call.Id, e.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            InteractionLog.ApologyFailed(logger, call.Id, HttpStatusCode.RequestTimeout.ToString());
        }
    }

    private void LogAcknowledged()
    {
        var elapsed = (long)time.GetElapsedTime(call.ReceivedAt).TotalMilliseconds;
        if (elapsed >= LateAcknowledgementMs)
        {
            InteractionLog.AcknowledgedLate(logger, call.Id, call.Kind, Name, elapsed);
        }
        else
        {
            InteractionLog.Acknowledged(logger, call.Id, call.Kind, Name, elapsed);
        }
    }
}
