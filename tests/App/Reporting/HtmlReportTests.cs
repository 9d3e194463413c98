using System.Text.RegularExpressions;
using Dino.Repro.App.Reporting;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reporting;

public class HtmlReportTests
{
    private static readonly byte[] Png = new RgbCanvas(4, 4, Rgb.Black).ToPng();
    private static readonly byte[] Wav = Convert.FromHexString(
        "524946462400000057415645666D7420100000000100010040" + "1F0000803E0000020010006461746100000000"
    );
    private static readonly byte[] Mp4 = Convert.FromHexString("000000186674797069736F6D0000020069736F6D6D703431");

    [Fact]
    public void Saved_report_is_self_contained_and_replaces_the_file_atomically()
    {
        using var folder = new Fixtures.TempFolder();
        var path = folder.File("report/index.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old report");

        new HtmlReport("Table 1 <reproduced>")
            .Heading("Scores")
            .Add(new Table("FID", "method", "FID").AddRow("pix2pix", 45.2))
            .Add(new LinePlot("loss").Add("G", new[] { 1.0, 0.5 }))
            .ImageGrid(new[] { ("sample 1", Png), ("sample 2", Png) }, columns: 2)
            .Audio("speech", Wav)
            .Video("clip", Mp4)
            .Link("run log", "runs/1/log.jsonl")
            .Save(path);

        var html = File.ReadAllText(path);
        Assert.Equal(new[] { "index.html" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName)); // no temp file left
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<title>Table 1 &lt;reproduced&gt;</title>", html);
        Assert.Contains("<td>pix2pix</td>", html);
        Assert.Equal(2 + 1, Regex.Matches(html, "<img src=\"data:image/png;base64,").Count); // two grid images and the plot's static fallback
        Assert.Contains("<audio controls src=\"data:audio/wav;base64,", html);
        Assert.Contains("<video controls src=\"data:video/mp4;base64,", html);
        Assert.Contains("href=\"runs/1/log.jsonl\"", html);
        // Nothing is fetched: no script loaded by src, and the markup (script bodies aside: plotly's code holds URL strings) has no remote src/href.
        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc=", RegexOptions.IgnoreCase), html);
        var markup = Regex.Replace(html, "(<script[^>]*>).*?</script>", "$1</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*\"(https?:)?//", RegexOptions.IgnoreCase), markup);
        if (PlotlyJs.IsAvailable)
            Assert.Single(Regex.Matches(html, Regex.Escape("plotly.js v4")));
    }

    [Fact]
    public void A_write_that_fails_leaves_the_old_file_whole_and_no_temp_file()
    {
        using var folder = new Fixtures.TempFolder();
        var path = folder.File("index.html");
        File.WriteAllText(path, "old report");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
            {
                stream.Write("<html>half a rep"u8);
                throw new IOException("disk full");
            }));
        Assert.Equal("old report", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Root));
    }

    [Fact]
    public void Embeds_make_data_uris_and_reject_bytes_of_another_type()
    {
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(Png), Embeds.PngDataUri(Png));
        Assert.Equal(Media.WavType, Media.Detect(Wav)!.MimeType);
        Assert.Equal(Media.Mp4Type, Media.Detect(Mp4)!.MimeType);
        Assert.Null(Media.Detect(new byte[] { 1, 2, 3 }));
        var e = Assert.Throws<ArgumentException>(() => Embeds.WavDataUri(Png));
        Assert.Contains("image/png", e.Message);
    }
}
