using System.Text.Json.Nodes;

namespace ChatBot.Discord.Tests.Support;

/// <summary>The golden payloads under Payloads/ (copied to the output folder).</summary>
internal static class Payload
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name));

    public static JsonNode Json(string name) => JsonNode.Parse(Text(name))!;

    public static bool SameJson(string expected, string actual) => JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
}
