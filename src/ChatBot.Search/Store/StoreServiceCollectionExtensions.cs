using ChatBot.Search.Store.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>How often a follower looks at a SQLite store's change log (another process may have written it).</summary>
    public static readonly TimeSpan SqlitePollInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Registers the store <c>Store:Provider</c> names (validated <see cref="StoreOptions"/>; opened on first use) as
    /// <see cref="ICorpusStore"/> and its small interfaces, what wakes a follower of its change log, and a probe that
    /// looks at it without opening it.
    /// </summary>
    public static IServiceCollection AddCorpusStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.Section))
            .Configure(o => o.PostgresConnectionString = configuration.GetConnectionString("Postgres"))
            .ValidateDataAnnotations()
            .Validate(
                o => o.Kind != StoreProvider.Postgres || !string.IsNullOrWhiteSpace(o.PostgresConnectionString),
                "Store:Provider is postgres but ConnectionStrings:Postgres is not set (set the environment variable ConnectionStrings__Postgres)")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => Open(sp.GetRequiredService<IOptions<StoreOptions>>().Value, sp.GetRequiredService<IOptions<IndexOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<ICorpusStore>().Changes);
        services.AddSingleton(sp => sp.GetRequiredService<ICorpusStore>().Rows);
        services.AddSingleton(sp => sp.GetRequiredService<ICorpusStore>().Catalog);
        services.AddSingleton(sp => sp.GetRequiredService<ICorpusStore>().ServerSources);
        services.AddSingleton(sp => sp.GetRequiredService<ICorpusStore>().SourcePassages);
        services.AddSingleton(sp => sp.GetRequiredService<ICorpusStore>().AskLog);
        services.AddSingleton<IChangeNotifications>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            return options.Kind == StoreProvider.Postgres
                ? new PostgresChangeNotifications(options.PostgresConnectionString!, sp.GetRequiredService<ILogger<PostgresChangeNotifications>>())
                : new PollingChangeNotifications(SqlitePollInterval, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IStoreProbe>(sp => Probe(sp.GetRequiredService<IOptions<StoreOptions>>().Value, sp.GetRequiredService<IOptions<IndexOptions>>().Value));
        return services;
    }

    /// <summary>Opens (creating or migrating) the store the options name.</summary>
    /// <exception cref="StoreException">It cannot be used; the message says why in one line.</exception>
    public static ICorpusStore Open(StoreOptions store, IndexOptions index)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(index);
        return store.Kind == StoreProvider.Postgres
            ? PostgresStore.Open(store.PostgresConnectionString!)
            : PassageStore.Open(index.DatabasePath, index.SeedDatabasePath);
    }

    /// <summary>A look at the store the options name that never creates or migrates it.</summary>
    public static IStoreProbe Probe(StoreOptions store, IndexOptions index)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(index);
        return store.Kind == StoreProvider.Postgres ? new PostgresStoreProbe(store.PostgresConnectionString!) : new SqliteStoreProbe(index.DatabasePath);
    }
}
