using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;

namespace ChatBot.Discord.Asking;

/// <summary>
/// <c>/verify quote:&lt;text&gt;</c>: whether a quote stands in the corpus the asker may see (in a server, the
/// bundled corpus and that server's sources; in a DM, the bundled corpus): verbatim, close (word by word) or not
/// found. Public, like an answer; only a refusal is private.
/// </summary>
internal sealed class VerifyCommand(IQuoteVerifier verifier) : ISlashCommand
{
    public const string EmptyText = "Give a quote to check, for example `/verify quote: The coup surprised many foreign observers`";

    public static SlashCommandSpec Spec { get; } = new(
        "verify",
        "Check a quote against the corpus: verbatim, close (word by word) or not found",
        [new("quote", "The quote; … stands for words left out", Required: true) { MaxLength = QuoteVerification.MaxQuoteLength }])
    {
        Check = static call => Refusal(call.OptionalString("quote")),
    };

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var quote = call.String("quote");
        if (Refusal(quote) is { } refusal)
        {
            return refusal;
        }

        return QuoteCard.Render(await verifier.VerifyAsync(TextBudget.Scrub(quote), call.Scope, cancellationToken));
    }

    /// <summary>A quote with no word (a word starts with a letter or digit) or longer than the limit is refused.</summary>
    private static Reply? Refusal(string? quote) => quote switch
    {
        null => null,
        { Length: > QuoteVerification.MaxQuoteLength } => Reply.Note($"That quote is too long: at most {QuoteVerification.MaxQuoteLength:N0} characters."),
        _ when !quote.Any(char.IsLetterOrDigit) => Reply.Note(EmptyText),
        _ => null,
    };
}
