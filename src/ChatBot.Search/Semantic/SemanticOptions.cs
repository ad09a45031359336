using System.ComponentModel.DataAnnotations;

namespace ChatBot.Search.Semantic;

/// <summary>
/// Matching by meaning (section "Answers", beside <c>MaxResults</c>): <c>Answers:Semantic</c> true or false turns it
/// on or off everywhere; unset, it is on for every scope (the bundled corpus, each server's sources) of at most
/// <see cref="SemanticMaxPassages"/> passages.
/// </summary>
public sealed class SemanticOptions
{
    public const string Section = "Answers";

    /// <summary>
    /// The default size limit: embedding runs at about 20–40 passages a second on one core of a small host, so
    /// 20,000 passages take 10–17 minutes and hold 31 MB of vectors (ChatBot.Bench quality, README).
    /// </summary>
    public const int DefaultMaxPassages = 20_000;

    /// <summary>On (true), off (false), or by scope size (unset).</summary>
    public bool? Semantic { get; set; }

    /// <summary>Above this many passages a scope gets no embeddings unless <see cref="Semantic"/> is true.</summary>
    [Range(0, int.MaxValue)]
    public int SemanticMaxPassages { get; set; } = DefaultMaxPassages;

    /// <summary>Whether semantic matching may run at all.</summary>
    public bool Enabled => Semantic != false;

    /// <summary>Whether a scope of <paramref name="passages"/> passages gets embeddings.</summary>
    public bool AppliesTo(int passages) => Semantic ?? passages <= SemanticMaxPassages;
}
