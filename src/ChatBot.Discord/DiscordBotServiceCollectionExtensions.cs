using ChatBot.Core;
using ChatBot.Discord.Asking;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Community;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord;

public static class DiscordBotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Discord bot: validated <see cref="DiscordOptions"/> (section <c>Discord</c>), the REST client
    /// with its rate-limit handler, the gateway service, the interaction router and the commands. It needs an
    /// <c>IAnswerService</c> and an <c>ISourceCatalog</c> from the container. <see cref="IGatewayStatus"/> tells
    /// a health check whether the bot is connected, <see cref="ICommandSlotsStatus"/> whether its command slots are
    /// stuck. Without <see cref="AddFatalCloseRecordFile"/>, a fatal close is remembered for this process only.
    /// </summary>
    public static IServiceCollection AddDiscordBot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnswersOptions>().Bind(configuration.GetSection(AnswersOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CommunityOptions>().Bind(configuration.GetSection(CommunityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new GatewayTimings());
        services.TryAddSingleton(ExitCodeSink.Process);

        services.TryAddSingleton(new InvalidRequestBudget());
        services.TryAddSingleton<ChannelAccess>();
        services.TryAddSingleton<RateLimitState>();
        services.TryAddTransient<RateLimitHandler>();
        services.TryAddTransient<RequestTimeoutHandler>();
        // Outermost first: Polly's retry of what is safe to repeat, the rate-limit handler (429s are its own), then
        // each attempt's timeout.
        var rest = services.AddHttpClient<DiscordRestClient>((provider, http) => DiscordRestClient.Configure(http, provider.GetRequiredService<IOptions<DiscordOptions>>().Value));
        rest.AddResilienceHandler(DiscordRetry.PipelineName, static (pipeline, context) =>
            DiscordRetry.Configure(pipeline, context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordRetry))));
        rest.AddHttpMessageHandler<RateLimitHandler>()
            .AddHttpMessageHandler<RequestTimeoutHandler>()
            .RemoveAllLoggers();

        services.TryAddSingleton<GatewayStatus>();
        services.TryAddSingleton<IGatewayStatus>(provider => provider.GetRequiredService<GatewayStatus>());
        services.TryAddSingleton<IGatewaySocketFactory, ClientWebSocketFactory>();
        services.TryAddSingleton<IFatalCloseRecord, InMemoryFatalCloseRecord>();
        services.TryAddSingleton<FatalStop>();
        services.TryAddSingleton<GatewayDiscovery>();
        services.TryAddSingleton(new DispatchLimits());
        services.TryAddSingleton<DispatchPump>();
        services.TryAddSingleton<CommandGate>();
        services.TryAddSingleton<ICommandSlotsStatus>(provider => provider.GetRequiredService<CommandGate>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDispatchWork, CommandGate>(provider => provider.GetRequiredService<CommandGate>()));
        services.AddSingleton<IDispatchHandler, InteractionRouter>();
        services.AddSingleton<IDispatchHandler, CommandRegistrar>();
        services.AddSingleton<IDispatchHandler, MessageAskHandler>();

        services.TryAddSingleton<CommandRegistry>();
        services.TryAddSingleton<QuestionStore>();
        services.AddMetrics();
        services.TryAddSingleton<DiscordMetrics>();
        services.TryAddSingleton<QuestionGuard>();
        services.TryAddScoped<QuestionPipeline>();
        services.AddSlashCommand<AskCommand>();
        services.AddSlashCommand<VerifyCommand>();
        services.AddSlashCommand<TimelineCommand>();
        services.AddSlashCommand<SourcesCommand>();
        services.AddSlashCommand<AboutCommand>();
        services.AddSlashCommand<HelpCommand>();
        services.AddComponentHandler<AskButtons>();
        services.AddComponentHandler<TimelineButtons>();

        // Community: moderators' commands, feedback, the question limit, asking in chat.
        services.TryAddSingleton<IAskJournal, NoAskJournal>();
        services.TryAddSingleton<AskRateLimiter>();
        services.TryAddSingleton<FeedbackMemory>();
        services.AddSingleton<IInteractionGuard, AskCooldown>();
        services.AddHttpClient<AttachmentDownloader>((provider, http) => AttachmentDownloader.Configure(http, provider.GetRequiredService<IOptions<CommunityOptions>>().Value))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        services.AddSlashCommand<SourceCommand>();
        services.AddSlashCommand<GapsCommand>();
        services.AddComponentHandler<SourceListButtons>();
        services.AddComponentHandler<FeedbackButtons>();

        services.AddHostedService<GatewayService>();
        return services;
    }

    /// <summary>
    /// Keeps the record of a fatal close (a rejected token, disallowed intents) in a file, so that a restart with the
    /// same token stops at once instead of spending an IDENTIFY on the same refusal. <paramref name="path"/> names
    /// the file, e.g. next to the database; a new token clears it, and so does deleting it.
    /// </summary>
    public static IServiceCollection AddFatalCloseRecordFile(this IServiceCollection services, Func<IServiceProvider, string> path)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(path);
        services.RemoveAll<IFatalCloseRecord>();
        services.AddSingleton<IFatalCloseRecord>(provider => new FatalCloseFile(path(provider)));
        return services;
    }
}
