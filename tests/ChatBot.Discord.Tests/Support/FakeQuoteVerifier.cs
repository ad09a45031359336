using System.Collections.Concurrent;
using ChatBot.Core;

namespace ChatBot.Discord.Tests.Support;

/// <summary>A quote verifier that records its quotes and scopes and answers with whatever the test says (a close quote by default).</summary>
internal sealed class FakeQuoteVerifier : IQuoteVerifier
{
    public static readonly Citation Source = new("bolivia-1964", "The Bolivian coup of 1964", "J. Historian", "https://example.org/bolivia", "¶ 3");

    public ConcurrentQueue<(string Quote, CorpusScope Scope)> Requests { get; } = new();

    public Func<string, QuoteVerification> Handler { get; set; } = static quote => new QuoteVerification(
        quote,
        QuoteVerdict.Close,
        [new QuoteMatch(Source, "General René Barrientos overthrew the president", [new QuoteDifference(DifferenceKind.Changed, "toppled", "overthrew")])],
        6,
        TimeSpan.FromMilliseconds(3));

    public ValueTask<QuoteVerification> VerifyAsync(string quote, CorpusScope scope, CancellationToken cancellationToken)
    {
        Requests.Enqueue((quote, scope));
        return ValueTask.FromResult(Handler(quote));
    }
}
