using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Why the bot stopped for good, kept for its next start: the close code (null for a 401 on discovery), when, the
/// line it logged, and a SHA-256 of the token it used (never the token). A start with the same token stops at once
/// with the same line and spends no IDENTIFY; a start with another token clears it.
/// </summary>
internal sealed record FatalClose(int? CloseCode, DateTimeOffset At, string TokenSha256, string Reason)
{
    /// <summary>Lowercase hex SHA-256 of the token's UTF-8 bytes: enough to tell tokens apart, useless to anyone who reads it.</summary>
    public static string HashOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}

/// <summary>Where the last fatal close is kept between runs.</summary>
internal interface IFatalCloseRecord
{
    /// <summary>Where it lives, for the log line that tells an operator how to recover; null when it is not kept on disk.</summary>
    string? Location { get; }

    FatalClose? Read();

    void Write(FatalClose record);

    void Clear();
}

/// <summary>The record as a JSON file in the data folder, next to the database and the status file; written atomically.</summary>
internal sealed class FatalCloseFile(string path) : IFatalCloseRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? Location => path;

    public FatalClose? Read()
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<FatalClose>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            // A damaged record stops nothing: the bot connects, and a fatal close writes a fresh one.
            return null;
        }
    }

    public void Write(FatalClose record)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
        File.Move(temporary, path, overwrite: true);
    }

    public void Clear() => File.Delete(path);
}

/// <summary>The record when the host keeps no data folder (the Discord client composed alone): for this process only.</summary>
internal sealed class InMemoryFatalCloseRecord : IFatalCloseRecord
{
    private FatalClose? record;

    public string? Location => null;

    public FatalClose? Read() => Volatile.Read(ref record);

    public void Write(FatalClose record) => Volatile.Write(ref this.record, record);

    public void Clear() => Volatile.Write(ref record, null);
}
