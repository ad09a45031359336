using System.IO.Compression;
using System.Text;
using ChatBot.Search.Ingestion;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Ingestion;

public sealed class PdfSourceTests
{
    public static byte[] Article() => TestPdf.Article();

    [Fact]
    public void Read_TwoColumnArticle_ParagraphsInReadingOrderWithPageLocators()
    {
        var document = SourceReader.Read("article.pdf", Article());

        Assert.Equal("The Bolivian National Revolution", document.Metadata.Title);
        Assert.Equal("A. Historian", document.Metadata.Author);
        Assert.Collection(
            document.Passages,
            p => Assert.Equal(("p. 1 ¶ 1", "The tin mines of Bolivia were nationalised in 1952, when the miners' unions backed the new government.", 1), (p.Locator, p.Text, p.Page)),
            p => Assert.Equal(("p. 1 ¶ 2", "Historians still debate the legacy of the revolution, which gave the vote to every adult.", 1), (p.Locator, p.Text, p.Page)),
            p => Assert.Equal(
                ("pp. 1–2 ¶ 3", "In the right column the land reform of 1953 begins, breaking up the great estates of the highlands and giving the land to the peasants who worked it.", 1),
                (p.Locator, p.Text, p.Page)),
            p => Assert.Equal(("p. 2 ¶ 1", "Paz Estenssoro was overthrown by the army in 1964.", 2), (p.Locator, p.Text, p.Page)));
    }

    [Fact]
    public void Read_RunningHeadersAndPageNumbers_AreNotPassages()
    {
        var document = SourceReader.Read("article.pdf", Article());

        Assert.DoesNotContain(document.Passages, p => p.Text.Contains("Journal of Andean History", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Passages, p => p.Text.Trim() is "1" or "2");
    }

    [Fact]
    public void Read_LongParagraph_PiecesKeepTheirPages()
    {
        var sentence = "The junta ruled the country by decree for two years and promised elections that came late.";
        List<string> left = [.. Enumerable.Repeat(sentence, 12), "while the unions waited"];
        var pdf = TestPdf.Create([new TestPdfPage(left), new TestPdfPage(["and the last line ends the paragraph on the second page."])]);

        var passages = SourceReader.Read("long.pdf", pdf, options: new SegmenterOptions(400)).Passages;

        Assert.True(passages.Count >= 3);
        Assert.StartsWith("p. 1 ¶ 1 (1/", passages[0].Locator, StringComparison.Ordinal);
        Assert.StartsWith("pp. 1–2 ¶ 1 (", passages[^1].Locator, StringComparison.Ordinal);
        Assert.EndsWith("on the second page.", passages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OnlyImages_RefusedAsNoTextLayer()
    {
        var pdf = TestPdf.Create([new TestPdfPage([], ImageOnly: true), new TestPdfPage([], ImageOnly: true)]);

        var error = Assert.Throws<SourceFormatException>(() => SourceReader.Read("scan.pdf", pdf));

        Assert.Equal("no text layer: OCR is not supported", error.Message);
    }

    [Fact]
    public void Read_PasswordProtected_RefusedAsEncrypted()
    {
        var pdf = TestPdf.WithUserPassword(Article(), "secret");

        var error = Assert.Throws<SourceFormatException>(() => SourceReader.Read("locked.pdf", pdf));

        Assert.StartsWith("encrypted:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%PDF-1.7\n")]
    [InlineData("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")]
    [InlineData("%PDF-1.4\n1 0 obj << /Length 99999 >>\nstream\nBT /F1 12 Tf (x) Tj ET\nendstream endobj\n%%EOF")]
    public void Read_Malformed_RefusedNamingThePdf(string content)
    {
        var error = Assert.Throws<SourceFormatException>(() => SourceReader.Read("broken.pdf", Encoding.ASCII.GetBytes(content)));

        Assert.Contains("PDF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StreamThatInflatesPastTheBudget_RefusedBeforeParsing()
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < (PdfStreamBudget.MaxDecodedBytes / zeros.Length) + 8; i++)
            {
                zlib.Write(zeros);
            }
        }

        var head = Encoding.ASCII.GetBytes($"%PDF-1.4\n4 0 obj << /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n");
        var tail = Encoding.ASCII.GetBytes("\nendstream\nendobj\n%%EOF\n");
        byte[] pdf = [.. head, .. compressed.ToArray(), .. tail];

        var error = Assert.Throws<SourceFormatException>(() => SourceReader.Read("bomb.pdf", pdf));

        Assert.Contains("expand to more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectFormat_PdfHeader_IsPdfWhateverTheName()
        => Assert.Equal(SourceFormat.Pdf, SourceReader.DetectFormat("notes.txt", TestPdf.Create([new TestPdfPage(["One line of text."])])));
}
