using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ChatBot.Testing;

/// <summary>
/// One page of a generated PDF: a running header and footer (a <c>{page}</c> in them becomes the page number),
/// the lines of a left and an optional right column ("" leaves a paragraph gap), or only an image.
/// </summary>
public sealed record TestPdfPage(IReadOnlyList<string> Left, IReadOnlyList<string>? Right = null, string? Header = null, string? Footer = null, bool ImageOnly = false);

/// <summary>PDFs for tests, written with PdfPig's builder: A4, Helvetica 10 pt on a 12 pt line pitch.</summary>
public static class TestPdf
{
    public const double LinePitch = 12;

    private const double Top = 760;

    // A 1×1 white PNG, for a page that holds only an image.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC");

    private const string ArticleHeader = "Journal of Andean History · Vol. 3";

    /// <summary>
    /// Two pages of two columns under a running header and a page-number footer, a word hyphenated at a line end,
    /// a paragraph that runs from the right column of page 1 onto page 2, then a page that is only a scanned image.
    /// </summary>
    public static byte[] Article() => Create(
        [
            new TestPdfPage(
                Left:
                [
                    "The tin mines of Bolivia were nationalised in 1952,",
                    "when the miners' unions backed the new government.",
                    "",
                    "Historians still debate the legacy of the revo-",
                    "lution, which gave the vote to every adult.",
                ],
                Right:
                [
                    "In the right column the land reform of 1953 begins,",
                    "breaking up the great estates of the highlands and",
                ],
                Header: ArticleHeader,
                Footer: "{page}"),
            new TestPdfPage(
                Left:
                [
                    "giving the land to the peasants who worked it.",
                    "",
                    "Paz Estenssoro was overthrown by the army in 1964.",
                ],
                Header: ArticleHeader,
                Footer: "{page}"),
            new TestPdfPage([], ImageOnly: true),
        ],
        title: "The Bolivian National Revolution",
        author: "A. Historian");

    public static byte[] Create(IReadOnlyList<TestPdfPage> pages, string? title = null, string? author = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var builder = new PdfDocumentBuilder();
        if (title is not null)
        {
            builder.DocumentInformation.Title = title;
        }

        if (author is not null)
        {
            builder.DocumentInformation.Author = author;
        }

        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 0; i < pages.Count; i++)
        {
            var spec = pages[i];
            var page = builder.AddPage(595, 842);
            if (spec.ImageOnly)
            {
                page.AddPng(Png, new PdfRectangle(50, 100, 545, 800));
                continue;
            }

            string Number(string text) => text.Replace("{page}", (i + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            if (spec.Header is not null)
            {
                page.AddText(Number(spec.Header), 9, new PdfPoint(50, 810), font);
            }

            if (spec.Footer is not null)
            {
                page.AddText(Number(spec.Footer), 9, new PdfPoint(280, 30), font);
            }

            Column(page, font, spec.Left, 50);
            if (spec.Right is not null)
            {
                Column(page, font, spec.Right, 310);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// <paramref name="pdf"/> protected with a user password (Standard security handler, revision 2): a reader
    /// without the password cannot open it. Only the trailer changes (the password check happens before anything
    /// is decrypted), so the xref offsets stay right.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "The PDF format's own key derivation (revision 2) is MD5; this writes a test file, it protects nothing.")]
    public static byte[] WithUserPassword(byte[] pdf, string password)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var text = Encoding.Latin1.GetString(pdf);
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = text.IndexOf("<<", trailer, StringComparison.Ordinal);
        var id = new byte[16];
        RandomNumberGenerator.Fill(id);
        const int permissions = -4;
        var owner = Rc4(MD5.HashData(Pad("owner-" + password))[..5], Pad(password));
        var key = MD5.HashData([.. Pad(password), .. owner, .. BitConverter.GetBytes(permissions), .. id])[..5];
        var user = Rc4(key, Pad(""));
        var encrypt = $" /Encrypt << /Filter /Standard /V 1 /R 2 /O <{Convert.ToHexString(owner)}> /U <{Convert.ToHexString(user)}> /P {permissions} >> /ID [<{Convert.ToHexString(id)}> <{Convert.ToHexString(id)}>]";
        text = text[..(open + 2)] + encrypt + text[(open + 2)..];
        return Encoding.Latin1.GetBytes(text);
    }

    private static void Column(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, IReadOnlyList<string> lines, double x)
    {
        var y = Top;
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                page.AddText(line, 10, new PdfPoint(x, y), font);
            }

            y -= LinePitch;
        }
    }

    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private static byte[] Pad(string password)
    {
        var bytes = Encoding.Latin1.GetBytes(password);
        return [.. bytes.Take(32), .. Padding.Take(32 - Math.Min(32, bytes.Length))];
    }

    private static byte[] Rc4(byte[] key, byte[] data)
    {
        var s = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }

        var output = new byte[data.Length];
        for (int n = 0, i = 0, j = 0; n < data.Length; n++)
        {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
            output[n] = (byte)(data[n] ^ s[(s[i] + s[j]) & 0xFF]);
        }

        return output;
    }
}
