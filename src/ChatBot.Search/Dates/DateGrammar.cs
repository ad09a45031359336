using ChatBot.Core;

namespace ChatBot.Search.Dates;

/// <summary>
/// The date phrases <see cref="DateExtractor"/> reads, as small recursive-descent rules over tokens. Every rule
/// looks at most a handful of tokens ahead and a matched phrase is skipped whole, so a text is read in linear time.
/// </summary>
internal sealed class DateGrammar(string text, List<DateToken> t)
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["may"] = 5, ["june"] = 6, ["july"] = 7,
        ["august"] = 8, ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["jun"] = 6, ["jul"] = 7, ["aug"] = 8, ["sep"] = 9,
        ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    // Months of the year a part of it means; 13 and 14 are January and February of the next year.
    private static readonly Dictionary<string, (int From, int To)> Parts = new(StringComparer.Ordinal)
    {
        ["early"] = (1, 4), ["mid"] = (5, 8), ["late"] = (9, 12),
        ["spring"] = (3, 5), ["summer"] = (6, 8), ["autumn"] = (9, 11), ["fall"] = (9, 11), ["winter"] = (12, 14),
        ["beginning"] = (1, 4), ["start"] = (1, 4), ["middle"] = (5, 8), ["end"] = (9, 12),
    };

    private static readonly string[] OrdinalWords =
    [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ];

    // Words before a date that make it a bound of something lasting rather than the date of an event.
    private static readonly HashSet<string> Bounds = new(StringComparer.Ordinal) { "since", "before", "after", "until", "till", "by", "from" };

    // Words after a four-digit number that make it a quantity, and before it that make it a label.
    private static readonly HashSet<string> Quantities = new(StringComparer.Ordinal)
    {
        "percent", "per", "million", "millions", "billion", "thousand", "hundred", "people", "men", "women", "soldiers", "troops",
        "dead", "killed", "km", "kilometres", "kilometers", "miles", "metres", "meters", "feet", "tons", "tonnes", "dollars", "usd", "pesos",
    };

    private static readonly HashSet<string> Labels = new(StringComparer.Ordinal)
    {
        "no", "nos", "number", "page", "pp", "p", "vol", "volume", "chapter", "ch", "section", "article", "art", "law", "decree", "resolution", "flight", "route",
    };

    public List<DateMention> ReadAll()
    {
        var found = new List<DateMention>();
        var i = 0;
        while (i < t.Count)
        {
            if ((Range(i) ?? Single(i)) is { } phrase)
            {
                if (!Bounded(i))
                {
                    var start = t[i].Start;
                    var end = t[phrase.End - 1].End;
                    found.Add(new DateMention(start, end, phrase.Span.ToEventDate(text[start..end])));
                }

                i = phrase.End;
            }
            else
            {
                i++;
            }
        }

        return found;
    }

    private readonly record struct Phrase(int End, CalendarSpan Span);

    /// <summary>A side of a span: a whole date, or a month (and day) whose year the other side gives.</summary>
    private readonly record struct Side(int End, CalendarSpan? Span, int Month, int Day);

    private bool Word(int i, string word) => i >= 0 && i < t.Count && t[i].IsWord(word);

    private bool Punct(int i, char c) => i >= 0 && i < t.Count && t[i].IsPunctuation(c);

    private bool Dash(int i) => i >= 0 && i < t.Count && t[i].IsDash;

    private bool Adjacent(int i) => i > 0 && i < t.Count && t[i].Start == t[i - 1].End;

    /// <summary>"between X and Y", "from X to Y", "X–Y" where X may leave its year to Y ("May–July 1964", "December 5–7, 1963").</summary>
    private Phrase? Range(int i)
    {
        if (Word(i, "between") && SideAt(i + 1) is { } x && Word(x.End, "and"))
        {
            return Join(x, x.End + 1);
        }

        if (Word(i, "from") && SideAt(i + 1) is { } from
            && (Word(from.End, "to") || Word(from.End, "until") || Word(from.End, "till") || Word(from.End, "through") || Word(from.End, "thru") || Dash(from.End)))
        {
            return Join(from, from.End + 1);
        }

        if (SideAt(i) is { } left && Dash(left.End))
        {
            // A year on the left has already taken "1960-64" as its own span; a whole date on the left needs a whole one on the right.
            return left.Span is null || left.Span.Value.Precision is DatePrecision.Day or DatePrecision.Month ? Join(left, left.End + 1) : null;
        }

        return null;
    }

    private Phrase? Join(Side left, int at)
    {
        // "December 5–7, 1963" and "between December 5 and 7, 1963": the right side is a day of the left side's month.
        if (left.Span is null && left.Day > 0 && DayNumber(at) is { } day)
        {
            var next = at + 1;
            if (Punct(next, ','))
            {
                next++;
            }

            if (YearAt(next) is { } dayYear && Valid(dayYear.Year, left.Month, day))
            {
                return Spanned(left, new Phrase(dayYear.End, CalendarSpan.Day(dayYear.Year, left.Month, day)));
            }
        }

        return Single(at) is { } right ? Spanned(left, right) : null;
    }

    private static Phrase? Spanned(Side left, Phrase right)
    {
        var from = left.Span;
        if (from is null)
        {
            var year = right.Span.First.Year;
            if (left.Day > 0 && !Valid(year, left.Month, left.Day))
            {
                return null;
            }

            from = left.Day > 0 ? CalendarSpan.Day(year, left.Month, left.Day) : CalendarSpan.Month(year, left.Month);
            if (from.Value.First.Key > right.Span.Last.Key)
            {
                // "December 30 – January 2, 1964": the left side is of the year before.
                from = left.Day > 0 ? CalendarSpan.Day(year - 1, left.Month, left.Day) : CalendarSpan.Month(year - 1, left.Month);
            }
        }

        return CalendarSpan.Between(from.Value, right.Span) is { } span ? new Phrase(right.End, span) : null;
    }

    private Side? SideAt(int i)
    {
        if (Single(i) is { } whole)
        {
            return new Side(whole.End, whole.Span, 0, 0);
        }

        if (MonthAt(i) is not { } month)
        {
            return null;
        }

        return DayNumber(month.End) is { } day ? new Side(month.End + 1, null, month.Month, day) : new Side(month.End, null, month.Month, 0);
    }

    private Phrase? Single(int i) => Iso(i) ?? DayFirst(i) ?? MonthFirst(i) ?? Part(i) ?? Decade(i, null) ?? Century(i, null) ?? Years(i);

    /// <summary>1964-11-04, written without spaces.</summary>
    private Phrase? Iso(int i)
    {
        if (i + 4 < t.Count && t[i] is { Kind: DateTokenKind.Number, Digits: 4, Shape: NumberShape.Plain } year
            && t[i + 1].IsPunctuation('-') && t[i + 2] is { Kind: DateTokenKind.Number, Digits: 2, Shape: NumberShape.Plain } month
            && t[i + 3].IsPunctuation('-') && t[i + 4] is { Kind: DateTokenKind.Number, Digits: 2, Shape: NumberShape.Plain } day
            && Adjacent(i + 1) && Adjacent(i + 2) && Adjacent(i + 3) && Adjacent(i + 4) && Valid(year.Value, month.Value, day.Value))
        {
            return new Phrase(i + 5, CalendarSpan.Day(year.Value, month.Value, day.Value));
        }

        return null;
    }

    /// <summary>"4 November 1964", "4th of November, 1964", "5–7 December 1963".</summary>
    private Phrase? DayFirst(int i)
    {
        if (DayNumber(i) is not { } day)
        {
            return null;
        }

        var j = i + 1;
        int? lastDay = null;
        if (Dash(j) && DayNumber(j + 1) is { } other && other > day)
        {
            lastDay = other;
            j += 2;
        }

        if (Word(j, "of"))
        {
            j++;
        }

        if (MonthAt(j) is not { } month)
        {
            return null;
        }

        j = month.End;
        if (Punct(j, ','))
        {
            j++;
        }

        if (YearAt(j) is not { } year || !Valid(year.Year, month.Month, lastDay ?? day))
        {
            return null;
        }

        var first = CalendarSpan.Day(year.Year, month.Month, day);
        return lastDay is { } last
            ? new Phrase(year.End, CalendarSpan.Between(first, CalendarSpan.Day(year.Year, month.Month, last))!.Value)
            : new Phrase(year.End, first);
    }

    /// <summary>"November 4, 1964", "Nov. 4th 1964", "December 5–7, 1963", "May 1964", "November of 1964".</summary>
    private Phrase? MonthFirst(int i)
    {
        if (MonthAt(i) is not { } month)
        {
            return null;
        }

        var j = month.End;
        if (DayNumber(j) is { } day)
        {
            var k = j + 1;
            int? lastDay = null;
            if (Dash(k) && DayNumber(k + 1) is { } other && other > day)
            {
                lastDay = other;
                k += 2;
            }

            if (Punct(k, ','))
            {
                k++;
            }

            if (YearAt(k) is not { } dayYear || !Valid(dayYear.Year, month.Month, lastDay ?? day))
            {
                return null;
            }

            var first = CalendarSpan.Day(dayYear.Year, month.Month, day);
            return lastDay is { } last
                ? new Phrase(dayYear.End, CalendarSpan.Between(first, CalendarSpan.Day(dayYear.Year, month.Month, last))!.Value)
                : new Phrase(dayYear.End, first);
        }

        if (Word(j, "of") || Punct(j, ','))
        {
            j++;
        }

        return YearAt(j) is { } year ? new Phrase(year.End, CalendarSpan.Month(year.Year, month.Month)) : null;
    }

    /// <summary>"early 1962", "mid-1962", "spring of 1962", "winter 1962–63", "the end of 1964", "the first half of 1962"; "late 1950s" and "early 19th century" go on to decades and centuries.</summary>
    private Phrase? Part(int i)
    {
        if (i >= t.Count || t[i].Kind != DateTokenKind.Word)
        {
            return null;
        }

        var word = t[i].Lower;
        if ((word is "first" or "second") && Word(i + 1, "half") && Word(i + 2, "of") && YearAt(i + 3) is { } half)
        {
            return new Phrase(half.End, word == "first" ? CalendarSpan.Months(half.Year, 1, 6) : CalendarSpan.Months(half.Year, 7, 12));
        }

        if (!Parts.TryGetValue(word, out var months))
        {
            return null;
        }

        var j = i + 1;
        if (word is "early" or "mid" or "late")
        {
            if (Dash(j))
            {
                j++;
            }

            if ((Decade(j, word) ?? Century(j, word)) is { } modified)
            {
                return modified;
            }

            if (Word(j, "in") || Word(j, "of"))
            {
                j++;
            }
        }
        else if (word is "beginning" or "start" or "middle" or "end")
        {
            if (!Word(j, "of"))
            {
                return null;
            }

            j++;
        }
        else if (Word(j, "of") || Word(j, "in"))
        {
            j++;
        }

        if (YearAt(j) is not { } year)
        {
            return null;
        }

        // "winter 1962–63" (or 1962/63): the winter that runs into the year named second.
        if (word == "winter" && (Dash(year.End) || Punct(year.End, '/')) && year.End + 1 < t.Count
            && t[year.End + 1] is { Kind: DateTokenKind.Number, Shape: NumberShape.Plain } next && (next.Value == (year.Year + 1) % 100 || next.Value == year.Year + 1))
        {
            return new Phrase(year.End + 2, CalendarSpan.Months(year.Year, 12, 14));
        }

        return new Phrase(year.End, CalendarSpan.Months(year.Year, months.From, months.To));
    }

    /// <summary>"1950s" or "1950's", with "early", "mid" or "late" (years 0–3, 4–6, 7–9); "1800s" is a hundred years.</summary>
    private Phrase? Decade(int i, string? part)
    {
        if (i >= t.Count || t[i] is not { Kind: DateTokenKind.Number, Shape: NumberShape.Decade, Digits: 4 } token
            || token.Value % 10 != 0 || token.Value < 1000 || token.Value > 2090)
        {
            return null;
        }

        var span = token.Value % 100 == 0 ? 100 : 10;
        var (from, to) = Thirds(token.Value, token.Value + span - 1, part);
        return new Phrase(i + 1, CalendarSpan.Years(from, to, span == 100 ? DatePrecision.Range : DatePrecision.Decade));
    }

    /// <summary>"the 19th century", "the nineteenth century", "the twenty-first century", "the 5th century BC".</summary>
    private Phrase? Century(int i, string? part)
    {
        if (i >= t.Count)
        {
            return null;
        }

        int ordinal;
        var j = i + 1;
        if (t[i] is { Kind: DateTokenKind.Number, Shape: NumberShape.Ordinal, Value: >= 1 and <= 21 } number)
        {
            ordinal = number.Value;
        }
        else if (t[i].Kind == DateTokenKind.Word && Array.IndexOf(OrdinalWords, t[i].Lower) is > 0 and var index)
        {
            ordinal = index;
        }
        else if (Word(i, "twenty") && Dash(i + 1) && Word(i + 2, "first"))
        {
            ordinal = 21;
            j = i + 3;
        }
        else
        {
            return null;
        }

        if (!Word(j, "century"))
        {
            return null;
        }

        j++;
        var bc = false;
        if (Era(j) is { Bc: true } era)
        {
            bc = true;
            j = era.End;
        }

        var (first, last) = bc ? (1 - (100 * ordinal), -100 * (ordinal - 1)) : ((100 * (ordinal - 1)) + 1, 100 * ordinal);
        var (from, to) = Thirds(first, last, part);
        return new Phrase(j, CalendarSpan.Years(from, to, DatePrecision.Range));
    }

    /// <summary>A year, "c. 1950", or a span of years: "1960-64", "1964–65", "1962/63", "1958-1964".</summary>
    private Phrase? Years(int i)
    {
        var j = i;
        if ((Word(j, "c") || Word(j, "ca") || Word(j, "circa")) && (Punct(j + 1, '.') ? j + 2 : j + 1) is var after && YearAt(after) is not null)
        {
            j = after;
        }

        if (YearAt(j) is not { } year)
        {
            return null;
        }

        if ((Dash(year.End) || Punct(year.End, '/')) && year.End + 1 < t.Count && t[year.End + 1] is { Kind: DateTokenKind.Number, Shape: NumberShape.Plain } next)
        {
            var last = next.Digits switch
            {
                2 => (year.Year / 100 * 100) + next.Value + (next.Value <= year.Year % 100 ? 100 : 0),
                4 when YearAt(year.End + 1) is not null => next.Value,
                _ => 0,
            };
            if (last > year.Year && last - year.Year < 100)
            {
                return new Phrase(year.End + 2, CalendarSpan.Years(year.Year, last, DatePrecision.Range));
            }
        }

        return new Phrase(year.End, CalendarSpan.Year(year.Year));
    }

    /// <summary>A year: four digits from 1000 to 2100 that are not a quantity or a label, or 1 to 4 digits with an era ("44 BC", "AD 800").</summary>
    private (int End, int Year)? YearAt(int i)
    {
        if (i >= t.Count)
        {
            return null;
        }

        if (Era(i) is { Bc: false } before && before.End < t.Count && t[before.End] is { Kind: DateTokenKind.Number, Shape: NumberShape.Plain, Digits: >= 1 and <= 4, Value: >= 1 } afterEra)
        {
            return (before.End + 1, afterEra.Value);
        }

        if (t[i] is not { Kind: DateTokenKind.Number, Shape: NumberShape.Plain, Digits: >= 1 and <= 4 } number)
        {
            return null;
        }

        if (Era(i + 1) is { } era && number.Value >= 1)
        {
            return (era.End, era.Bc ? 1 - number.Value : number.Value);
        }

        if (number.Digits != 4 || number.Value is < 1000 or > 2100)
        {
            return null;
        }

        var next = i + 1 < t.Count ? t[i + 1] : default;
        if (next.IsPunctuation('%') || (next.Kind == DateTokenKind.Word && Quantities.Contains(next.Lower)))
        {
            return null;
        }

        var previous = i > 0 ? t[i - 1] : default;
        if (previous.Kind == DateTokenKind.Punctuation && previous.Lower is "$" or "£" or "€" or "¥" or "#" or "№" or "¶")
        {
            return null;
        }

        var label = previous.IsPunctuation('.') && i > 1 ? t[i - 2] : previous;
        return label.Kind == DateTokenKind.Word && Labels.Contains(label.Lower) ? null : (i + 1, number.Value);
    }

    /// <summary>BC, BCE, B.C., AD, CE, A.D. (capitalised).</summary>
    private (int End, bool Bc)? Era(int i)
    {
        if (i >= t.Count || t[i].Kind != DateTokenKind.Word || !t[i].Capitalized)
        {
            return null;
        }

        var end = i + 1;
        bool bc;
        switch (t[i].Lower)
        {
            case "bc" or "bce":
                bc = true;
                break;
            case "ad" or "ce":
                bc = false;
                break;
            case "b" or "a" when Punct(i + 1, '.') && (Word(i + 2, t[i].Lower == "b" ? "c" : "d")):
                bc = t[i].Lower == "b";
                end = i + 3;
                break;
            default:
                return null;
        }

        return (Punct(end, '.') && t[i].Lower.Length == 1 ? end + 1 : end, bc);
    }

    private (int End, int Month)? MonthAt(int i)
    {
        if (i >= t.Count || t[i].Kind != DateTokenKind.Word || !t[i].Capitalized || !Months.TryGetValue(t[i].Lower, out var month))
        {
            return null;
        }

        return (Punct(i + 1, '.') && t[i].Lower.Length <= 4 ? i + 2 : i + 1, month);
    }

    private int? DayNumber(int i)
        => i < t.Count && t[i] is { Kind: DateTokenKind.Number, Shape: NumberShape.Plain or NumberShape.Ordinal, Digits: <= 2, Value: >= 1 and <= 31 } day ? day.Value : null;

    /// <summary>Whether the date phrase at <paramref name="i"/> follows a word that makes it a bound ("since 1920", "before the 1950s", "prior to 1950").</summary>
    private bool Bounded(int i)
    {
        var j = i - 1;
        if (Word(j, "the"))
        {
            j--;
        }

        if (j < 0 || t[j].Kind != DateTokenKind.Word)
        {
            return false;
        }

        return Bounds.Contains(t[j].Lower)
            || (t[j].Lower == "to" && (Word(j - 1, "prior") || Word(j - 1, "up")))
            || (t[j].Lower == "of" && Word(j - 1, "as"));
    }

    private static bool Valid(int year, int month, int day) => month is >= 1 and <= 12 && day >= 1 && day <= CalendarDay.DaysIn(year, month);

    private static (int From, int To) Thirds(int first, int last, string? part)
    {
        var length = last - first + 1;
        return part switch
        {
            "early" => (first, first + (length * 4 / 10) - 1),
            "mid" => (first + (length * 4 / 10), first + (length * 7 / 10) - 1),
            "late" => (first + (length * 7 / 10), last),
            _ => (first, last),
        };
    }
}
