using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Asking;

/// <summary>
/// "Ask in chat": a message that mentions the bot ("@ChatBot who led the coup?") or a direct message to it is
/// answered with the same quote card, as a reply to that message. It needs only non-privileged intents: Discord
/// delivers the content of messages that mention the app, and of DMs, without MESSAGE_CONTENT. The bot never
/// answers itself, other bots or webhooks. Every such message, a bare mention too, counts toward the per-member
/// question limit; a refusal is posted at most once a minute per member. Nothing is posted where the bot may not
/// post (a 403 there, or an interaction's permissions saying so, in the last ten minutes), nor while the REST
/// breaker holds back requests that can wait. The reply is worked out and sent in a command slot, like any
/// question; when the slots are full the message is dropped.
/// </summary>
internal sealed partial class MessageAskHandler(
    IServiceScopeFactory scopes,
    GatewayStatus status,
    QuestionGuard guard,
    CommandGate gate,
    RateLimitState rest,
    ILogger<MessageAskHandler> logger) : IDispatchHandler
{
    public const string HintText = "Ask me a history question, for example: who led the coup?";

    public string EventName => "MESSAGE_CREATE";

    public GatewayIntents RequiredIntents => GatewayIntents.GuildMessages | GatewayIntents.DirectMessages;

    public ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        DiscordMessage? message;
        try
        {
            message = DiscordJson.Deserialize<DiscordMessage>(dispatch.Data);
        }
        catch (JsonException e)
        {
            Unreadable(logger, e.Message);
            return ValueTask.CompletedTask;
        }

        if (message?.Author is not { } author || Question(message, status.BotUserId) is not { } question)
        {
            return ValueTask.CompletedTask;
        }

        if (!rest.MayPostTo(message.ChannelId))
        {
            NotPostable(logger, message.Id, message.ChannelId);
            return ValueTask.CompletedTask;
        }

        Reply? fixedReply = null;
        var source = message.GuildId is null ? QuestionSource.DirectMessage : QuestionSource.Mention;
        var admission = guard.Admit(source, author.Id, publicRefusal: true);
        if (admission.Wait is { } wait)
        {
            if (!admission.Tell)
            {
                OverLimitQuiet(logger, message.Id);
                return ValueTask.CompletedTask;
            }

            fixedReply = Reply.Text(AskRateLimiter.Refusal(wait));
        }
        else if (question.Length == 0)
        {
            fixedReply = Reply.Text(HintText);
        }

        using var ticket = gate.TryReserve();
        if (ticket is null)
        {
            guard.Refused(source);
            Dropped(logger, message.Id);
            return ValueTask.CompletedTask;
        }

        ticket.Start(ct => ReplyAsync(message, new Question(question, source, message.GuildId, author.Id, dispatch.ReceivedAt), fixedReply, ct), cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The question a message asks the bot, the mention of the bot taken out; "" when it only mentions it;
    /// null when the message is not for the bot (not a mention or a DM, or written by a bot or a webhook).
    /// </summary>
    public static string? Question(DiscordMessage message, ulong? botUserId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Author is not { } author || author.Bot == true || message.WebhookId is not null || author.Id == botUserId || botUserId is null)
        {
            return null;
        }

        var mentioned = message.Mentions?.Any(u => u.Id == botUserId) == true;
        if (message.GuildId is not null && !mentioned)
        {
            return null;
        }

        var text = Mention().Replace(message.Content ?? "", m => m.Groups["id"].Value == botUserId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) ? " " : m.Value);
        return string.Join(' ', text.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>In a command slot: the answer (or the hint, or the refusal), posted as a reply. One catch per message, as per interaction.</summary>
    private async Task ReplyAsync(DiscordMessage message, Question question, Reply? fixedReply, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
        try
        {
            var reply = fixedReply ?? await scope.ServiceProvider.GetRequiredService<QuestionPipeline>().AnswerAsync(question, AnswerView.Card, skip: 0, key: null, cancellationToken);
            var body = reply.ToMessage(includeFlags: false) with
            {
                Flags = null,
                MessageReference = new MessageReference(message.Id, message.ChannelId, message.GuildId),
                AllowedMentions = new AllowedMentions { RepliedUser = false },
            };
            await client.CreateMessageAsync(message.ChannelId, body, cancellationToken);
        }
        catch (DiscordRestException e) when (e.StatusCode == HttpStatusCode.Forbidden || !e.Sent)
        {
            // The REST layer has blocked the channel, or its breaker held the reply back; one line is enough, no stack.
            CannotPost(logger, message.Id, e.Message);
        }
#pragma warning disable CA1031 // One catch per message, as per interaction: log it and keep the bot running.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Failed(logger, message.Id, e);
        }
    }

    [GeneratedRegex(@"<@!?(?<id>\d{1,20})>")]
    private static partial Regex Mention();

    [LoggerMessage(4201, LogLevel.Warning, "A MESSAGE_CREATE could not be read: {Reason}")]
    private static partial void Unreadable(ILogger logger, string reason);

    [LoggerMessage(4202, LogLevel.Error, "Answering message {MessageId} failed")]
    private static partial void Failed(ILogger logger, ulong messageId, Exception exception);

    [LoggerMessage(4203, LogLevel.Debug, "Message {MessageId}: not answered; the bot may not post in channel {ChannelId} now")]
    private static partial void NotPostable(ILogger logger, ulong messageId, ulong channelId);

    [LoggerMessage(4204, LogLevel.Debug, "Message {MessageId}: over the question limit; the member was told in the last minute, so no reply")]
    private static partial void OverLimitQuiet(ILogger logger, ulong messageId);

    [LoggerMessage(4205, LogLevel.Debug, "Message {MessageId}: dropped; the command slots are full")]
    private static partial void Dropped(ILogger logger, ulong messageId);

    [LoggerMessage(4206, LogLevel.Warning, "Message {MessageId}: reply not posted ({Reason})")]
    private static partial void CannotPost(ILogger logger, ulong messageId, string reason);
}
