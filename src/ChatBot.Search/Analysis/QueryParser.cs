using ChatBot.Search.Index;

namespace ChatBot.Search.Analysis;

/// <summary>Why a term is in a query: the user's own word, or an expansion of it.</summary>
public enum TermOrigin
{
    Question,
    Spelling,
    WordForm,
    Synonym,
}

/// <summary>
/// One term to search. Terms of the same <see cref="Group"/> stand for one word of the question (the word and
/// its expansions); a passage scores the best of them, never their sum, so expansions cannot outweigh the
/// user's own words.
/// </summary>
public sealed record QueryTerm(string Term, string Surface, int Group, double Weight, TermOrigin Origin);

/// <summary>A question as the engine searches it.</summary>
public sealed record ParsedQuery(string Question, IReadOnlyList<QueryTerm> Terms)
{
    public int GroupCount => Terms.Count == 0 ? 0 : Terms.Max(t => t.Group) + 1;

    public bool IsEmpty => Terms.Count == 0;
}

/// <summary>
/// Turns a question into terms with the same analyzer as indexing. Never throws and never passes user text on
/// as query syntax: quotes, <c>*</c>, <c>~</c>, <c>AND</c>, <c>:</c> and parentheses are just characters, and
/// the index gets terms, which it turns into query objects.
/// </summary>
public static class QueryParser
{
    /// <summary>Questions longer than this are searched by their beginning.</summary>
    public const int MaxQuestionLength = 2000;

    /// <summary>At most this many distinct words of a question are searched.</summary>
    public const int MaxTerms = 32;

    public static ParsedQuery Parse(string? question)
    {
        var text = (question ?? "").Trim();
        if (text.Length > MaxQuestionLength)
        {
            text = text[..MaxQuestionLength];
        }

        // A question typed in capitals ("WHO LED THE COUP") is read as ordinary text, or every word would
        // look like an acronym and no stop word would drop.
        var analyzed = HasLowercase(text) ? text : text.ToLowerInvariant();
        var terms = new List<QueryTerm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tokens = TextAnalysis.Analyze(analyzed);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!seen.Add(token.Term))
            {
                continue;
            }

            // A word weighs what it tells beside its neighbours: "place" after "take" frames the question.
            var weight = QuestionWords.Weight(token.Term, i > 0 ? tokens[i - 1].Term : null, i + 1 < tokens.Count ? tokens[i + 1].Term : null);
            terms.Add(new QueryTerm(token.Term, text[token.Start..token.End], terms.Count, weight, TermOrigin.Question));
            if (terms.Count == MaxTerms)
            {
                break;
            }
        }

        return new ParsedQuery(question ?? "", terms);
    }

    private static bool HasLowercase(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }
}
