using ChatBot.Core;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>The PostgreSQL store's passages with their sources' citations, by row id in one query.</summary>
internal sealed class PostgresPassageRows(NpgsqlDataSource dataSource) : IPassageRows
{
    /// <summary>The columns <see cref="Read"/> reads, of <c>passages p JOIN sources s</c>.</summary>
    internal const string Columns = "p.id, p.text, p.locator, p.ordinal, s.slug, s.title, s.author, s.url, s.guild_id, p.tokens, s.kind, s.published, p.page";

    public IReadOnlyDictionary<long, PassageRow> Load(IReadOnlyCollection<long> rowIds)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        var rows = new Dictionary<long, PassageRow>(rowIds.Count);
        if (rowIds.Count == 0)
        {
            return rows;
        }

        using var command = dataSource.CreateCommand($"SELECT {Columns} FROM passages p JOIN sources s ON s.id = p.source_id WHERE p.id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", rowIds.ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = Read(reader);
            rows[row.RowId] = row;
        }

        return rows;
    }

    internal static PassageRow Read(NpgsqlDataReader reader)
        => new(
            reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
            reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
            (ulong)reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9),
            !reader.IsDBNull(10) && SourceKinds.TryParse(reader.GetString(10), out var kind) ? kind : null, reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.IsDBNull(12) ? null : reader.GetInt32(12));
}
