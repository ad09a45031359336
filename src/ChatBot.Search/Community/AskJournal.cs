using System.Globalization;
using System.Text;
using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Store;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Community;

/// <summary>
/// The ask log and the feedback on answers, in the index database. Questions are grouped for <c>/gaps</c> by a
/// key that ignores case, accents, spacing and closing punctuation, so "Who led the coup?" and "who led the
/// coup" count as one. User ids are kept only when <see cref="CommunityOptions.LogUserIds"/> is on.
/// </summary>
public sealed class AskJournal(PassageStore store, IOptions<CommunityOptions> options, TimeProvider time) : IAskJournal
{
    public ValueTask<long> RecordAskAsync(AskRecord ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO ask_log (at, guild_id, channel, question, question_key, confident, top_source, elapsed_ms, user_id)
            VALUES ($at, $guild, $channel, $question, $key, $confident, $top, $elapsed, $user)
            RETURNING id
            """;
        command.Parameters.AddWithValue("$at", Now());
        command.Parameters.AddWithValue("$guild", (long)(ask.GuildId ?? 0));
        command.Parameters.AddWithValue("$channel", ask.Channel.ToString());
        command.Parameters.AddWithValue("$question", ask.Question);
        command.Parameters.AddWithValue("$key", Key(ask.Question));
        command.Parameters.AddWithValue("$confident", ask.Confident ? 1 : 0);
        command.Parameters.AddWithValue("$top", (object?)ask.TopSourceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$elapsed", Math.Round(ask.ElapsedMs, 2));
        command.Parameters.AddWithValue("$user", options.Value.LogUserIds && ask.UserId is { } user ? (long)user : DBNull.Value);
        return ValueTask.FromResult((long)command.ExecuteScalar()!);
    }

    public ValueTask<bool> RecordFeedbackAsync(long askId, FeedbackKind kind, ulong? userId, CancellationToken cancellationToken)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (ask_id, at, kind, user_id)
            SELECT $ask, $at, $kind, $user WHERE EXISTS (SELECT 1 FROM ask_log WHERE id = $ask)
            """;
        command.Parameters.AddWithValue("$ask", askId);
        command.Parameters.AddWithValue("$at", Now());
        command.Parameters.AddWithValue("$kind", kind.ToString());
        command.Parameters.AddWithValue("$user", options.Value.LogUserIds && userId is { } user ? (long)user : DBNull.Value);
        return ValueTask.FromResult(command.ExecuteNonQuery() == 1);
    }

    public ValueTask<GapReport> GapsAsync(ulong guildId, TimeSpan window, int limit, CancellationToken cancellationToken)
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
        command.Parameters.AddWithValue("$since", (time.GetUtcNow() - window).ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 50));
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

        return ValueTask.FromResult(new GapReport(
            window, asked, notAnswered, questions,
            feedback.GetValueOrDefault(nameof(FeedbackKind.Helpful)), feedback.GetValueOrDefault(nameof(FeedbackKind.NotHelpful)),
            feedback.GetValueOrDefault(nameof(FeedbackKind.BadQuote))));
    }

    /// <summary>"Who led the coup?" and "who  led the COUP" have the same key.</summary>
    public static string Key(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var words = TextAnalyzer.Fold(question).Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var key = new StringBuilder(string.Join(' ', words));
        while (key.Length > 0 && key[^1] is '?' or '.' or '!' or ' ')
        {
            key.Length--;
        }

        return key.ToString();
    }

    // Stored as UTC in one fixed format, so comparing the text compares the times.
    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
