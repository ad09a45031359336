using System.IO.Compression;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// Refuses a PDF whose compressed streams would inflate past a budget before PdfPig decodes any of them, since
/// PdfPig inflates a stream whole into memory: 10 MB of Flate data can hold 10 GB of zeros. Every stream that is
/// not an image (PdfPig leaves images encoded when reading text) is inflated here in a streaming pass that stops at
/// the budget, twice over when it holds another zlib stream.
/// </summary>
public static class PdfStreamBudget
{
    /// <summary>Decoded bytes of all non-image streams together, at most.</summary>
    public const long MaxDecodedBytes = 256L * 1024 * 1024;

    private const int DictionaryLookBack = 2048;

    /// <exception cref="SourceFormatException">The streams inflate past <see cref="MaxDecodedBytes"/>.</exception>
    public static void Check(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var span = pdf.AsSpan();
        var total = 0L;
        var buffer = new byte[81920];
        var at = 0;
        while (at < span.Length)
        {
            var found = span[at..].IndexOf("stream"u8);
            if (found < 0)
            {
                break;
            }

            var keyword = at + found;
            var data = keyword + 6;
            at = data;
            if ((keyword >= 3 && span[(keyword - 3)..keyword].SequenceEqual("end"u8)) || data >= span.Length)
            {
                continue;
            }

            data += span[data] == '\r' ? 1 : 0;
            if (data >= span.Length || span[data] != '\n' || IsImage(span, keyword))
            {
                continue;
            }

            data++;
            var end = span[data..].IndexOf("endstream"u8);
            var length = end < 0 ? span.Length - data : end;
            total += Inflated(pdf, data, length, buffer, MaxDecodedBytes - total);
            if (total > MaxDecodedBytes)
            {
                throw new SourceFormatException($"the PDF's compressed streams expand to more than {MaxDecodedBytes / (1024 * 1024)} MB");
            }

            at = data + length;
        }
    }

    /// <summary>Whether the dictionary before the stream keyword says it is an image.</summary>
    private static bool IsImage(ReadOnlySpan<byte> pdf, int keyword)
    {
        var from = Math.Max(0, keyword - DictionaryLookBack);
        var head = pdf[from..keyword];
        var obj = head.LastIndexOf(" obj"u8);
        head = obj >= 0 ? head[obj..] : head;
        return head.IndexOf("/Image"u8) >= 0 && head.IndexOf("/Subtype"u8) >= 0;
    }

    /// <summary>How many bytes the stream inflates to, counted up to just past <paramref name="budget"/>; 0 for one that is not zlib.</summary>
    private static long Inflated(byte[] pdf, int offset, int length, byte[] buffer, long budget)
    {
        if (length < 2 || !IsZlibHeader(pdf[offset], pdf[offset + 1]))
        {
            return 0;
        }

        var count = 0L;
        try
        {
            using var input = new MemoryStream(pdf, offset, length, writable: false);
            using var outer = new ZLibStream(input, CompressionMode.Decompress);
            var first = outer.ReadAtLeast(buffer, 2, throwOnEndOfStream: false);
            count += first;
            if (first >= 2 && IsZlibHeader(buffer[0], buffer[1]))
            {
                // Flate inside Flate: count what the inner stream inflates to as well.
                using var replay = new ConcatenatedStream(buffer.AsMemory(0, first).ToArray(), outer);
                using var inner = new ZLibStream(replay, CompressionMode.Decompress);
                count += Drain(inner, buffer, budget - count);
            }
            else
            {
                count += Drain(outer, buffer, budget - count);
            }
        }
        catch (InvalidDataException)
        {
            // A corrupt stream inflates no further; PdfPig decides what to make of it.
        }

        return count;
    }

    private static long Drain(Stream stream, byte[] buffer, long budget)
    {
        var count = 0L;
        int read;
        while (count <= budget && (read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            count += read;
        }

        return count;
    }

    private static bool IsZlibHeader(byte cmf, byte flags) => (cmf & 0x0F) == 8 && ((cmf << 8) | flags) % 31 == 0;

    /// <summary>Bytes already read, then the rest of a stream.</summary>
    private sealed class ConcatenatedStream(byte[] head, Stream tail) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position < head.Length)
            {
                var n = Math.Min(count, head.Length - position);
                Array.Copy(head, position, buffer, offset, n);
                position += n;
                return n;
            }

            return tail.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
