using System.Security.Cryptography;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// The content hash stored with a source: its bytes and the version of the pipeline that reads them, so a file is
/// read again when either changes and skipped while neither does (folder files, uploads and web pages alike).
/// </summary>
public static class SourceFingerprint
{
    /// <summary>Bumped whenever ingestion changes how a file becomes passages, so every file re-indexes.</summary>
    public const string PipelineVersion = "2";

    public static string Of(ReadOnlySpan<byte> bytes)
        => PipelineVersion + ":" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
