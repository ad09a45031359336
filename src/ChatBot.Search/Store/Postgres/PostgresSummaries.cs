using ChatBot.Core;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>The columns of a <see cref="SourceSummary"/> in the PostgreSQL store, how to order them as SQLite does, and how to read them.</summary>
internal static class PostgresSummaries
{
    public const string Columns = "slug, title, author, url, passage_count, guild_id, indexed_at";

    /// <summary>By title ignoring case, then by slug byte for byte (SQLite's <c>COLLATE NOCASE</c>, then binary).</summary>
    public const string ByTitle = "lower(title) COLLATE \"C\", slug COLLATE \"C\"";

    public static List<SourceSummary> ReadAll(NpgsqlDataReader reader)
    {
        var items = new List<SourceSummary>();
        while (reader.Read())
        {
            items.Add(Read(reader));
        }

        return items;
    }

    public static SourceSummary Read(NpgsqlDataReader reader)
    {
        var guild = (ulong)reader.GetInt64(5);
        return new SourceSummary(
            reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3), reader.GetInt32(4),
            guild == 0 ? null : guild, reader.GetFieldValue<DateTimeOffset>(6));
    }

    public static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
