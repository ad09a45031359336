using ChatBot.Core;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>
/// The PostgreSQL store's ask log and feedback. Ask ids come from the reserved-id counter in meta, moved on by one
/// UPDATE whose row lock orders processes reserving at once: every process gets blocks of its own.
/// </summary>
internal sealed class PostgresAskLog(NpgsqlDataSource dataSource) : IAskLogStore
{
    public (long First, long Last) ReserveAskIds(int count)
    {
        using var command = dataSource.CreateCommand("""
            UPDATE meta SET value = (greatest(value::bigint, (SELECT coalesce(max(id), 0) FROM ask_log)) + @block)::text
            WHERE key = 'ask_ids_reserved' RETURNING value::bigint
            """);
        command.Parameters.AddWithValue("block", (long)count);
        var end = (long)command.ExecuteScalar()!;
        return (end - count + 1, end);
    }

    public bool AskExists(long askId, ulong guildId)
    {
        using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM ask_log WHERE id = @id AND guild_id = @guild)");
        command.Parameters.AddWithValue("id", askId);
        command.Parameters.AddWithValue("guild", (long)guildId);
        return (bool)command.ExecuteScalar()!;
    }

    public void Write(IReadOnlyList<AskLogRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            batch.BatchCommands.Add(Command(row));
        }

        batch.ExecuteNonQuery();
        transaction.Commit();
    }

    public GapCounts Gaps(ulong guildId, DateTimeOffset since, int limit)
    {
        using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Bound(
            "SELECT count(*)::int, (count(*) FILTER (WHERE NOT confident))::int FROM ask_log WHERE guild_id = @guild AND at >= @since", guildId, since));
        var questions = Bound(
            """
            SELECT min(question COLLATE "C"), count(*)::int, max(at) FROM ask_log
            WHERE guild_id = @guild AND at >= @since AND NOT confident
            GROUP BY question_key ORDER BY count(*) DESC, max(at) DESC LIMIT @limit
            """, guildId, since);
        questions.Parameters.AddWithValue("limit", limit);
        batch.BatchCommands.Add(questions);
        batch.BatchCommands.Add(Bound(
            """
            SELECT f.kind, count(*)::int FROM feedback f JOIN ask_log a ON a.id = f.ask_id
            WHERE a.guild_id = @guild AND f.at >= @since GROUP BY f.kind
            """, guildId, since));
        using var reader = batch.ExecuteReader();
        reader.Read();
        var (asked, notAnswered) = (reader.GetInt32(0), reader.GetInt32(1));
        reader.NextResult();
        var gaps = new List<GapEntry>();
        while (reader.Read())
        {
            gaps.Add(new GapEntry(reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        reader.NextResult();
        var feedback = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            feedback[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new GapCounts(asked, notAnswered, gaps, feedback);
    }

    private static NpgsqlBatchCommand Bound(string sql, ulong guildId, DateTimeOffset since)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("guild", (long)guildId);
        command.Parameters.AddWithValue("since", since.ToUniversalTime());
        return command;
    }

    private static NpgsqlBatchCommand Command(AskLogRow row)
    {
        switch (row)
        {
            case AskRow ask:
                var insertAsk = new NpgsqlBatchCommand("""
                    INSERT INTO ask_log (id, at, guild_id, channel, question, question_key, confident, top_source, elapsed_ms, user_id)
                    VALUES (@id, @at, @guild, @channel, @question, @key, @confident, @top, @elapsed, @user)
                    """);
                insertAsk.Parameters.AddWithValue("id", ask.Id);
                insertAsk.Parameters.AddWithValue("at", ask.At.ToUniversalTime());
                insertAsk.Parameters.AddWithValue("guild", (long)ask.GuildId);
                insertAsk.Parameters.AddWithValue("channel", ask.Channel);
                insertAsk.Parameters.AddWithValue("question", ask.Question);
                insertAsk.Parameters.AddWithValue("key", ask.QuestionKey);
                insertAsk.Parameters.AddWithValue("confident", ask.Confident);
                insertAsk.Parameters.AddWithValue("top", NpgsqlTypes.NpgsqlDbType.Text, (object?)ask.TopSource ?? DBNull.Value);
                insertAsk.Parameters.AddWithValue("elapsed", ask.ElapsedMs);
                insertAsk.Parameters.AddWithValue("user", NpgsqlTypes.NpgsqlDbType.Bigint, ask.UserId is { } user ? (long)user : DBNull.Value);
                return insertAsk;
            case FeedbackRow feedback:
                var insertFeedback = new NpgsqlBatchCommand("INSERT INTO feedback (ask_id, at, kind, user_id) VALUES (@ask, @at, @kind, @user)");
                insertFeedback.Parameters.AddWithValue("ask", feedback.AskId);
                insertFeedback.Parameters.AddWithValue("at", feedback.At.ToUniversalTime());
                insertFeedback.Parameters.AddWithValue("kind", feedback.Kind);
                insertFeedback.Parameters.AddWithValue("user", NpgsqlTypes.NpgsqlDbType.Bigint, feedback.UserId is { } by ? (long)by : DBNull.Value);
                return insertFeedback;
            default:
                throw new ArgumentException($"unknown ask log row {row.GetType().Name}", nameof(row));
        }
    }
}
