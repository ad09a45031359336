using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace ChatBot.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Exports the libraries' meters (<c>ChatBot.Discord</c>: questions, answer latency, REST
    /// requests, uploads, gateway reconnects and resumes per shard; <c>ChatBot.Search</c>: index size and refresh time) to Prometheus on
    /// <see cref="MetricsOptions.PrometheusPort"/>, at <c>/metrics</c>. Without the port nothing is exported or listened on.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (options.PrometheusPort is not { } port)
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("ChatBot.*")
            .AddPrometheusHttpListener(listener =>
            {
                listener.Host = options.PrometheusHost;
                listener.Port = port;
                listener.ScrapeEndpointPath = "/metrics";
            }));
        return services;
    }
}
