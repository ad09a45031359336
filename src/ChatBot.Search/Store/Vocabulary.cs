using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>
/// The index's terms and their ids, as one write transaction sees them: loaded from the vocabulary table,
/// extended (thread-safely, so analysis can run in parallel) with the terms new passages bring.
/// </summary>
public sealed class Vocabulary
{
    private readonly ConcurrentDictionary<string, int> ids;
    private readonly List<(int Id, string Term)> added = [];
    private readonly Lock adding = new();
    private int lastId;

    private Vocabulary(ConcurrentDictionary<string, int> ids, int lastId)
    {
        this.ids = ids;
        this.lastId = lastId;
    }

    public static Vocabulary Load(SqliteConnection connection, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, term FROM vocabulary";
        using var reader = command.ExecuteReader();
        var ids = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var lastId = 0;
        while (reader.Read())
        {
            var id = reader.GetInt32(0);
            ids[reader.GetString(1)] = id;
            lastId = Math.Max(lastId, id);
        }

        return new Vocabulary(ids, lastId);
    }

    /// <summary>The id of a term, giving it the next free id when it is new.</summary>
    public int IdOf(string term)
    {
        if (ids.TryGetValue(term, out var id))
        {
            return id;
        }

        // New terms are rare once a corpus is under way; a lock keeps one id per term.
        lock (adding)
        {
            if (!ids.TryGetValue(term, out id))
            {
                id = ++lastId;
                added.Add((id, term));
                ids[term] = id;
            }

            return id;
        }
    }

    /// <summary>Writes the terms added since the last call.</summary>
    public void SaveNew(SqliteConnection connection, SqliteTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO vocabulary (id, term) VALUES ($id, $term)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var term = insert.Parameters.Add("$term", SqliteType.Text);
        lock (adding)
        {
            foreach (var (newId, newTerm) in added)
            {
                id.Value = newId;
                term.Value = newTerm;
                insert.ExecuteNonQuery();
            }

            added.Clear();
        }
    }
}
