using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatBot.Core;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The typed REST client (https://discord.com/developers/docs/reference#authentication): <c>Authorization: Bot …</c> on bot routes, none on interaction routes (their
/// token is in the path), a Discord-style User-Agent, JSON bodies, and errors turned into
/// <see cref="DiscordRestException"/>. Every request carries its <see cref="DiscordRoute"/> for the
/// rate-limit handler. It is a transient typed client: resolve it where it is used, not in a singleton.
/// </summary>
internal sealed class DiscordRestClient(HttpClient http, Microsoft.Extensions.Options.IOptions<DiscordOptions> options)
{
    public const string ProjectUrl = "https://github.com/chatbot/chatbot";

    /// <summary>
    /// How long a request may take in all, waits for rate limits and one retry included. Each attempt on the wire
    /// has <see cref="RequestTimeoutHandler.Timeout"/> (15 s) on its own.
    /// </summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(60);

    public static string UserAgent { get; } = $"DiscordBot ({ProjectUrl}, {BotVersion.Number})";

    /// <summary>Applied once to the factory's client: the base address must end in a slash for relative paths.</summary>
    public static void Configure(HttpClient client, DiscordOptions discord)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(discord);
        var baseUrl = discord.ApiBaseUrl.ToString();
        client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        client.Timeout = TotalTimeout;
    }

    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
        => await SendAsync<GatewayBotInfo>(HttpMethod.Get, "gateway/bot", new("GET /gateway/bot", "", RouteKind.Bot), null, cancellationToken)
           ?? throw new DiscordRestException(HttpStatusCode.OK, null, "empty body", "GET /gateway/bot");

    public async Task<IReadOnlyList<ApplicationCommand>> GetCommandsAsync(ulong applicationId, ulong? guildId, CancellationToken cancellationToken)
    {
        var (path, template) = CommandsPath(applicationId, guildId);
        return await SendAsync<List<ApplicationCommand>>(HttpMethod.Get, path, new("GET " + template, "", RouteKind.Bot), null, cancellationToken) ?? [];
    }

    /// <summary>Bulk overwrite (PUT): replaces every command of the scope with <paramref name="commands"/>.</summary>
    public async Task<IReadOnlyList<ApplicationCommand>> OverwriteCommandsAsync(ulong applicationId, ulong? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken)
    {
        var (path, template) = CommandsPath(applicationId, guildId);
        return await SendAsync<List<ApplicationCommand>>(HttpMethod.Put, path, new("PUT " + template, "", RouteKind.Bot), commands, cancellationToken) ?? [];
    }

    public async Task CreateInteractionResponseAsync(ulong interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interactionToken);
        var path = $"interactions/{Id(interactionId)}/{Uri.EscapeDataString(interactionToken)}/callback";
        await SendAsync<JsonElement?>(HttpMethod.Post, path, new("POST /interactions/:id/:token/callback", "", RouteKind.InteractionCallback), response, cancellationToken);
    }

    public async Task EditOriginalResponseAsync(ulong applicationId, string interactionToken, MessageBody body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interactionToken);
        var path = $"webhooks/{Id(applicationId)}/{Uri.EscapeDataString(interactionToken)}/messages/@original";
        var route = new DiscordRoute("PATCH /webhooks/:id/:token/messages/@original", Id(applicationId) + "/" + interactionToken, RouteKind.InteractionWebhook);
        await SendAsync<JsonElement?>(HttpMethod.Patch, path, route, body, cancellationToken);
    }

    public async Task<DiscordMessage?> CreateFollowupAsync(ulong applicationId, string interactionToken, MessageBody body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interactionToken);
        var path = $"webhooks/{Id(applicationId)}/{Uri.EscapeDataString(interactionToken)}";
        var route = new DiscordRoute("POST /webhooks/:id/:token", Id(applicationId) + "/" + interactionToken, RouteKind.InteractionWebhook);
        return await SendAsync<DiscordMessage>(HttpMethod.Post, path, route, body, cancellationToken);
    }

    /// <summary>A channel message, e.g. a reply to a mention (set <see cref="MessageBody.MessageReference"/>).</summary>
    public async Task<DiscordMessage?> CreateMessageAsync(ulong channelId, MessageBody body, CancellationToken cancellationToken)
        => await SendAsync<DiscordMessage>(
            HttpMethod.Post,
            $"channels/{Id(channelId)}/messages",
            new("POST /channels/:id/messages", Id(channelId), RouteKind.Bot) { ChannelId = channelId, Essential = false },
            body,
            cancellationToken);

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, DiscordRoute route, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Options.Set(DiscordRoute.OptionKey, route);
        if (route.Kind == RouteKind.Bot)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.Token);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(DiscordJson.Serialize(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(response.StatusCode, bytes, route);
        }

        return bytes.Length == 0 || response.StatusCode == HttpStatusCode.NoContent ? default : DiscordJson.Deserialize<T>(bytes);
    }

    private static DiscordRestException Failure(HttpStatusCode status, byte[] bytes, DiscordRoute route)
    {
        DiscordErrorBody? error = null;
        try
        {
            error = bytes.Length == 0 ? null : DiscordJson.Deserialize<DiscordErrorBody>(bytes);
        }
        catch (JsonException)
        {
            // A proxy's HTML error page; the status alone says enough.
        }

        var detail = error?.Message;
        if (error?.Errors is { ValueKind: JsonValueKind.Object } errors)
        {
            var tree = errors.GetRawText();
            detail += " " + TextCut.Truncate(tree, 500);
        }

        return new DiscordRestException(status, error?.Code, detail, route.Template);
    }

    private static (string Path, string Template) CommandsPath(ulong applicationId, ulong? guildId)
        => guildId is { } guild
            ? ($"applications/{Id(applicationId)}/guilds/{Id(guild)}/commands", "/applications/:id/guilds/:id/commands")
            : ($"applications/{Id(applicationId)}/commands", "/applications/:id/commands");

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
