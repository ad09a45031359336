using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Search.Index;

/// <summary>
/// Gives words of the shapes history texts are full of one form each, after the possessive filter:
/// thousands separators go ("1,000" is "1000"), acronym periods go ("U.S." is "US"), a decade loses its "s"
/// ("1960s" is "1960") and curly apostrophes become straight ones. A possessive's offsets end before the
/// "'s", so a highlight covers the name alone. Numbers are marked as keywords: the stemmer leaves them be. Words
/// that Unicode's rules join with a colon or a period ("title:coup", "end.Start", but not "U.S.") are split, so
/// no word carries query syntax or two words into the index.
/// </summary>
public sealed class WordShapeFilter : TokenFilter
{
    private readonly ICharTermAttribute term;
    private readonly IOffsetAttribute offset;
    private readonly IKeywordAttribute keyword;
    private readonly IPositionIncrementAttribute position;
    private readonly Queue<(string Text, int Start, int End)> pending = new();
    private State? pendingState;

    public WordShapeFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        offset = AddAttribute<IOffsetAttribute>();
        keyword = AddAttribute<IKeywordAttribute>();
        position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pending.TryDequeue(out var part))
        {
            RestoreState(pendingState);
            term.SetEmpty().Append(part.Text);
            offset.SetOffset(part.Start, part.End);
            position.PositionIncrement = 1;
            term.Length = Word(term.Buffer, term.Length);
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = term.Buffer;
        var length = term.Length;

        // EnglishPossessiveFilter took "'s" off the term but not off the offsets.
        if (offset.EndOffset - offset.StartOffset == length + 2)
        {
            offset.SetOffset(offset.StartOffset, offset.EndOffset - 2);
        }

        if (length == 0)
        {
            return true;
        }

        if (char.IsDigit(buffer[0]))
        {
            length = Number(buffer, length);
            keyword.IsKeyword = true;
        }
        else if (!IsLetterAcronym(buffer, length) && Split(buffer, length))
        {
            return true;
        }
        else
        {
            length = Word(buffer, length);
        }

        term.Length = length;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        pending.Clear();
        pendingState = null;
    }

    /// <summary>Cuts a word joined by colons or periods into its parts: the first now, the rest queued.</summary>
    private bool Split(char[] buffer, int length)
    {
        if (buffer.AsSpan(0, length).IndexOfAny(Joiners) < 0 || offset.EndOffset - offset.StartOffset != length)
        {
            return false;
        }

        var start = offset.StartOffset;
        var parts = new List<(string Text, int Start, int End)>();
        var from = 0;
        for (var i = 0; i <= length; i++)
        {
            if (i == length || Joiners.Contains(buffer[i]))
            {
                if (i > from)
                {
                    parts.Add((new string(buffer, from, i - from), start + from, start + i));
                }

                from = i + 1;
            }
        }

        if (parts.Count == 0)
        {
            return false;
        }

        pendingState = CaptureState();
        foreach (var part in parts.Skip(1))
        {
            pending.Enqueue(part);
        }

        term.SetEmpty().Append(parts[0].Text);
        offset.SetOffset(parts[0].Start, parts[0].End);
        term.Length = Word(term.Buffer, term.Length);
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> Joiners = System.Buffers.SearchValues.Create(":.\u00B7\u0387\u2027\uFE13\uFE52\uFE55\uFF0E\uFF1A");

    /// <summary>"1,000" → "1000" (only proper groups of three); "1960s" → "1960"; a decimal point stays.</summary>
    private static int Number(char[] buffer, int length)
    {
        if (Array.IndexOf(buffer, ',', 0, length) >= 0 && IsGrouped(buffer, length))
        {
            var kept = 0;
            for (var i = 0; i < length; i++)
            {
                if (buffer[i] != ',')
                {
                    buffer[kept++] = buffer[i];
                }
            }

            length = kept;
        }

        return length > 1 && buffer[length - 1] is 's' or 'S' && char.IsDigit(buffer[length - 2]) ? length - 1 : length;
    }

    private static bool IsGrouped(char[] buffer, int length)
    {
        var firstComma = Array.IndexOf(buffer, ',', 0, length);
        if (firstComma is 0 or > 3)
        {
            return false;
        }

        var digits = 0;
        for (var i = firstComma + 1; i < length; i++)
        {
            if (buffer[i] == ',')
            {
                if (digits != 3)
                {
                    return false;
                }

                digits = 0;
            }
            else if (char.IsDigit(buffer[i]))
            {
                digits++;
            }
            else
            {
                // "1,000.5" or "1,000s": the rest after the last group.
                return digits == 3 && Array.IndexOf(buffer, ',', i, length - i) < 0;
            }
        }

        return digits == 3;
    }

    /// <summary>"U.S" → "US" for single letters joined by periods; curly apostrophes → "'".</summary>
    private static int Word(char[] buffer, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (buffer[i] is '\u2019' or '\u02BC' or '\uFF07')
            {
                buffer[i] = '\'';
            }
        }

        if (length >= 3 && buffer[1] == '.' && IsLetterAcronym(buffer, length))
        {
            var kept = 0;
            for (var i = 0; i < length; i++)
            {
                if (buffer[i] != '.')
                {
                    buffer[kept++] = buffer[i];
                }
            }

            return kept;
        }

        return length;
    }

    private static bool IsLetterAcronym(char[] buffer, int length)
    {
        for (var i = 0; i < length; i++)
        {
            var expectLetter = i % 2 == 0;
            if (expectLetter ? !char.IsLetter(buffer[i]) : buffer[i] != '.')
            {
                return false;
            }
        }

        return true;
    }
}
