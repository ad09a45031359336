using ChatBot.Core;
using ChatBot.Search.Chronology;
using ChatBot.Search.Community;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Semantic;
using ChatBot.Search.Store;
using ChatBot.Search.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the passage index: validated <see cref="IndexOptions"/>, <see cref="AnswersOptions"/> and
    /// <see cref="CommunityOptions"/>, the store <c>Store:Provider</c> names (opened on first use; <see cref="StoreServiceCollectionExtensions.AddCorpusStore"/>), the search index derived from it, the indexer, the answer engine as
    /// <see cref="IAnswerService"/>, the quote verifier as <see cref="IQuoteVerifier"/>, the timeline builder as <see cref="ITimelineService"/>, and the community stores (<see cref="ICorpusCurator"/>, <see cref="IAskJournal"/>).
    /// </summary>
    public static IServiceCollection AddPassageIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IndexOptions>().Bind(configuration.GetSection(IndexOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnswersOptions>().Bind(configuration.GetSection(AnswersOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CommunityOptions>().Bind(configuration.GetSection(CommunityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SourcesOptions>().Bind(configuration.GetSection(SourcesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddCorpusStore(configuration);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IndexOptions>>().Value;
            return new LuceneSearchIndex(options.SearchIndexPath(), sp.GetRequiredService<ICorpusStore>().StoreId(), sp.GetService<System.Diagnostics.Metrics.IMeterFactory>());
        });
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<LuceneSearchIndex>());
        services.AddSingleton<IndexWriteGate>();
        services.AddSingleton<SearchIndexSync>();
        services.AddSingleton<SynonymSource>();
        services.AddSingleton<CorpusIndexer>();
        services.AddSingleton<AnswerEngine>();
        services.AddSingleton<IAnswerService>(sp => sp.GetRequiredService<AnswerEngine>());
        services.AddSingleton<QuoteVerifier>();
        services.AddSingleton<IQuoteVerifier>(sp => sp.GetRequiredService<QuoteVerifier>());
        services.AddSingleton<TimelineBuilder>();
        services.AddSingleton<ITimelineService>(sp => sp.GetRequiredService<TimelineBuilder>());
        services.AddSingleton<CorpusCurator>();
        services.AddSingleton<ICorpusCurator>(sp => sp.GetRequiredService<CorpusCurator>());
        services.AddSingleton<IWebPageFetcher>(sp => WebPageFetcher.Create(sp.GetRequiredService<IOptions<SourcesOptions>>(), sp.GetRequiredService<IOptions<CommunityOptions>>()));
        services.AddSingleton<WebSourceCurator>();
        services.AddSingleton<IWebSourceCurator>(sp => sp.GetRequiredService<WebSourceCurator>());
        services.AddSingleton<AskJournal>();
        services.AddSingleton<IAskJournal>(sp => sp.GetRequiredService<AskJournal>());
        services.AddSingleton<IPendingWrites>(sp => sp.GetRequiredService<AskJournal>());
        services.AddHostedService<CorpusSyncService>();
        services.AddHostedService<SearchIndexFollower>();
        services.AddHostedService<WebSourceRefreshService>();
        services.AddSemanticMatching(configuration);
        return services;
    }
}
