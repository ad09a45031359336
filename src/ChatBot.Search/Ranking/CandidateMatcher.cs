using ChatBot.Search.Analysis;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChatBot.Search.Ranking;

/// <summary>A passage found by the first stage, with its exact BM25 score.</summary>
public readonly record struct Candidate(int Doc, double Score);

/// <summary>The first stage's output: the best passages by BM25 and how many passages matched.</summary>
public sealed record FirstStage(IReadOnlyList<Candidate> Candidates, int MatchedPassages, int GroupsFetched);

/// <summary>
/// The first stage: FTS5 is the matcher, <see cref="SearchIndex"/> the scorer. Query words are taken from the
/// most to the least informative (by the most each can add to a score); FTS5 returns the passages containing
/// each, and each new passage is scored exactly over all query words. Once the words not yet fetched could not
/// together lift an unseen passage above the current <c>depth</c>-th score, matching stops (MaxScore), and a
/// passage whose partial score cannot reach that threshold is dropped before all of its words are looked up.
/// </summary>
public static class CandidateMatcher
{
    // Marks of the passages one question has seen, reused across questions on a thread: a passage is seen when
    // its mark equals the question's stamp, so nothing is cleared or allocated per question.
    [ThreadStatic]
    private static int[]? marks;

    [ThreadStatic]
    private static int stamp;

    public static FirstStage Match(
        SqliteConnection connection, SearchIndex index, ParsedQuery query, ulong? guildId, int depth, CancellationToken cancellationToken)
    {
        var groups = ResolveGroups(index, query);
        if (groups.Count == 0)
        {
            return new FirstStage([], 0, 0);
        }

        groups.Sort((a, b) => b.UpperBound.CompareTo(a.UpperBound));
        var run = new MatchRun(connection, index, new ScoringPlan(groups), guildId, depth);
        var remaining = groups.Sum(g => g.UpperBound);
        var next = 0;
        while (next < groups.Count && remaining > run.Threshold)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // While the rarest words together appear in fewer passages than the results need, the next word is
            // needed anyway: fetch them in one query.
            var last = next;
            var documents = groups[next].Members.Sum(m => index.DocumentFrequency(m.TermId));
            while (run.Threshold == 0 && documents < depth && last + 1 < groups.Count)
            {
                last++;
                documents += groups[last].Members.Sum(m => index.DocumentFrequency(m.TermId));
            }

            var terms = groups.Skip(next).Take(last - next + 1).SelectMany(g => g.Members).Select(m => m.Term);
            run.Fetch(QueryParser.ToMatchExpression(terms), firstGroup: next);
            for (; next <= last; next++)
            {
                remaining -= groups[next].UpperBound;
            }
        }

        return run.Result();
    }

    /// <summary>One question's matching: the passages seen so far and the best ones by score.</summary>
    private sealed class MatchRun
    {
        private readonly sqlite3_stmt statement;
        private readonly SearchIndex index;
        private readonly ScoringPlan plan;
        private readonly ulong? guildId;
        private readonly int depth;
        private readonly int[] seen;
        private readonly int current;
        private readonly PriorityQueue<Candidate, (double Score, long Row)> top = new();
        private int matched;
        private int fetches;

        public MatchRun(SqliteConnection connection, SearchIndex index, ScoringPlan plan, ulong? guildId, int depth)
        {
            this.index = index;
            this.plan = plan;
            this.guildId = guildId;
            this.depth = depth;
            // The raw statement API: matching ships thousands of rowids per question, and a data reader's
            // per-row overhead costs twice FTS5's own work here.
            var rc = raw.sqlite3_prepare_v2(connection.Handle, "SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?", out statement);
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            if (marks is null || marks.Length < index.DocumentCount)
            {
                marks = new int[Math.Max(index.DocumentCount, 1024)];
            }

            if (++stamp == int.MaxValue)
            {
                Array.Clear(marks);
                stamp = 1;
            }

            seen = marks;
            current = stamp;
        }

        /// <summary>The score a new passage must beat to enter the best <c>depth</c>; 0 until they are filled.</summary>
        public double Threshold => top.Count == depth && top.TryPeek(out _, out var kth) ? kth.Score : 0;

        /// <summary>
        /// Scores the unseen passages FTS5 matches. They contain none of the groups before
        /// <paramref name="firstGroup"/>: a passage with one of those was fetched, and seen, earlier.
        /// </summary>
        public void Fetch(string expression, int firstGroup)
        {
            fetches++;
            raw.sqlite3_reset(statement);
            raw.sqlite3_bind_text(statement, 1, expression);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var doc = index.DocOfRow(raw.sqlite3_column_int64(statement, 0));
                if (doc < 0 || seen[doc] == current || !index.IsVisible(doc, guildId))
                {
                    continue;
                }

                seen[doc] = current;
                matched++;
                var score = plan.Score(index, doc, Threshold, firstGroup);
                if (score < 0)
                {
                    continue;
                }

                var key = (score, -index.RowId(doc));
                if (top.Count < depth)
                {
                    top.Enqueue(new Candidate(doc, score), key);
                }
                else if (top.TryPeek(out _, out var lowest) && key.CompareTo(lowest) > 0)
                {
                    top.DequeueEnqueue(new Candidate(doc, score), key);
                }
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, raw.sqlite3_db_handle(statement));
            }
        }

        public FirstStage Result()
        {
            statement.Dispose();
            var candidates = new List<Candidate>(top.Count);
            while (top.TryDequeue(out var candidate, out _))
            {
                candidates.Add(candidate);
            }

            candidates.Reverse();
            return new FirstStage(candidates, matched, fetches);
        }
    }

    public static List<ResolvedGroup> ResolveGroups(SearchIndex index, ParsedQuery query)
    {
        var groups = new List<ResolvedGroup>();
        foreach (var byGroup in query.Terms.GroupBy(t => t.Group))
        {
            var members = new List<ResolvedTerm>();
            foreach (var term in byGroup)
            {
                var id = index.TermId(term.Term);
                if (id >= 0)
                {
                    members.Add(new ResolvedTerm(term.Term, id, term.Weight, index.Idf(id), term.Group));
                }
            }

            if (members.Count > 0)
            {
                groups.Add(new ResolvedGroup(byGroup.Key, members, members.Max(m => m.Weight * index.UpperBound(m.TermId))));
            }
        }

        return groups;
    }
}

