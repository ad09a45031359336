using System.ComponentModel.DataAnnotations;

namespace ChatBot.Metrics;

/// <summary>The <c>Metrics</c> configuration section: off unless <see cref="PrometheusPort"/> is set.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>When set, Prometheus can scrape <c>http://{PrometheusHost}:{port}/metrics</c>.</summary>
    [Range(1, 65535)]
    public int? PrometheusPort { get; set; }

    /// <summary>The host name the endpoint answers to: <c>localhost</c>, or <c>*</c> for every interface (in a container).</summary>
    [Required]
    [RegularExpression(@"^(\*|\+|[A-Za-z0-9.\-]+)$")]
    public string PrometheusHost { get; set; } = "localhost";
}
