using System.Globalization;
using System.Text;
using ChatBot.Core;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>A stored passage with what its citation needs, where its tokens stand (null: not stored), and a PDF's page.</summary>
public sealed record PassageRow(
    long RowId, string Text, string Locator, int Ordinal, string Slug, string Title, string? Author, string? Url, ulong GuildId, byte[]? Tokens = null,
    SourceKind? Kind = null, string? Published = null, int? Page = null)
{
    /// <summary>Which source the passage belongs to; slugs are unique per server, so the server is part of it.</summary>
    public string SourceKey => string.Create(CultureInfo.InvariantCulture, $"{GuildId}/{Slug}");

    /// <summary>The passage's stable id, <c>{slug}#{ordinal}</c>.</summary>
    public string PassageId => string.Create(CultureInfo.InvariantCulture, $"{Slug}#{Ordinal}");

    /// <summary>How a reader cites the passage.</summary>
    public Citation ToCitation() => new(Slug, Title, Author, Url, Locator, Kind, Published, Page);
}

/// <summary>Reads passages by row id, for the hits of the search index.</summary>
public interface IPassageRows
{
    IReadOnlyDictionary<long, PassageRow> Load(IReadOnlyCollection<long> rowIds);
}

/// <summary>The store's passages with their sources' citations, by row id in one query.</summary>
public sealed class PassageRows(PassageStore store) : IPassageRows
{
    public IReadOnlyDictionary<long, PassageRow> Load(IReadOnlyCollection<long> rowIds)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        var rows = new Dictionary<long, PassageRow>(rowIds.Count);
        if (rowIds.Count == 0)
        {
            return rows;
        }

        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM passages p JOIN sources s ON s.id = p.source_id WHERE p.id IN (");
        var i = 0;
        foreach (var id in rowIds)
        {
            var name = "$p" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i++ == 0 ? name : "," + name);
            command.Parameters.AddWithValue(name, id);
        }

        command.CommandText = sql.Append(')').ToString();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = Read(reader);
            rows[row.RowId] = row;
        }

        return rows;
    }

    /// <summary>The columns <see cref="Read"/> reads, of <c>passages p JOIN sources s</c>.</summary>
    internal const string Columns = "p.id, p.text, p.locator, p.ordinal, s.slug, s.title, s.author, s.url, s.guild_id, p.tokens, s.kind, s.published, p.page";

    internal static PassageRow Read(SqliteDataReader reader)
        => new(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
            reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
            (ulong)reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9),
            !reader.IsDBNull(10) && SourceKinds.TryParse(reader.GetString(10), out var kind) ? kind : null, reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.IsDBNull(12) ? null : reader.GetInt32(12));
}
