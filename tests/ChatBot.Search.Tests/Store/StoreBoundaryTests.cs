using ChatBot.Testing;

namespace ChatBot.Search.Tests.Store;

/// <summary>Only src/ChatBot.Search/Store speaks SQL: no other source file uses a database client.</summary>
public sealed class StoreBoundaryTests
{
    [Fact]
    public void Sources_OutsideTheStoreFolder_UseNoDatabaseClient()
    {
        var src = Path.Combine(RepositoryPaths.Root, "src");
        var store = Path.Combine(src, "ChatBot.Search", "Store") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(store, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text
                && (text.Contains("Microsoft.Data.Sqlite", StringComparison.Ordinal) || text.Contains("Npgsql", StringComparison.Ordinal)
                    || text.Contains(".CommandText", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(src, f))
            .ToList();

        Assert.Empty(offenders);
    }
}
