namespace ChatBot.Search.Store;

/// <summary>
/// A passage's terms as a blob: its distinct vocabulary ids in ascending order, each with its count, as varints
/// (id as the gap from the previous id, then the count). About two bytes a term.
/// </summary>
public static class TermVector
{
    /// <summary>Encodes term ids given in any order, repeats counted.</summary>
    public static byte[] Encode(Span<int> termIds)
    {
        termIds.Sort();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((termIds.Length * 10) + 1);
        var length = 0;
        var previous = 0;
        for (var i = 0; i < termIds.Length;)
        {
            var j = i + 1;
            while (j < termIds.Length && termIds[j] == termIds[i])
            {
                j++;
            }

            length = WriteVarint(buffer, length, (uint)(termIds[i] - previous));
            length = WriteVarint(buffer, length, (uint)(j - i));
            previous = termIds[i];
            i = j;
        }

        var vector = buffer.AsSpan(0, length).ToArray();
        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        return vector;
    }

    /// <summary>Appends the (id, count) pairs of <paramref name="blob"/> to the lists.</summary>
    public static void Decode(ReadOnlySpan<byte> blob, List<int> termIds, List<ushort> counts)
    {
        var position = 0;
        var previous = 0;
        while (position < blob.Length)
        {
            previous += (int)ReadVarint(blob, ref position);
            var count = ReadVarint(blob, ref position);
            termIds.Add(previous);
            counts.Add((ushort)Math.Min(count, ushort.MaxValue));
        }
    }

    private static int WriteVarint(byte[] buffer, int position, uint value)
    {
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        return position;
    }

    private static uint ReadVarint(ReadOnlySpan<byte> blob, ref int position)
    {
        uint value = 0;
        var shift = 0;
        while (position < blob.Length)
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
