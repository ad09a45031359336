using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core;

/// <summary>Settings of the community features (section "Community").</summary>
public sealed class CommunityOptions
{
    public const string Section = "Community";

    /// <summary>The largest source file a moderator may upload, in bytes.</summary>
    [Range(1024, 25 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The largest PDF a moderator may upload, or a web source may be, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int MaxPdfBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long downloading an upload from Discord may take.</summary>
    [Range(1, 300)]
    public int DownloadTimeoutSeconds { get; set; } = 20;

    /// <summary>Questions one member may ask per minute, with /ask or by mentioning the bot.</summary>
    [Range(1, 1000)]
    public int AskLimitPerMinute { get; set; } = 5;

    /// <summary>The most sources one server may add (the bundled corpus does not count).</summary>
    [Range(1, 100_000)]
    public int MaxSourcesPerServer { get; set; } = 200;

    /// <summary>The most passages one server's sources may hold together.</summary>
    [Range(1, 10_000_000)]
    public int MaxPassagesPerServer { get; set; } = 50_000;

    /// <summary>The most text, in bytes, one server's sources may hold together.</summary>
    [Range(1024, 10L * 1024 * 1024 * 1024)]
    public long MaxBytesPerServer { get; set; } = 50L * 1024 * 1024;

    /// <summary>The most sources one server may add in an hour.</summary>
    [Range(1, 10_000)]
    public int MaxUploadsPerHour { get; set; } = 20;

    /// <summary>Whether the ask log keeps who asked. Off by default: the log is for finding gaps, not people.</summary>
    public bool LogUserIds { get; set; }
}