/// <summary>A query term found in the index vocabulary.</summary>
public sealed record ResolvedTerm(string Term, int TermId, double Weight, double Idf, int Group);

/// <summary>The terms standing for one word of the question, and the most they can add to a score.</summary>
public sealed record ResolvedGroup(int Group, IReadOnlyList<ResolvedTerm> Members, double UpperBound);

/// <summary>
/// Exact BM25 of a passage over all query words, laid out flat for the inner loop: per query word, the best of
/// its terms counts (an expansion never adds to the word it expands). Words are visited in the order of the
/// groups given (strongest first), so a passage that cannot reach a threshold is given up early.
/// </summary>
public sealed class ScoringPlan
{
    private readonly int[] termIds;
    private readonly double[] weights;
    private readonly int[] groupOf;
    private readonly int[] groupEnd;
    private readonly double[] boundAfter;

    public ScoringPlan(IReadOnlyList<ResolvedGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var members = groups.SelectMany((g, i) => g.Members.Select(m => (m.TermId, Weight: m.Weight * m.Idf, Group: i))).ToArray();
        termIds = [.. members.Select(m => m.TermId)];
        weights = [.. members.Select(m => m.Weight)];
        groupOf = [.. members.Select(m => m.Group)];
        groupEnd = new int[groups.Count];
        boundAfter = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            groupEnd[g] = Array.FindLastIndex(groupOf, x => x == g) + 1;
            boundAfter[g] = groups.Skip(g + 1).Sum(x => x.UpperBound);
        }
    }

    /// <summary>The passage's score, or -1 once it is clear that it cannot exceed <paramref name="threshold"/>.</summary>
    /// <param name="index">The index the plan's term ids belong to.</param>
    /// <param name="doc">The passage.</param>
    /// <param name="threshold">The score to beat; 0 to always score fully.</param>
    /// <param name="firstGroup">Groups before this one are known to be absent from the passage.</param>
    public double Score(SearchIndex index, int doc, double threshold = 0, int firstGroup = 0)
    {
        var norm = index.LengthNorm(doc);
        var vector = index.Vector(doc);
        var score = 0.0;
        var member = firstGroup == 0 ? 0 : groupEnd[firstGroup - 1];
        for (var g = firstGroup; g < groupEnd.Length; g++)
        {
            var best = 0.0;
            for (; member < groupEnd[g]; member++)
            {
                var count = SearchIndex.CountIn(vector, termIds[member]);
                if (count > 0)
                {
                    best = Math.Max(best, weights[member] * count * (SearchIndex.K1 + 1) / (count + norm));
                }
            }

            score += best;
            if (threshold > 0 && score + boundAfter[g] <= threshold)
            {
                return -1;
            }
        }

        return score;
    }
}
