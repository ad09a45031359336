using System.Text;
using ChatBot.Core;
using ChatBot.Search.Index;
using ChatBot.Search.Tests.TestSupport;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace ChatBot.Search.Tests.Index;

/// <summary>
/// The matcher skips through posting lists, but its results are Lucene's: the same passages with the same BM25
/// scores as a BooleanQuery of DisjunctionMaxQuery groups scored by BM25Similarity.
/// </summary>
public sealed class MaxScoreMatcherTests
{
    private static readonly string[] Words =
        ["coup", "junta", "army", "president", "bolivia", "miners", "revolution", "aid", "military", "election", "peasants", "tin",
         "general", "washington", "embassy", "party", "vice", "exile", "congress", "strike"];

    [Theory]
    [InlineData("coup", 10)]
    [InlineData("coup army president", 10)]
    [InlineData("coup|junta army|military bolivia tin strike", 5)]
    [InlineData("miners peasants revolution election congress exile general embassy", 20)]
    [InlineData("washington|embassy aid", 1)]
    public void Search_AnyQuery_GivesLucenesPassagesAndScores(string query, int depth)
    {
        using var index = new TestIndex();
        var random = new Random(7);
        for (var file = 0; file < 12; file++)
        {
            var text = new StringBuilder("---\ntitle: T").Append(file).Append("\n---\n\n");
            for (var paragraph = 0; paragraph < 30; paragraph++)
            {
                var length = random.Next(3, 40);
                text.AppendJoin(' ', Enumerable.Range(0, length).Select(_ => Words[(int)(Math.Pow(random.NextDouble(), 2) * Words.Length)])).Append(".\n\n");
            }

            index.WriteSource($"t{file}.md", text.ToString());
        }

        index.Sync();
        var groups = query.Split(' ').Select(g => new TermGroup([.. g.Split('|').Select((w, i) => new WeightedTerm(TextAnalysis.TermOf(w)!, i == 0 ? 1.0 : 0.7))])).ToList();

        using var search = index.Corpus.Index.Open(CorpusScope.Global);
        var ours = search.Search(groups, depth, CancellationToken.None).Hits;

        using var directory = new NIOFSDirectory(new DirectoryInfo(Path.Combine(index.LucenePath, "global")));
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity(Bm25.K1, Bm25.B) };
        var boolean = new BooleanQuery(disableCoord: true);
        foreach (var group in groups)
        {
            var best = new DisjunctionMaxQuery(0f);
            foreach (var term in group.Terms)
            {
                best.Add(new TermQuery(new Term(TextAnalysis.Field, term.Term)) { Boost = (float)term.Weight });
            }

            boolean.Add(best, Occur.SHOULD);
        }

        var lucene = searcher.Search(boolean, depth).ScoreDocs;
        Assert.Equal(lucene.Length, ours.Count);
        Assert.Equal(lucene.Select(d => Math.Round(d.Score, 4)), ours.Select(h => Math.Round(h.Score, 4)));
        var scoreOfRow = lucene.ToDictionary(d => RowOf(reader, d.Doc), d => Math.Round(d.Score, 4));
        var lowest = lucene.Min(d => Math.Round(d.Score, 4));
        Assert.All(ours, h => Assert.True(scoreOfRow.TryGetValue(h.RowId, out var score) ? score == Math.Round(h.Score, 4) : Math.Round(h.Score, 4) == lowest));
    }

    private static long RowOf(IndexReader reader, int doc)
    {
        var leaf = reader.Leaves[ReaderUtil.SubIndex(doc, reader.Leaves)];
        return leaf.AtomicReader.GetNumericDocValues("row").Get(doc - leaf.DocBase);
    }
}
