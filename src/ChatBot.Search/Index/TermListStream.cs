using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Search.Index;

/// <summary>
/// Hands the index a passage's tokens as <see cref="PassageAnalyzer"/> made them, so a passage is analyzed once
/// for both the index and its stored offsets. One per indexing thread, reused for every passage.
/// </summary>
internal sealed class TermListStream : TokenStream
{
    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private IReadOnlyList<AnalyzedToken> tokens = [];
    private int next;

    public TermListStream()
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
    }

    public void Set(IReadOnlyList<AnalyzedToken> passageTokens)
    {
        tokens = passageTokens;
        next = 0;
    }

    public override bool IncrementToken()
    {
        if (next >= tokens.Count)
        {
            return false;
        }

        ClearAttributes();
        var token = tokens[next++];
        term.SetEmpty().Append(token.Term);
        offset.SetOffset(token.Start, token.End);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        next = 0;
    }

    // The index closes a field's stream after each document; this one holds nothing to release and is reused.
    protected override void Dispose(bool disposing) => base.Dispose(disposing);
}
