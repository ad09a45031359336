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
        var tokens = new List<AnalyzedToken>(offsets is null ? 16 : offsets.Length / 2);
        foreach (var token in Tokens(text, offsets))
        {
            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>
    /// The tokens of <paramref name="text"/> one at a time, without a list: from <paramref name="offsets"/> when
    /// stored and they fit the text, else by analyzing it.
    /// </summary>
    public static TokenEnumerator Tokens(string text, byte[]? offsets) => Tokens(text, offsets, TermInitials.Any);

    /// <summary>
    /// As <see cref="Tokens(string, byte[])"/>, but stored tokens that cannot be one of the terms whose
    /// <paramref name="initials"/> these are may be left out without their terms looked up (the lookup was most
    /// of a quote's cost); every token that is one of them comes.
    /// </summary>
    public static TokenEnumerator Tokens(string text, byte[]? offsets, TermInitials initials)
    {
        ArgumentNullException.ThrowIfNull(text);
        return offsets is not null && Fit(text, offsets) ? new TokenEnumerator(text, offsets, null, initials) : new TokenEnumerator(text, null, TextAnalysis.Analyze(text), initials);
    }

    /// <summary>Whether every stored token lies inside the text (offsets that do not are not this text's).</summary>
    private static bool Fit(string text, byte[] offsets)
    {
        var position = 0;
        var previousEnd = 0L;
        while (position < offsets.Length)
        {
            var start = previousEnd + Read(offsets, ref position);
            var end = start + Read(offsets, ref position);
            if (end > text.Length)
            {
                return false;
            }

            previousEnd = end;
        }

        return true;
    }

    /// <summary>Walks stored offsets (or an analyzed list); a token's term is its surface's, remembered per surface.</summary>
    public struct TokenEnumerator
    {
        private readonly string text;
        private readonly byte[]? offsets;
        private readonly List<AnalyzedToken>? analyzed;
        private readonly TermInitials initials;
        private int position;
        private int previousEnd;

        internal TokenEnumerator(string text, byte[]? offsets, List<AnalyzedToken>? analyzed, TermInitials initials)
        {
            this.text = text;
            this.offsets = offsets;
            this.analyzed = analyzed;
            this.initials = initials;
            position = analyzed is null ? 0 : -1;
        }

        public AnalyzedToken Current { get; private set; }

        public readonly TokenEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (analyzed is not null)
            {
                if (++position >= analyzed.Count)
                {
                    return false;
                }

                Current = analyzed[position];
                return true;
            }

            while (position < offsets!.Length)
            {
                var start = previousEnd + (int)Read(offsets, ref position);
                var end = start + (int)Read(offsets, ref position);
                previousEnd = end;
                var surface = text.AsSpan(start, end - start);
                if (initials.MayBeOne(surface) && TextAnalysis.TermOfSurface(surface) is { } term)
                {
                    Current = new AnalyzedToken(start, end, term);
                    return true;
                }
            }

            return false;
        }
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
