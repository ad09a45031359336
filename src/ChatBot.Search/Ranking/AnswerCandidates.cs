using System.Text.RegularExpressions;
using ChatBot.Core;

namespace ChatBot.Search.Ranking;

/// <summary>
/// A candidate answer in a text: where it stands, whether it is a name (of a person or a place), and for an amount
/// whether it has a unit (a currency, a percentage).
/// </summary>
public readonly record struct AnswerCandidate(int Start, int End, bool HasUnit, bool IsName = false);

/// <summary>
/// Where the candidate answers of a kind stand in a text, by their shapes: runs of capitalised words for a person
/// or a place (titles trimmed, never across the end of a sentence), dates, numbers and amounts.
/// </summary>
public static partial class AnswerCandidates
{
    public static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "General", "Gen", "President", "Vice-President", "Vice-president", "Vice", "Colonel", "Col", "Captain", "Capt",
        "Admiral", "Major", "Lieutenant", "Sergeant", "Marshal", "Commander", "King", "Queen", "Prince", "Princess",
        "Emperor", "Empress", "Pope", "Saint", "St", "Sir", "Lord", "Lady", "Dr", "Mr", "Mrs", "Ms", "Professor", "Prof",
        "Senator", "Governor", "Minister", "Prime", "Chancellor", "Ambassador", "Bishop", "Archbishop", "Cardinal",
        "Sultan", "Shah", "Tsar", "Czar", "Kaiser", "Duke", "Count", "Baron",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "A", "An", "In", "On", "At", "By", "Of", "For", "To", "From", "With", "As", "And", "But", "Or", "If", "When",
        "While", "After", "Before", "During", "Since", "Between", "This", "That", "These", "Those", "It", "Its", "He",
        "She", "They", "We", "I", "His", "Her", "Their", "Our", "There", "Here", "Yet", "Although", "Though", "However",
        "Most", "Many", "Some", "Other", "Such", "Both", "Each", "All", "Only", "Also", "Equally", "Over", "Under",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    };

    // Words that make a run of capitalised words an institution, an event or a document rather than a person.
    private static readonly HashSet<string> NotPersons = new(StringComparer.OrdinalIgnoreCase)
    {
        "Revolution", "Revolutionary", "Party", "Army", "Navy", "Republic", "Government", "Movement", "University",
        "Company", "Corps", "Alliance", "Progress", "War", "Department", "Agency", "Intelligence", "National",
        "Nationalist", "Council", "Committee", "Congress", "Parliament", "Assembly", "Senate", "Court", "Church",
        "Empire", "Kingdom", "Union", "League", "Front", "Association", "Institute", "Society", "Bank", "Treaty",
        "Act", "Constitution", "Declaration", "Battle", "Conference", "Organization", "Organisation", "Ministry",
        "Office", "Force", "Forces", "Guard", "Police", "Museum", "Library", "Press", "Times", "Journal", "Review",
        "Street", "River", "Mountains", "Islands", "Ocean", "Sea", "City", "State", "States", "Province", "County",
        "Dynasty", "Crisis", "Project", "Program", "Programme", "Plan", "Doctrine", "Essays",
    };

    /// <summary>
    /// The candidates of <paramref name="kind"/> in <paramref name="text"/>. A place is any name: on SQuAD,
    /// preferring the names after "in" or "at" marked the right one less often than taking every name
    /// (ChatBot.Bench quality, where-questions 0.33 → 0.35).
    /// </summary>
    public static IEnumerable<AnswerCandidate> In(string text, AnswerKind kind) => kind switch
    {
        AnswerKind.Date => Matches(DatePattern(), text, false),
        AnswerKind.Number => Matches(NumberPattern(), text, false),
        AnswerKind.Amount => Amounts(text),
        AnswerKind.Person or AnswerKind.Place => Names(text).Select(n => new AnswerCandidate(n.Start, n.End, false, IsName: true)),
        _ => [],
    };

    /// <summary>
    /// The candidates a marked answer is chosen from: those of <see cref="In"/>, and for a date also a weekday, a
    /// month alone and a decade with "early", "mid" or "late" ("Tuesday", "every June", "the mid-2000s"), for a
    /// number or an amount also ranges, ordinals, fractions, multiples, round quantities and spans of time
    /// ("200–300", "seventh", "two-thirds", "twice", "thousands", "a year", "24-year", "11:28"): shapes that answer
    /// such questions on SQuAD but are too loose to make a sentence hold a date or a number.
    /// </summary>
    public static IEnumerable<AnswerCandidate> ForAnswer(string text, AnswerKind kind) => kind switch
    {
        AnswerKind.Date => In(text, kind).Concat(Matches(LooseDatePattern(), text, false)),
        AnswerKind.Number or AnswerKind.Amount => In(text, kind).Concat(Matches(LooseNumberPattern(), text, false)),
        _ => In(text, kind),
    };

    /// <summary>Whether a name holds a word of an institution, an event or a document ("Party", "Treaty").</summary>
    public static bool NamesAnInstitution(string name) => name.Split(' ').Any(NotPersons.Contains);

    /// <summary>"Bolivian", "Chinese": an adjective of a people, not a person.</summary>
    public static bool IsDemonym(string text)
        => !text.Contains(' ', StringComparison.Ordinal) && (text.EndsWith("ian", StringComparison.Ordinal) || text.EndsWith("ese", StringComparison.Ordinal)
            || text.EndsWith("ish", StringComparison.Ordinal) || text.EndsWith("ean", StringComparison.Ordinal));

    /// <summary>Amounts with a unit, then the bare numbers that are not part of one.</summary>
    private static IEnumerable<AnswerCandidate> Amounts(string text)
    {
        var withUnit = Matches(AmountPattern(), text, true).ToList();
        return withUnit.Concat(Matches(NumberPattern(), text, false).Where(n => !withUnit.Any(a => a.Start <= n.Start && n.End <= a.End)));
    }

    private static IEnumerable<AnswerCandidate> Matches(Regex pattern, string text, bool hasUnit)
    {
        foreach (Match match in pattern.Matches(text))
        {
            yield return new AnswerCandidate(match.Index, match.Index + match.Length, hasUnit);
        }
    }

    /// <summary>Runs of capitalised words (with particles such as "de" or "von" between them), titles trimmed.</summary>
    private static IEnumerable<(int Start, int End)> Names(string text)
    {
        var words = Word().Matches(text).ToList();
        var i = 0;
        while (i < words.Count)
        {
            if (!IsNameWord(words[i].Value))
            {
                i++;
                continue;
            }

            var first = i;
            var last = i;
            var j = i + 1;
            var ended = EndsSentence(words[i].Value);
            while (!ended && j < words.Count && OnlySpaceBetween(text, words[j - 1], words[j]))
            {
                if (IsNameWord(words[j].Value))
                {
                    last = j;
                }
                else if (!IsParticle(words[j].Value))
                {
                    break;
                }

                ended = EndsSentence(words[j].Value);
                j++;
            }

            // A name starts after the last title in the run: "Bolivian President Victor Paz" is Victor Paz.
            for (var k = last - 1; k >= first; k--)
            {
                if (Titles.Contains(words[k].Value.TrimEnd('.')))
                {
                    first = k + 1;
                    break;
                }
            }

            while (first <= last && Titles.Contains(words[first].Value.TrimEnd('.')))
            {
                first++;
            }

            if (first <= last)
            {
                // "Bolivia's": the possessive is not part of the name, nor the full stop that ends a sentence.
                var lastWord = words[last].Value;
                var end = words[last].Index + lastWord.Length;
                if (lastWord.EndsWith("'s", StringComparison.Ordinal) || lastWord.EndsWith("\u2019s", StringComparison.Ordinal))
                {
                    end -= 2;
                }
                else if (EndsSentence(lastWord))
                {
                    end--;
                }

                yield return (words[first].Index, end);
            }

            i = Math.Max(j, i + 1);
        }
    }

    /// <summary>"Europe." ends a sentence; "A." (an initial) and "Gen." (a title) do not.</summary>
    private static bool EndsSentence(string word)
        => word.Length > 2 && word.EndsWith('.') && !Titles.Contains(word.TrimEnd('.'));

    private static bool IsNameWord(string word)
        => word.Length > 1 && char.IsUpper(word[0]) && !NotNames.Contains(word) && !word.All(c => char.IsUpper(c) || c == '.');

    private static bool IsParticle(string word) => word is "de" or "da" or "del" or "della" or "di" or "du" or "la" or "le" or "van" or "von" or "der" or "den" or "y" or "bin" or "ibn" or "al";

    private static bool OnlySpaceBetween(string text, Match left, Match right)
    {
        var gap = text.AsSpan(left.Index + left.Length, right.Index - left.Index - left.Length);
        return gap.Length is > 0 and <= 2 && gap.Trim().IsEmpty;
    }

    [GeneratedRegex(@"\p{Lu}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*\.?|\p{Ll}+")]
    private static partial Regex Word();

    [GeneratedRegex(
        @"\b(?:(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{3,4})" +
        @"|(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{3,4})" +
        @"|(?:(?:early|mid|late)[\s-]+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{3,4}" +
        @"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?\b" +
        @"|(?:(?:early|mid|late)[\s-]+)?\d{1,2}(?:st|nd|rd|th)(?:(?:\s+and|\s+to|,)\s+\d{1,2}(?:st|nd|rd|th))?\s+centur(?:y|ies)" +
        @"|[12]\d{3}\s?[–-]\s?(?:[12]\d{3}|\d{2})(?!\d)" +
        @"|(?:the\s+)?\d{3,4}s" +
        @"|(?:(?:early|mid|late)[\s-]+)?[12]\d{3}(?:\s*(?:BC|BCE|AD|CE))?)\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(
        @"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)\b" +
        @"|\b(?:early|mid|late)-?\d{3,4}s\b" +
        @"|(?<=\b(?:in|of|early|late|mid|until|since|by|each|every|last|next|from|to|through) )May\b" +
        @"|\b\d+(?:\.\d+)?(?:\s?[–-]\s?\d+(?:\.\d+)?)?\s(?:thousand|million|billion)\syears\sago\b" +
        @"|\b\d{1,4}\s?(?:BC|BCE|AD|CE)\b")]
    private static partial Regex LooseDatePattern();

    [GeneratedRegex(
        @"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?\s?[–-]\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:%|percent|million|billion|thousand))?(?![\w])" +
        @"|(?<![\w.])\d+(?:\.\d+)?-(?!\d)\p{Ll}+\b" +
        @"|\b\d{1,2}:\d{2}\b" +
        @"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th))\b" +
        @"|\b(?:(?:one|two|three|four)[\s-](?:half|halves|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths)|half|a third|a quarter)\b" +
        @"|\b(?:twice|thrice|once|(?:two|three|four|five|ten|\d+) times)\b" +
        @"|\b(?:(?:tens|hundreds) of )?(?:thousands|hundreds|millions|billions|dozens)\b|\bseveral\b|\binfinitely many\b" +
        @"|\b(?:a|an) (?:year|month|week|day|decade|century|hour|minute|mile)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex LooseNumberPattern();

    [GeneratedRegex(
        @"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:%|percent|per cent|million|billion|thousand|hundred))?(?![\w])" +
        @"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|a dozen|several hundred|a million)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand|million|billion))*\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(
        @"(?:US\s?\$|\$|£|€|¥)\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|thousand|trillion))?" +
        @"|\b\d[\d,]*(?:\.\d+)?\s*(?:million|billion|thousand|trillion)?\s*(?:USD|dollars|pounds|euros|francs|marks|pesos|yen|rupees)\b" +
        @"|\b\d+(?:\.\d+)?\s*(?:%|percent|per cent)",
        RegexOptions.IgnoreCase)]
    private static partial Regex AmountPattern();
}
