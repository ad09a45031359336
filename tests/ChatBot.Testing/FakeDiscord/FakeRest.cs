using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Testing.FakeDiscord;

/// <summary>One request the fake received, and what it answered.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    long Timestamp)
{
    public int Status { get; internal set; }

    public IReadOnlyList<string> Problems { get; internal set; } = [];

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A scripted answer: status, JSON body and headers, used instead of the fake's normal one.</summary>
public sealed record FakeResponse(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A 429 as in fixture F7, with <paramref name="retryAfter"/> seconds in the body and headers.</summary>
    public static FakeResponse RateLimited(double retryAfter, bool global = false, string bucket = "abcd1234")
    {
        var seconds = retryAfter.ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = global ? "global" : "user",
        };
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            headers["X-RateLimit-Limit"] = "5";
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = seconds;
            headers["X-RateLimit-Bucket"] = bucket;
        }

        return new FakeResponse(429, $$"""{"message":"You are being rate limited.","retry_after":{{seconds}},"global":{{(global ? "true" : "false")}}}""", headers);
    }
}

/// <summary>
/// The fake's REST side: the routes the bot uses, recorded, checked (User-Agent, auth, content type, message
/// limits, the interaction rules) and scriptable per method and path.
/// </summary>
public sealed partial class FakeRest : IDisposable
{
    private readonly FakeDiscordServer server;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentQueue<(string Method, Regex Path, FakeResponse Response)> scripts = new();
    private readonly ConcurrentDictionary<string, JsonArray> commands = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> commandPuts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim arrived = new(0);
    private readonly Lock scriptSync = new();
    private long nextMessageId = 1300000000000000000;

    internal FakeRest(FakeDiscordServer server) => this.server = server;

    public void Dispose() => arrived.Dispose();

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>Every request the fake answered 400 because a body broke Discord's rules.</summary>
    public IReadOnlyList<RecordedRequest> Rejected => requests.Where(r => r.Status == 400).ToArray();

