using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>The PostgreSQL store's passages with their sources' citations, by row id in one query.</summary>
internal sealed class PostgresPassageRows(NpgsqlDataSource dataSource) : IPassageRows
{
    public IReadOnlyDictionary<long, PassageRow> Load(IReadOnlyCollection<long> rowIds)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        var rows = new Dictionary<long, PassageRow>(rowIds.Count);
        if (rowIds.Count == 0)
        {
            return rows;
        }

        using var command = dataSource.CreateCommand(
            "SELECT p.id, p.text, p.locator, p.ordinal, s.slug, s.title, s.author, s.url, s.guild_id, p.tokens, p.page " +
            "FROM passages p JOIN sources s ON s.id = p.source_id WHERE p.id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", rowIds.ToArray());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new PassageRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                (ulong)reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9), reader.IsDBNull(10) ? null : reader.GetInt32(10));
            rows[row.RowId] = row;
        }

        return rows;
    }
}
