using System.Diagnostics;
using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Dates;
using ChatBot.Search.Index;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using ChatBot.Search.Text;

namespace ChatBot.Search.Chronology;

/// <summary>
/// The timeline of a topic over the corpus a scope may see. A passage matches the topic when every word of it
/// (or another form of the word: its spellings, forms and synonyms as for questions, and a place's adjective,
/// "Bolivia" and "Bolivian") stands in the passage or in its source's title, for a source titled after the topic
/// is about it throughout. Every date phrase of a matching passage's sentences is an event (see
/// <see cref="DateExtractor"/>), ordered by the first day it may mean, then the last. Two events from different
/// sources whose contexts speak of the same thing (<see cref="EventContext"/>) but whose dates cannot mean the
/// same day are a disagreement. At most <see cref="MaxPassages"/> passages are read (the best by BM25 first,
/// then the passages of sources titled after the topic, in order) and <see cref="MaxEvents"/> events kept, so the
/// work per topic is bounded whatever the corpus.
/// </summary>
public sealed class TimelineBuilder(ISearchIndex index, IPassageRows passages, ISourcePassages sources, SynonymSource? synonyms = null) : ITimelineService
{
    public const int MaxPassages = 200;
    public const int MaxEvents = 1000;

    public ValueTask<Timeline> BuildAsync(string topic, CorpusScope scope, CancellationToken cancellationToken)
        => ValueTask.FromResult(Build(topic, scope, cancellationToken));

    public Timeline Build(string topic, CorpusScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var stopwatch = Stopwatch.StartNew();
        var text = topic.Trim();
        text = text.Length <= Timeline.MaxTopicLength ? text : text[..(char.IsHighSurrogate(text[Timeline.MaxTopicLength - 1]) ? Timeline.MaxTopicLength - 1 : Timeline.MaxTopicLength)];
        List<PassageRow> matching;
        using (var search = index.Open(scope))
        {
            var query = QueryExpander.Expand(QueryParser.Parse(text), search, (synonyms ?? SynonymSource.None).Current);
            if (query.IsEmpty)
            {
                return Timeline.Empty(text, stopwatch.Elapsed);
            }

            var groups = Groups(query);
            matching = Matching(groups, search, scope, cancellationToken);
        }

        var events = new List<(TimelineEvent Event, HashSet<string> Context, string SourceKey, int Order)>();
        var seen = new HashSet<(string, string, string)>();
        foreach (var row in matching)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var citation = row.ToCitation();
            foreach (var range in SentenceSplitter.Split(row.Text))
            {
                var sentence = row.Text[range.Start..range.End];
                var mentions = DateExtractor.Find(sentence);
                if (mentions.Count == 0)
                {
                    continue;
                }

                var contexts = EventContext.Of(sentence, mentions);
                for (var i = 0; i < mentions.Count && events.Count < MaxEvents; i++)
                {
                    // The same sentence twice in one source (a repeated paragraph) is one event.
                    if (seen.Add((row.SourceKey, mentions[i].Date.Normalized, sentence)))
                    {
                        var item = new TimelineEvent(mentions[i].Date, sentence, new TextRange(mentions[i].Start, mentions[i].End), citation);
                        events.Add((item, contexts[i], row.SourceKey, events.Count));
                    }
                }
            }
        }

        events.Sort((a, b) =>
        {
            var order = a.Event.Date.First.CompareTo(b.Event.Date.First);
            order = order != 0 ? order : a.Event.Date.Last.CompareTo(b.Event.Date.Last);
            return order != 0 ? order : a.Order.CompareTo(b.Order);
        });
        var disagreements = Disagreements(events.ConvertAll(e => (e.Event.Date, e.Context, e.SourceKey)));
        var result = events.Select((e, i) => disagreements[i] is { } group ? e.Event with { Disagreement = group } : e.Event).ToList();
        return new Timeline(text, result, matching.Count, stopwatch.Elapsed);
    }

    /// <summary>Per word of the topic, the terms that stand for it: the word, its expansions and its other forms.</summary>
    private static List<HashSet<string>> Groups(ParsedQuery query)
    {
        var groups = new List<HashSet<string>>();
        foreach (var byGroup in query.Terms.GroupBy(t => t.Group).OrderBy(g => g.Key))
        {
            var terms = new HashSet<string>(byGroup.Select(t => t.Term), StringComparer.Ordinal);
            foreach (var word in byGroup.Where(t => t.Origin == TermOrigin.Question))
            {
                terms.UnionWith(TopicForms.Of(word.Surface));
            }

            groups.Add(terms);
        }

        return groups;
    }

    private List<PassageRow> Matching(List<HashSet<string>> groups, IScopeSearch search, CorpusScope scope, CancellationToken cancellationToken)
    {
        var titleTerms = new Dictionary<(ulong, string), HashSet<string>>();
        var titled = new List<SourceTitle>();
        foreach (var source in sources.Titles(scope))
        {
            var terms = new HashSet<string>(TextAnalysis.TermsOf(source.Title), StringComparer.Ordinal);
            titleTerms[(source.GuildId, source.Slug)] = terms;
            if (groups.All(g => g.Overlaps(terms)))
            {
                titled.Add(source);
            }
        }

        var searched = groups
            .Select(g => new TermGroup([.. g.Where(term => search.DocumentFrequency(term) > 0).Order(StringComparer.Ordinal).Select(term => new WeightedTerm(term, 1.0))]))
            .Where(g => g.Terms.Count > 0)
            .ToList();
        var candidates = new List<PassageRow>();
        if (searched.Count > 0)
        {
            var hits = search.Search(searched, MaxPassages, cancellationToken).Hits;
            var rows = passages.Load([.. hits.Select(h => h.RowId)]);
            candidates.AddRange(hits.Where(h => rows.ContainsKey(h.RowId)).Select(h => rows[h.RowId]));
        }

        foreach (var source in titled)
        {
            candidates.AddRange(sources.First(source.GuildId, source.Slug, MaxPassages));
        }

        var matching = new List<PassageRow>();
        var taken = new HashSet<long>();
        foreach (var row in candidates)
        {
            if (matching.Count == MaxPassages)
            {
                break;
            }

            if (!taken.Add(row.RowId))
            {
                continue;
            }

            var title = titleTerms.GetValueOrDefault((row.GuildId, row.Slug)) ?? [];
            var words = TokenOffsets.Decode(row.Text, row.Tokens).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
            if (groups.All(g => g.Overlaps(title) || g.Overlaps(words)))
            {
                matching.Add(row);
            }
        }

        return matching;
    }

    /// <summary>For each event (in timeline order), the number of its disagreement, numbered from 1 in timeline order; null for none.</summary>
    private static int?[] Disagreements(List<(EventDate Date, HashSet<string> Context, string SourceKey)> events)
    {
        var parent = Enumerable.Range(0, events.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        var inGroup = new bool[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            for (var j = i + 1; j < events.Count; j++)
            {
                if (events[i].SourceKey != events[j].SourceKey && !events[i].Date.Overlaps(events[j].Date) && EventContext.SameEvent(events[i].Context, events[j].Context))
                {
                    parent[Root(j)] = Root(i);
                    inGroup[i] = inGroup[j] = true;
                }
            }
        }

        var numbers = new Dictionary<int, int>();
        var result = new int?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            if (inGroup[i])
            {
                var root = Root(i);
                if (!numbers.TryGetValue(root, out var number))
                {
                    numbers[root] = number = numbers.Count + 1;
                }

                result[i] = number;
            }
        }

        return result;
    }
}
