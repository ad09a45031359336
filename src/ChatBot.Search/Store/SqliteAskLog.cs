using System.Globalization;
using ChatBot.Core;

namespace ChatBot.Search.Store;

/// <summary>
/// The SQLite store's ask log and feedback. Times are stored as UTC in one fixed format, so comparing the text
/// compares the times.
/// </summary>
internal sealed class SqliteAskLog(PassageStore store) : IAskLogStore
{
    public (long First, long Last) ReserveAskIds(int count)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE meta SET value = max(CAST(value AS INTEGER), (SELECT coalesce(max(id), 0) FROM ask_log)) + $block
            WHERE key = 'ask_ids_reserved' RETURNING CAST(value AS INTEGER)
            """;
        command.Parameters.AddWithValue("$block", count);
        var end = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return (end - count + 1, end);
    }

    public bool AskExists(long askId, ulong guildId)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM ask_log WHERE id = $id AND guild_id = $guild)";
        command.Parameters.AddWithValue("$id", askId);
        command.Parameters.AddWithValue("$guild", (long)guildId);
        return (long)command.ExecuteScalar()! == 1;
    }

    public void Write(IReadOnlyList<AskLogRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction();
        foreach (var row in rows)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            switch (row)
            {
                case AskRow ask:
                    command.CommandText = """
                        INSERT INTO ask_log (id, at, guild_id, channel, question, question_key, confident, top_source, elapsed_ms, user_id)
                        VALUES ($id, $at, $guild, $channel, $question, $key, $confident, $top, $elapsed, $user)
                        """;
                    command.Parameters.AddWithValue("$id", ask.Id);
                    command.Parameters.AddWithValue("$at", Text(ask.At));
                    command.Parameters.AddWithValue("$guild", (long)ask.GuildId);
                    command.Parameters.AddWithValue("$channel", ask.Channel);
                    command.Parameters.AddWithValue("$question", ask.Question);
                    command.Parameters.AddWithValue("$key", ask.QuestionKey);
                    command.Parameters.AddWithValue("$confident", ask.Confident ? 1 : 0);
                    command.Parameters.AddWithValue("$top", (object?)ask.TopSource ?? DBNull.Value);
                    command.Parameters.AddWithValue("$elapsed", ask.ElapsedMs);
                    command.Parameters.AddWithValue("$user", ask.UserId is { } user ? (long)user : DBNull.Value);
                    break;
                case FeedbackRow feedback:
                    command.CommandText = "INSERT INTO feedback (ask_id, at, kind, user_id) VALUES ($ask, $at, $kind, $user)";
                    command.Parameters.AddWithValue("$ask", feedback.AskId);
                    command.Parameters.AddWithValue("$at", Text(feedback.At));
                    command.Parameters.AddWithValue("$kind", feedback.Kind);
                    command.Parameters.AddWithValue("$user", feedback.UserId is { } by ? (long)by : DBNull.Value);
                    break;
                default:
                    throw new ArgumentException($"unknown ask log row {row.GetType().Name}", nameof(rows));
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public GapCounts Gaps(ulong guildId, DateTimeOffset since, int limit)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), coalesce(sum(confident = 0), 0) FROM ask_log WHERE guild_id = $guild AND at >= $since;
            SELECT min(question), count(*), max(at) FROM ask_log
            WHERE guild_id = $guild AND at >= $since AND confident = 0
            GROUP BY question_key ORDER BY count(*) DESC, max(at) DESC LIMIT $limit;
            SELECT f.kind, count(*) FROM feedback f JOIN ask_log a ON a.id = f.ask_id
            WHERE a.guild_id = $guild AND f.at >= $since GROUP BY f.kind;
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$since", Text(since));
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        reader.Read();
        var (asked, notAnswered) = (reader.GetInt32(0), reader.GetInt32(1));
        reader.NextResult();
        var questions = new List<GapEntry>();
        while (reader.Read())
        {
            questions.Add(new GapEntry(reader.GetString(0), reader.GetInt32(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
        }

        reader.NextResult();
        var feedback = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            feedback[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new GapCounts(asked, notAnswered, questions, feedback);
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