    /// <summary>Answers the next <paramref name="times"/> requests matching method and path (a regex on the path after /api/v10) with <paramref name="response"/>.</summary>
    public void Script(string method, string pathPattern, FakeResponse response, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            scripts.Enqueue((method, new Regex(pathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), response));
        }
    }

    /// <summary>The commands stored for a scope: "global" or a guild id.</summary>
    public JsonArray Commands(string scope) => commands.GetOrAdd(scope, _ => []);

    public void SetCommands(string scope, JsonArray list) => commands[scope] = list;

    public int CommandPuts(string scope) => commandPuts.GetValueOrDefault(scope);

    /// <summary>Waits until <paramref name="count"/> recorded requests match, and returns them in arrival order.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var cancel = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        while (true)
        {
            var found = requests.Where(match).ToList();
            if (found.Count >= count)
            {
                return found.Take(count).ToList();
            }

            try
            {
                await arrived.WaitAsync(TimeSpan.FromMilliseconds(50), cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"Expected {count} matching requests; saw {found.Count}. Requests: {string.Join(", ", requests.Select(r => $"{r.Method} {Redact(r.Path)} {r.Status}"))}");
            }
        }
    }

    public async Task<RecordedRequest> WaitForOneAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
        => (await WaitForAsync(match, 1, timeout))[0];

    /// <summary>The callback (POST …/callback) for an interaction.</summary>
    public Task<RecordedRequest> WaitForCallbackAsync(FakeInteraction interaction, TimeSpan? timeout = null)
        => WaitForOneAsync(r => r.Method == "POST" && r.Path == $"/interactions/{interaction.Id}/{interaction.Token}/callback", timeout);

    /// <summary>The <paramref name="number"/>th edit (PATCH) of an interaction's <c>@original</c>.</summary>
    public async Task<RecordedRequest> WaitForEditAsync(FakeInteraction interaction, int number = 1, TimeSpan? timeout = null)
        => (await WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith($"/{interaction.Token}/messages/@original", StringComparison.Ordinal), number, timeout))[number - 1];

    internal async Task HandleAsync(HttpContext context, string path)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, path, headers, body, Stopwatch.GetTimestamp());
        var (status, responseBody, responseHeaders, problems) = Answer(request);
        request.Status = status;
        request.Problems = problems;
        requests.Enqueue(request);
        arrived.Release();

        context.Response.StatusCode = status;
        foreach (var (name, value) in responseHeaders ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (responseBody is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(responseBody, context.RequestAborted);
        }
    }

    private (int Status, string? Body, IReadOnlyDictionary<string, string>? Headers, IReadOnlyList<string> Problems) Answer(RecordedRequest request)
    {
        if (request.Header("User-Agent") is not { } agent || !agent.StartsWith("DiscordBot (", StringComparison.Ordinal))
        {
            return (403, Error(40333, "internal network error"), null, ["no DiscordBot User-Agent"]);
        }

        if (request.Body.Length > 0 && request.Header("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return (400, Error(50035, "Invalid Form Body"), null, ["Content-Type is not application/json"]);
        }

        if (request.Body.Length > 0 && InvalidText(request.Body) is { } invalid)
        {
            return (400, Error(50035, "Invalid Form Body"), null, [invalid]);
        }

        if (TakeScript(request) is { } scripted)
        {
            return (scripted.Response.Status, scripted.Response.Body, scripted.Response.Headers, []);
        }

        var method = request.Method;
        var path = request.Path;
        if (IsBotRoute(path) && server.Options.ExpectedToken is { } token && request.Header("Authorization") != "Bot " + token)
        {
            return (401, Error(0, "401: Unauthorized"), null, ["bad Authorization"]);
        }

        if (method == "GET" && path == "/gateway/bot")
        {
            var info = new JsonObject
            {
                ["url"] = server.GatewayUrl.ToString().TrimEnd('/'),
                ["shards"] = server.Options.RecommendedShards,
                ["session_start_limit"] = new JsonObject
                {
                    ["total"] = 1000,
                    ["remaining"] = server.Options.SessionStartRemaining,
                    ["reset_after"] = 14400000,
                    ["max_concurrency"] = server.Options.MaxConcurrency,
                },
            };
            return (200, info.ToJsonString(), null, []);
        }

        if (CommandsRoute().Match(path) is { Success: true } commandsMatch)
        {
            var scope = commandsMatch.Groups["guild"].Success ? commandsMatch.Groups["guild"].Value : "global";
            if (method == "GET")
            {
                return (200, Commands(scope).ToJsonString(), null, []);
            }

            if (method == "PUT")
            {
                commandPuts.AddOrUpdate(scope, 1, (_, n) => n + 1);
                var stored = new JsonArray();
                foreach (var command in JsonNode.Parse(request.Body)?.AsArray() ?? [])
                {
                    var copy = command!.DeepClone().AsObject();
                    copy["id"] = Interlocked.Increment(ref nextMessageId).ToString(CultureInfo.InvariantCulture);
                    copy["application_id"] = server.Options.ApplicationId.ToString(CultureInfo.InvariantCulture);
                    copy["version"] = "1";
                    stored.Add(copy);
                }

                commands[scope] = stored;
                return (200, stored.ToJsonString(), null, []);
            }
        }

        if (method == "POST" && CallbackRoute().Match(path) is { Success: true } callback)
        {
            return Callback(ulong.Parse(callback.Groups["id"].Value, CultureInfo.InvariantCulture), callback.Groups["token"].Value, request);
        }

        if (WebhookRoute().Match(path) is { Success: true } webhook)
        {
            return Webhook(method, webhook.Groups["token"].Value, webhook.Groups["original"].Success, request);
        }

        if (method == "POST" && ChannelMessagesRoute().IsMatch(path))
        {
            var problems = DiscordLimits.CheckMessage(request.Json, requireContent: true);
            return problems.Count > 0 ? (400, Error(50035, "Invalid Form Body"), null, problems) : (200, Message(request.Json), null, []);
        }

        return (404, Error(0, "404: Not Found"), null, ["unknown route"]);
    }

    private (int, string?, IReadOnlyDictionary<string, string>?, IReadOnlyList<string>) Callback(ulong id, string token, RecordedRequest request)
    {
        var body = request.Json as JsonObject;
        var type = body?["type"]?.GetValue<int>() ?? 0;
        if (server.Interactions.AcceptCallback(id, token, type) is { } refusal)
        {
            return (refusal.Status, Error(refusal.Code, refusal.Message), null, [refusal.Message]);
        }

        var interaction = server.Interactions.ById(id)!;
        var problems = type switch
        {
            4 or 7 => DiscordLimits.CheckMessage(body?["data"], requireContent: true),
            5 => body?["data"] is JsonObject data && (data.Count > 1 || (data["flags"]?.GetValue<int>() ?? 0) is not (0 or 64)) ? ["type 5 accepts only the EPHEMERAL flag"] : [],
            6 or 8 or 9 => [],
            _ => [$"unknown callback type {type}"],
        };
        if (problems.Count > 0)
        {
            return (400, Error(50035, "Invalid Form Body"), null, problems);
        }

        if (type is 4 or 7)
        {
            interaction.Original = body?["data"]?.DeepClone();
        }

        return (204, null, null, []);
    }

    private (int, string?, IReadOnlyDictionary<string, string>?, IReadOnlyList<string>) Webhook(string method, string token, bool original, RecordedRequest request)
    {
        if (server.Interactions.ByToken(token) is not { } interaction || interaction.AcceptedCallbacks == 0)
        {
            return (404, Error(10015, "Unknown Webhook"), null, ["no acknowledged interaction for this token"]);
        }

        if (method == "GET" && original)
        {
            return (200, Message(interaction.Original), null, []);
        }

        var problems = DiscordLimits.CheckMessage(request.Json, requireContent: !original);
        if (problems.Count > 0)
        {
            return (400, Error(50035, "Invalid Form Body"), null, problems);
        }

        if (original && method == "PATCH")
        {
            interaction.Original = request.Json?.DeepClone();
        }

        return (200, Message(request.Json), null, []);
    }

    private (string Method, Regex Path, FakeResponse Response)? TakeScript(RecordedRequest request)
    {
        lock (scriptSync)
        {
            var all = scripts.ToArray();
            var index = Array.FindIndex(all, s => s.Method == request.Method && s.Path.IsMatch(request.Path));
            if (index < 0)
            {
                return null;
            }

            scripts.Clear();
            for (var i = 0; i < all.Length; i++)
            {
                if (i != index)
                {
                    scripts.Enqueue(all[i]);
                }
            }

            return all[index];
        }
    }

    private string Message(JsonNode? body)
    {
        var message = body?.DeepClone() as JsonObject ?? [];
        message["id"] = Interlocked.Increment(ref nextMessageId).ToString(CultureInfo.InvariantCulture);
        message["channel_id"] = FakeInteraction.DefaultChannelId.ToString(CultureInfo.InvariantCulture);
        return message.ToJsonString();
    }

    /// <summary>A body that is not JSON, or holds a string that is not valid UTF-16 (a lone surrogate), is one Discord would refuse.</summary>
    private static string? InvalidText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var strings = new Stack<JsonElement>([document.RootElement]);
            while (strings.Count > 0)
            {
                var element = strings.Pop();
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        _ = element.GetString();
                        break;
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject())
                        {
                            strings.Push(property.Value);
                        }

                        break;
                    case JsonValueKind.Array:
                        foreach (var item in element.EnumerateArray())
                        {
                            strings.Push(item);
                        }

                        break;
                    default:
                        break;
                }
            }

            return null;
        }
        catch (JsonException e)
        {
            return "body is not JSON: " + e.Message;
        }
        catch (InvalidOperationException e)
        {
            return "body holds invalid UTF-16: " + e.Message;
        }
    }

    private static bool IsBotRoute(string path)
        => !path.StartsWith("/interactions/", StringComparison.Ordinal) && !path.StartsWith("/webhooks/", StringComparison.Ordinal) && path != "/gateway";

    private static string Error(int code, string message)
        => JsonSerializer.Serialize(new { code, message });

    /// <summary>Tokens in paths are replaced in failure messages, as a habit worth keeping.</summary>
    private static string Redact(string path) => TokenInPath().Replace(path, "/:token");

    [GeneratedRegex(@"^/applications/\d+(/guilds/(?<guild>\d+))?/commands$")]
    private static partial Regex CommandsRoute();

    [GeneratedRegex(@"^/interactions/(?<id>\d+)/(?<token>[^/]+)/callback$")]
    private static partial Regex CallbackRoute();

    [GeneratedRegex(@"^/webhooks/\d+/(?<token>[^/]+)(?<original>/messages/@original)?$")]
    private static partial Regex WebhookRoute();

    [GeneratedRegex(@"^/channels/\d+/messages$")]
    private static partial Regex ChannelMessagesRoute();

    [GeneratedRegex(@"/interaction-token-[^/]+")]
    private static partial Regex TokenInPath();
}
