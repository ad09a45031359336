using ChatBot.Search.Analysis;
using ChatBot.Search.Ranking;

namespace ChatBot.Search.Tests.TestSupport;

/// <summary>What a question's words weigh when every one of them counts its query weight (no corpus, no idf).</summary>
public static class TestWeights
{
    public static QuestionWeights Of(string question)
    {
        var terms = QueryParser.Parse(question).Terms;
        var groups = new double[terms.Max(t => t.Group) + 1];
        foreach (var term in terms)
        {
            groups[term.Group] = Math.Max(groups[term.Group], term.Weight);
        }

        return new QuestionWeights(terms.ToDictionary(t => t.Term, t => (t.Group, t.Weight), StringComparer.Ordinal), groups);
    }
}
