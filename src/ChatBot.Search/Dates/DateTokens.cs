namespace ChatBot.Search.Dates;

internal enum DateTokenKind
{
    Word,
    Number,
    Punctuation,
}

/// <summary>What a number token looks like: a plain number, an ordinal ("4th"), a decade ("1950s", "1950's"), or anything else ("5.7", "1,964", "12km").</summary>
internal enum NumberShape
{
    None,
    Plain,
    Ordinal,
    Decade,
    Other,
}

/// <summary>
/// A token for date reading: a word (letters, lowercase in <see cref="Lower"/>), a number (its value when it has at
/// most six digits, else -1) or one punctuation character; <see cref="Start"/> and <see cref="End"/> are where it
/// stands in the text.
/// </summary>
internal readonly record struct DateToken(DateTokenKind Kind, int Start, int End, string Lower, int Value, int Digits, NumberShape Shape, bool Capitalized)
{
    public bool IsWord(string word) => Kind == DateTokenKind.Word && Lower == word;

    public bool IsPunctuation(char c) => Kind == DateTokenKind.Punctuation && Lower.Length == 1 && Lower[0] == c;

    public bool IsDash => Kind == DateTokenKind.Punctuation && Lower is "-" or "–" or "—";
}

/// <summary>Cuts text into <see cref="DateToken"/>s in one pass; linear in the text's length whatever it holds.</summary>
internal static class DateTokens
{
    public static List<DateToken> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<DateToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                i = ReadNumber(text, i, tokens);
            }
            else if (IsWordChar(c))
            {
                var j = i + 1;
                var hasDigit = false;
                while (j < text.Length && (IsWordChar(text[j]) || char.IsAsciiDigit(text[j])))
                {
                    hasDigit |= char.IsAsciiDigit(text[j]);
                    j++;
                }

                // A word with digits in it ("A1964", "B52") is a name, never part of a date: kept as a word nobody looks for.
                var lower = hasDigit ? "" : text[i..j].ToLowerInvariant();
                tokens.Add(new DateToken(DateTokenKind.Word, i, j, lower, -1, 0, NumberShape.None, char.IsUpper(c)));
                i = j;
            }
            else
            {
                var end = char.IsHighSurrogate(c) && i + 1 < text.Length ? i + 2 : i + 1;
                tokens.Add(new DateToken(DateTokenKind.Punctuation, i, end, text[i..end], -1, 0, NumberShape.None, false));
                i = end;
            }
        }

        return tokens;
    }

    private static int ReadNumber(string text, int start, List<DateToken> tokens)
    {
        var j = start;
        while (j < text.Length && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        var digits = j - start;
        var shape = NumberShape.Plain;
        if (j + 1 < text.Length && text[j] is ',' or '.' && char.IsAsciiDigit(text[j + 1]))
        {
            // "1,964" and "5.7" are quantities: everything up to the last digit group is one number.
            while (j < text.Length && (char.IsAsciiDigit(text[j]) || (text[j] is ',' or '.' && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1]))))
            {
                j++;
            }

            shape = NumberShape.Other;
        }
        else if (j < text.Length && IsWordChar(text[j]))
        {
            var k = j;
            while (k < text.Length && (IsWordChar(text[k]) || char.IsAsciiDigit(text[k])))
            {
                k++;
            }

            var suffix = text[j..k].ToLowerInvariant();
            shape = suffix switch
            {
                "st" or "nd" or "rd" or "th" => NumberShape.Ordinal,
                "s" => NumberShape.Decade,
                _ => NumberShape.Other,
            };
            j = k;
        }
        else if (text[j - 1] == '0' && j + 1 < text.Length && text[j] is '\'' or '’' && text[j + 1] is 's' or 'S' && (j + 2 == text.Length || !IsWordChar(text[j + 2])))
        {
            // "the 1950's"; "1964's election" is a possessive year and stays a plain number.
            shape = NumberShape.Decade;
            j += 2;
        }

        var value = digits <= 6 ? int.Parse(text.AsSpan(start, digits), System.Globalization.CultureInfo.InvariantCulture) : -1;
        tokens.Add(new DateToken(DateTokenKind.Number, start, j, "", value, digits, shape, false));
        return j;
    }

    private static bool IsWordChar(char c)
        => char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
