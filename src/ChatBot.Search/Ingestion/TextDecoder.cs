using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace ChatBot.Search.Ingestion;

/// <summary>Turns a file's bytes into text, refusing binary files and undecodable bytes with a clear message.</summary>
public static class TextDecoder
{
    private static readonly (byte[] Magic, string What)[] BinarySignatures =
    [
        ("%PDF"u8.ToArray(), "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (or a Word/OpenDocument file)"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ([0x1F, 0x8B], "a gzip archive"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an old Office document"),
        ("RIFF"u8.ToArray(), "a RIFF media file"),
        ([0x7F, 0x45, 0x4C, 0x46], "a program"),
        ("MZ"u8.ToArray(), "a program"),
        ("7z"u8.ToArray(), "a 7-Zip archive"),
        ("Rar!"u8.ToArray(), "a RAR archive"),
        ("SQLite format 3"u8.ToArray(), "an SQLite database"),
        ("OggS"u8.ToArray(), "an Ogg media file"),
        ("ID3"u8.ToArray(), "an MP3 file"),
    ];

    /// <summary>UTF-16 that replaces a lone surrogate or a stray odd byte with U+FFFD instead of throwing.</summary>
    private static readonly UnicodeEncoding Utf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);

    private static readonly UnicodeEncoding Utf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);

    /// <exception cref="SourceFormatException">The bytes are empty, binary or not valid text.</exception>
    public static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            throw new SourceFormatException("the file is empty");
        }

        foreach (var (magic, what) in BinarySignatures)
        {
            if (content.StartsWith(magic))
            {
                throw new SourceFormatException($"the file is {what}, not text");
            }
        }

        string text;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = DecodeUtf8(content[3..], byteOffset: 3);
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Utf16Le.GetString(content[2..]);
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Utf16Be.GetString(content[2..]);
        }
        else
        {
            if (content.IndexOf((byte)0) >= 0)
            {
                throw new SourceFormatException("the file is binary (it contains NUL bytes), not text");
            }

            text = DecodeUtf8(content, byteOffset: 0);
        }

        var control = 0;
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
            {
                control++;
            }
        }

        if (control > Math.Max(8, text.Length / 100))
        {
            throw new SourceFormatException("the file is binary (too many control characters), not text");
        }

        // A byte-order mark inside the text (files joined together) is not a character of it, and one left at
        // the start would hide front matter or a heading from the parsers.
        return text.Replace("\uFEFF", "", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    /// <summary>
    /// Strict UTF-8, except that a surrogate encoded on its own (ED A0..BF xx, as CESU-8 and Java's modified
    /// UTF-8 write them, or a lone surrogate from a buggy exporter) becomes U+FFFD: one odd character does not
    /// make a text unreadable, while bytes of another encoding (Latin-1) mean the whole file would be garbled.
    /// </summary>
    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, int byteOffset)
    {
        // Every UTF-8 sequence decodes to no more UTF-16 code units than it has bytes.
        var chars = new char[bytes.Length];
        int read = 0, written = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(bytes[read..], chars.AsSpan(written), out var consumed, out var produced, replaceInvalidSequences: false);
            read += consumed;
            written += produced;
            if (status == OperationStatus.Done)
            {
                return new string(chars, 0, written);
            }

            var rest = bytes[read..];
            if (rest.Length >= 3 && rest[0] == 0xED && rest[1] is >= 0xA0 and <= 0xBF && rest[2] is >= 0x80 and <= 0xBF)
            {
                chars[written++] = '\uFFFD';
                read += 3;
                continue;
            }

            throw new SourceFormatException(string.Create(
                CultureInfo.InvariantCulture, $"the file is not valid UTF-8 text (at byte {byteOffset + read + 1}); save it as UTF-8"));
        }
    }
}
