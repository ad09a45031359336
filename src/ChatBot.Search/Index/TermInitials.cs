using System.Buffers;

namespace ChatBot.Search.Index;

/// <summary>
/// The first letters of some index terms (a question's), so that a passage's tokens can be passed over without
/// looking their terms up: a word of ASCII letters alone analyzes, when it is not a stop word, to a term that
/// begins with its own first letter in lower case (the tokenizer keeps it whole, no possessive, elision or shape
/// rule touches it, and Porter2 only takes suffixes off), so such a word whose first letter no term begins with
/// cannot be one of the terms. Any other word (a digit, an apostrophe, a letter outside ASCII) is looked up.
/// </summary>
public readonly struct TermInitials
{
    private static readonly SearchValues<char> AsciiLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    // Bit i: some term begins with 'a' + i.
    private readonly uint letters;
    private readonly bool any;

    private TermInitials(uint letters, bool any)
    {
        this.letters = letters;
        this.any = any;
    }

    /// <summary>Passes nothing over: every token may be any term.</summary>
    public static TermInitials Any { get; } = new(0, any: true);

    public static TermInitials Of(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var letters = 0u;
        foreach (var term in terms)
        {
            if (term.Length > 0 && term[0] is >= 'a' and <= 'z')
            {
                letters |= 1u << (term[0] - 'a');
            }
        }

        return new TermInitials(letters, any: false);
    }

    /// <summary>Whether the word <paramref name="surface"/> (a token as it stands in a text) may analyze to one of the terms.</summary>
    public bool MayBeOne(ReadOnlySpan<char> surface)
    {
        if (any || surface.IsEmpty)
        {
            return true;
        }

        var first = surface[0] | 0x20;
        if (first is < 'a' or > 'z' || (letters & (1u << (first - 'a'))) != 0)
        {
            return true;
        }

        // A first letter no term begins with: only a word of ASCII letters alone is sure to keep it.
        return surface.ContainsAnyExcept(AsciiLetters);
    }
}
