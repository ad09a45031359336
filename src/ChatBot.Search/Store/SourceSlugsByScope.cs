using System.Data.Common;

namespace ChatBot.Search.Store;

/// <summary>Rows of (guild id, slug), as both providers select them, split into the bundled corpus's and the server's.</summary>
internal static class SourceSlugsByScope
{
    public static (IReadOnlySet<string> Bundled, IReadOnlySet<string> Server) Read(DbDataReader reader)
    {
        var bundled = new HashSet<string>(StringComparer.Ordinal);
        var server = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            (reader.GetInt64(0) == 0 ? bundled : server).Add(reader.GetString(1));
        }

        return (bundled, server);
    }
}
