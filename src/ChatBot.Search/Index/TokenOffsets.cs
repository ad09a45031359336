namespace ChatBot.Search.Index;

/// <summary>
/// Where a passage's tokens stand in its text, stored with the passage so that answering never analyzes a
/// passage again: per token the gap from the previous token's end and its length, as varints (about two bytes
/// a token). A token's term is its surface analyzed alone (remembered per distinct surface), which is what the
/// analyzer made of it in place: the offsets already leave out possessives and cut joined words apart.
/// </summary>
public static class TokenOffsets
{
    public static byte[] Encode(IReadOnlyList<AnalyzedToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var buffer = new byte[(tokens.Count * 10) + 1];
        var length = 0;
        var previousEnd = 0;
        foreach (var token in tokens)
        {
            length = Write(buffer, length, (uint)Math.Max(0, token.Start - previousEnd));
            length = Write(buffer, length, (uint)(token.End - token.Start));
            previousEnd = token.End;
        }

        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>The tokens of <paramref name="text"/>: from <paramref name="offsets"/> when stored, else by analyzing it.</summary>
    public static List<AnalyzedToken> Decode(string text, byte[]? offsets)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (offsets is null)
        {
            return TextAnalysis.Analyze(text);
        }

        var tokens = new List<AnalyzedToken>(offsets.Length / 2);
        var position = 0;
        var previousEnd = 0;
        while (position < offsets.Length)
        {
            var start = previousEnd + (int)Read(offsets, ref position);
            var end = start + (int)Read(offsets, ref position);
            if (end > text.Length || start < 0)
            {
                // Offsets that do not fit the text are not this text's: analyze it instead.
                return TextAnalysis.Analyze(text);
            }

            if (TextAnalysis.TermOfSurface(text.AsSpan(start, end - start)) is { } term)
            {
                tokens.Add(new AnalyzedToken(start, end, term));
            }

            previousEnd = end;
        }

        return tokens;
    }

    private static int Write(byte[] buffer, int position, uint value)
    {
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        return position;
    }

    private static uint Read(byte[] blob, ref int position)
    {
        uint value = 0;
        var shift = 0;
        while (position < blob.Length && shift < 35)
        {
            var b = blob[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        return value;
    }
}
