using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Tests;

/// <summary>The contract with the executable: AddDiscordBot, its validated options, and what it exposes.</summary>
public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task Start_TokenMissing_FailsValidationNamingTheSetting()
    {
        using var host = Build(new Dictionary<string, string?>());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(DiscordOptions), error.OptionsType);
        Assert.Contains("Token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Configured_BindsOptionsAndExposesGatewayStatus()
    {
        using var host = Build(new Dictionary<string, string?> { ["Discord:Token"] = "x", ["Discord:GuildId"] = "290926798626357999" });

        var options = host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;

        Assert.Equal(new Uri("https://discord.com/api/v10"), options.ApiBaseUrl);
        Assert.Equal(290926798626357999UL, options.GuildId);
        Assert.Equal(GatewayState.Starting, host.Services.GetRequiredService<IGatewayStatus>().State);
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is GatewayService);
    }

    [Fact]
    public void ToString_PayloadsAndInteractions_NeverPrintTokens()
    {
        var interaction = DiscordJson.Deserialize<Interaction>(System.Text.Json.JsonSerializer.SerializeToElement(JsonNode.Parse("""{"id":"1","token":"secret-interaction-token","type":2,"data":{"name":"ask"}}""")))!;
        var texts = new object[]
        {
            interaction,
            new IdentifyPayload("secret-bot-token", GatewayIntents.None, new IdentifyProperties("linux", "chatbot", "chatbot"), [1, 2]),
            new ResumePayload("secret-bot-token", "secret-session", 5),
            new GatewaySession("secret-session", "wss://x", 5),
            new DiscordRoute("PATCH /webhooks/:id/:token/messages/@original", "1/secret-interaction-token", RouteKind.InteractionWebhook),
        }.Select(o => o.ToString()!);

        Assert.All(texts, t => Assert.DoesNotContain("secret", t, StringComparison.Ordinal));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IAnswerService>(new FakeAnswers());
        builder.Services.AddSingleton<ISourceCatalog>(new FakeCatalog());
        builder.Services.AddDiscordBot(builder.Configuration);
        return builder.Build();
    }
}
