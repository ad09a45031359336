using System.ComponentModel.DataAnnotations;

namespace ChatBot.Search.Web;

/// <summary>Settings of sources read from web addresses (section "Sources").</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    /// <summary>How often a web source is fetched again (conditionally) to keep it fresh.</summary>
    [Range(1, 24 * 365)]
    public int RefreshHours { get; set; } = 24;

    /// <summary>How long one fetch may take, redirects, a slow server and the whole body included.</summary>
    [Range(1, 300)]
    public int FetchTimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// FOR TESTS ONLY: lets fetches connect to loopback addresses (127.0.0.0/8, ::1), so tests can serve pages
    /// from an in-process server. Never set it in production: it lets anyone who may add a source make the bot
    /// fetch from services on its own host.
    /// </summary>
    public bool AllowLoopbackForTests { get; set; }
}
