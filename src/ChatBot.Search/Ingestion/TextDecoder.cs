using System.Text;

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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
        try
        {
            if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                text = StrictUtf8.GetString(content[3..]);
            }
            else if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            {
                text = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true).GetString(content[2..]);
            }
            else if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                text = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true).GetString(content[2..]);
            }
            else
            {
                if (content.IndexOf((byte)0) >= 0)
                {
                    throw new SourceFormatException("the file is binary (it contains NUL bytes), not text");
                }

                text = StrictUtf8.GetString(content);
            }
        }
        catch (DecoderFallbackException)
        {
            throw new SourceFormatException("the file is not valid UTF-8 text; save it as UTF-8");
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

        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }
}
