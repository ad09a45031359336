using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatBot.Search.Store;

/// <summary>
/// The bulk insert of passage rows, <see cref="Rows"/> to a statement, prepared once on the writer's connection and
/// bound by position through SQLite's own interface. Microsoft.Data.Sqlite binds every parameter by name, and
/// SQLite finds a name by a linear search of the statement's parameters: with 7 columns a row that search, and
/// the UTF-8 copy of each text, cost more than the insert itself, and a source's rows are written under the
/// transaction's lock, where no other thread can help. Runs inside the connection's open transaction.
/// </summary>
internal sealed class PassageInsert : IDisposable
{
    private const int Columns = 7;

    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;

    public PassageInsert(SqliteConnection connection, int rows)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        Rows = rows;
        database = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var values = string.Join(", ", Enumerable.Repeat("(?, ?, ?, ?, ?, ?, ?)", rows));
        Check(raw.sqlite3_prepare_v2(database, $"INSERT INTO passages (id, source_id, ordinal, locator, text, tokens, page) VALUES {values}", out statement));
    }

    /// <summary>How many passages one <see cref="Execute"/> writes.</summary>
    public int Rows { get; }

    /// <summary>Writes <see cref="Rows"/> passages of <paramref name="passages"/> from <paramref name="first"/> on, of the source row <paramref name="sourceId"/>.</summary>
    public void Execute(IReadOnlyList<PassageRecord> passages, int first, long sourceId)
    {
        ArgumentNullException.ThrowIfNull(passages);
        try
        {
            for (var row = 0; row < Rows; row++)
            {
                var passage = passages[first + row];
                var at = (row * Columns) + 1;
                Check(raw.sqlite3_bind_int64(statement, at, passage.RowId));
                Check(raw.sqlite3_bind_int64(statement, at + 1, sourceId));
                Check(raw.sqlite3_bind_int64(statement, at + 2, passage.Ordinal));
                Check(raw.sqlite3_bind_text16(statement, at + 3, passage.Locator));
                Check(raw.sqlite3_bind_text16(statement, at + 4, passage.Text));
                Check(passage.Tokens is { } tokens ? raw.sqlite3_bind_blob(statement, at + 5, tokens) : raw.sqlite3_bind_null(statement, at + 5));
                Check(passage.Page is { } page ? raw.sqlite3_bind_int64(statement, at + 6, page) : raw.sqlite3_bind_null(statement, at + 6));
            }

            var done = raw.sqlite3_step(statement);
            if (done != raw.SQLITE_DONE)
            {
                Check(done);
            }
        }
        finally
        {
            // Whatever happened, the statement is ready for the next rows and holds no copy of these.
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {code}: '{raw.sqlite3_errmsg(database).utf8_to_string()}'.", code, raw.sqlite3_extended_errcode(database));
        }
    }
}
