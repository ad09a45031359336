using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace ChatBot.Testing;

/// <summary>The store a test runs on.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>Runs a theory on the SQLite store.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteStoreAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Sqlite]];
}

/// <summary>Runs a theory on the PostgreSQL store; skipped, saying why, where PostgreSQL is not there (see <see cref="TestPostgres"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresStoreAttribute : DataAttribute
{
    public PostgresStoreAttribute() => Skip = TestPostgres.SkipReason!;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreKind.Postgres]];
}

/// <summary>A fact that needs PostgreSQL; skipped, saying why, where it is not there.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = TestPostgres.SkipReason!;
}
