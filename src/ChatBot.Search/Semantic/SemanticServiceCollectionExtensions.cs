using ChatBot.Search.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Semantic;

public static class SemanticServiceCollectionExtensions
{
    /// <summary>
    /// Registers semantic matching: validated <see cref="SemanticOptions"/>, the embeddings beside the database
    /// (<see cref="SemanticPath"/>), the embedder, its background service (after the corpus sync) and the
    /// reranker the answer engine takes.
    /// </summary>
    public static IServiceCollection AddSemanticMatching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SemanticOptions>().Bind(configuration.GetSection(SemanticOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new SemanticIndex(
            SemanticPath(sp.GetRequiredService<IOptions<IndexOptions>>().Value),
            sp.GetRequiredService<ICorpusStore>().StoreId(),
            sp.GetRequiredService<IOptions<SemanticOptions>>().Value));
        services.AddSingleton<PassageEmbedder>();
        services.AddSingleton<SemanticReranker>(sp => new SemanticReranker(sp.GetRequiredService<SemanticIndex>()));
        services.AddHostedService<SemanticEmbedderService>();
        return services;
    }

    /// <summary>
    /// The embeddings' folder: <c>semantic</c> beside the search index's folder (<c>index/semantic</c>,
    /// <c>/data/semantic</c> in the container), so each process that keeps its own search index keeps its own vectors.
    /// </summary>
    public static string SemanticPath(IndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SemanticPath(options.SearchIndexPath());
    }

    /// <summary>The embeddings' folder beside the search index in <paramref name="lucenePath"/>.</summary>
    public static string SemanticPath(string lucenePath)
        => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(lucenePath).TrimEnd(Path.DirectorySeparatorChar)) ?? ".", "semantic");
}
