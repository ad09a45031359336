using System.Globalization;

namespace ChatBot.Search.Indexing;

/// <summary>
/// Test-only: named points in the write paths (a bundled re-index, an upload) where the crash tests kill the process
/// with SIGKILL, to show that a crash at any of them loses nothing committed and leaves nothing half stored. Only those
/// tests set <see cref="Variable"/> (<c>CHATBOT_TEST_KILL_AT=&lt;point&gt;</c>, or <c>&lt;point&gt;#n</c> for its n-th
/// time): the process then writes <c>kill point &lt;point&gt; reached</c> to stderr when it gets there and waits to be
/// killed, so the test chooses the moment by the point, not by a clock. Unset (always, outside those tests), reaching a
/// point does nothing.
/// </summary>
public static class KillPoints
{
    public const string Variable = "CHATBOT_TEST_KILL_AT";

    /// <summary>The bundled re-index has written a source into its (uncommitted) transaction.</summary>
    public const string IndexSourceWritten = "index:source-written";

    /// <summary>The bundled re-index has committed the store, not yet the search index.</summary>
    public const string IndexStoreCommitted = "index:store-committed";

    /// <summary>The bundled re-index has committed the store and the search index.</summary>
    public const string IndexCommitted = "index:index-committed";

    /// <summary>An upload's source and audit entry are in its (uncommitted) transaction.</summary>
    public const string UploadSourceWritten = "upload:source-written";

    /// <summary>An upload is committed to the store, not yet to the search index.</summary>
    public const string UploadStoreCommitted = "upload:store-committed";

    private static readonly (string Name, int Time)? Target = Parse(Environment.GetEnvironmentVariable(Variable));
    private static int reached;

    /// <summary>Marks that the process is at <paramref name="point"/>; waits there forever when it is the test's target.</summary>
    public static void Reach(string point)
    {
        if (Target is not { } target || !string.Equals(target.Name, point, StringComparison.Ordinal) || Interlocked.Increment(ref reached) != target.Time)
        {
            return;
        }

        Console.Error.WriteLine($"kill point {point} reached");
        Console.Error.Flush();
        using var never = new ManualResetEventSlim();
        never.Wait();
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var hash = value.IndexOf('#', StringComparison.Ordinal);
        return hash < 0
            ? (value.Trim(), 1)
            : (value[..hash].Trim(), int.Parse(value[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
