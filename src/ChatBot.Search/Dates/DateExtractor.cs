using ChatBot.Core;

namespace ChatBot.Search.Dates;

/// <summary>A date phrase of a text: where it stands (<c>[Start, End)</c>) and what it means.</summary>
public sealed record DateMention(int Start, int End, EventDate Date);

/// <summary>
/// Finds the date phrases of English prose and normalises them: days ("November 4, 1964", "4 November 1964",
/// "1964-11-04"), months ("May 1964"), parts of years ("early 1962", "spring of 1962", "the first half of 1962"),
/// years ("1964", "44 BC", "c. 1950"), decades ("the late 1950s"), centuries and spans ("between 1960 and 1964",
/// "1960-64", "May–July 1964", "December 5–7, 1963"). A date that only bounds an event ("since 1920", "before
/// 1950", "until 1965") is left out: it says how long something lasted, not when it happened. A bare number is a
/// year only with four digits from 1000 to 2100 and not as a quantity ("1964 soldiers" is not, nor "$1964").
/// Read by hand over tokens with a constant look-ahead, so the time is linear in the text whatever it holds (no
/// regular expression backtracks over source text).
/// </summary>
public static class DateExtractor
{
    public static IReadOnlyList<DateMention> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new DateGrammar(text, DateTokens.Read(text)).ReadAll();
    }
}
