using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Community;

/// <summary>
/// "Ask in chat": a message that mentions the bot ("@ChatBot who led the coup?") or a direct message to it is
/// answered with the same quote card, as a reply to that message. It needs only non-privileged intents: Discord
/// delivers the content of messages that mention the app, and of DMs, without MESSAGE_CONTENT. The bot never
/// answers itself, other bots or webhooks, and the per-member question limit applies as to /ask.
/// </summary>
internal sealed partial class MessageAskHandler(
    IServiceScopeFactory scopes,
    GatewayStatus status,
    AskRateLimiter limiter,
    ILogger<MessageAskHandler> logger) : IDispatchHandler
{
    public const string HintText = "Ask me a history question, for example: who led the coup?";

    public string EventName => "MESSAGE_CREATE";

    public GatewayIntents RequiredIntents => GatewayIntents.GuildMessages | GatewayIntents.DirectMessages;

    public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
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
            return;
        }

        if (message?.Author is not { } author || Question(message, status.BotUserId) is not { } question)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var rest = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
        try
        {
            var reply = await AnswerAsync(scope.ServiceProvider, message, author, question, cancellationToken);
            var body = reply.ToMessage(includeFlags: false) with
            {
                Flags = null,
                MessageReference = new MessageReference(message.Id, message.ChannelId, message.GuildId),
                AllowedMentions = new AllowedMentions { RepliedUser = false },
            };
            await rest.CreateMessageAsync(message.ChannelId, body, cancellationToken);
        }
#pragma warning disable CA1031 // One catch per message, as per interaction (STYLE §8): log it and keep the bot running.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Failed(logger, message.Id, e);
        }
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

    private async Task<Interactions.Reply> AnswerAsync(IServiceProvider services, DiscordMessage message, DiscordUser author, string question, CancellationToken cancellationToken)
    {
        if (question.Length == 0)
        {
            return Interactions.Reply.Text(HintText);
        }

        if (limiter.TryAcquire(author.Id) is { } wait)
        {
            return Interactions.Reply.Text(AskRateLimiter.Refusal(wait));
        }

        var channel = message.GuildId is null ? AskChannel.DirectMessage : AskChannel.Mention;
        return await services.GetRequiredService<QuestionAnswerer>().AnswerAsync(question, message.GuildId, channel, author.Id, cancellationToken);
    }

    [GeneratedRegex(@"<@!?(?<id>\d{1,20})>")]
    private static partial Regex Mention();

    [LoggerMessage(4201, LogLevel.Warning, "A MESSAGE_CREATE could not be read: {Reason}")]
    private static partial void Unreadable(ILogger logger, string reason);

    [LoggerMessage(4202, LogLevel.Error, "Answering message {MessageId} failed")]
    private static partial void Failed(ILogger logger, ulong messageId, Exception exception);
}
