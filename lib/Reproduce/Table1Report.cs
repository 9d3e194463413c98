using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.IO;
using Dino.Repro.Reporting;

namespace Dino.Repro.Reproduce;

/// <summary>Writes a Table 1 reproduction's folder: index.html (self-contained), results.json, table.md and the PNGs.</summary>
public static class Table1Report
{
    /// <summary>What the report says about how the numbers were made.</summary>
    public sealed record Context(string Preset, int Resolution, int ShapesCount, int TestPairs, ShapesSegmenter Segmenter,
        SegmenterOptions SegmenterOptions, bool CpbdUpscaled, IReadOnlyList<(string method, string runDirectory)> Runs);

    public const string SampleGridFile = "samples.png";
    public const string CurvesFile = "curves.png";

    /// <summary>The comparison with the kit's FID cells saying why they are empty instead of an em dash.</summary>
    public static Table Displayed(PaperVsKitTable comparison)
    {
        var source = comparison.ToTable();
        var table = new Table(source.Caption, source.Columns.ToArray()) { NumberFormat = source.NumberFormat };
        var fid = source.Columns.ToList().IndexOf("FID (kit)");
        foreach (var row in source.Rows)
            table.AddRow(row.Select((cell, c) => c == fid && cell is null ? Table1Metrics.FidUnavailable : cell).ToArray());
        return table;
    }

    public static void Write(Reproduction r, Context context)
    {
        AtomicFile.WriteAllBytes(Path.Combine(r.Folder, SampleGridFile), r.SampleGrid.Bytes);
        r.Curves.SavePng(Path.Combine(r.Folder, CurvesFile));
        AtomicFile.WriteAllText(r.TableMarkdown, r.Table.ToMarkdown() + "\n" + string.Join("\n", Notes(context).Select(n => "- " + n)) + "\n");
        AtomicFile.WriteAllText(r.ResultsJson, Results(r, context).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Html(r, context).Save(r.IndexHtml);
    }

    private static IEnumerable<string> Notes(Context c)
    {
        yield return $"Kit numbers: the embedded Shapes corpus ({c.ShapesCount} pairs, {c.TestPairs} test pairs) at {c.Resolution}², preset {c.Preset}; " +
            "the paper's: CelebAMask-HQ at 256² after 200 epochs. Compare the kit's methods with each other, not with the paper.";
        yield return $"FID: {Table1Metrics.FidUnavailable} — not computed on this offline machine.";
        yield return $"Pixel accuracy and mIoU come from a segmenter the kit trained on real Shapes pairs ({c.SegmenterOptions.Steps} steps); " +
            "on the real test photos (the Ground Truth row) it scores as shown, which bounds what a translation can reach.";
        yield return "PSNR, SSIM (mean over RGB, data range 255) and CPBD (Pillow grey) on 8-bit images; means over the test split. The ground truth's PSNR is infinite and left blank, as in the paper.";
        if (c.CpbdUpscaled) yield return $"CPBD at {c.Resolution}²: images smaller than CPBD's 64² block are pixel-replicated to fit one, and CPBD then saturates near 1: it says nothing at this size (use --preset cpu, 64²).";
        yield return "Paper's Ground Truth row: the text extraction dropped a cell; it is read as PSNR —, SSIM 1.00, CPBD 0.54, FID —.";
    }

    private static JsonObject Results(Reproduction r, Context c)
    {
        JsonObject Row(IReadOnlyDictionary<string, double?> values)
        {
            var o = new JsonObject();
            foreach (var key in Table1Metrics.Keys) o[key] = values.GetValueOrDefault(key) is { } v && double.IsFinite(v) ? v : null;
            return o;
        }
        var methods = new JsonObject();
        foreach (var row in r.Rows) methods[row.Method] = Row(row.Values);
        var paper = new JsonObject();
        foreach (var (method, values) in PaperTable1.Rows)
            paper[method] = new JsonObject(Table1Metrics.Headers.Select((h, i) => KeyValuePair.Create(h, (JsonNode?)(values[i] is { } v ? JsonValue.Create(v) : null))));
        var runs = new JsonObject();
        foreach (var (method, dir) in c.Runs) runs[method] = dir;
        var groundTruth = r.Rows.Single(x => x.Method == PaperTable1.GroundTruth).Values;
        return new JsonObject
        {
            ["table"] = DinoTable1.TableName,
            ["preset"] = c.Preset,
            ["corpus"] = new JsonObject { ["name"] = "shapes", ["pairs"] = c.ShapesCount, ["test_pairs"] = c.TestPairs, ["resolution"] = c.Resolution },
            ["metrics"] = new JsonArray(Table1Metrics.Keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
            ["methods"] = methods,
            ["fid"] = Table1Metrics.FidUnavailable,
            ["segmenter"] = new JsonObject
            {
                ["steps"] = c.SegmenterOptions.Steps,
                ["cache_file"] = c.Segmenter.CacheFile,
                ["from_cache"] = c.Segmenter.FromCache,
                ["real_test_pixel_accuracy"] = groundTruth[Table1Metrics.PixelAccuracy],
                ["real_test_miou"] = groundTruth[Table1Metrics.MeanIou],
            },
            ["paper"] = paper,
            ["runs"] = runs,
            ["notes"] = new JsonArray(Notes(c).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
    }

    private static HtmlReport Html(Reproduction r, Context c)
    {
        var report = new HtmlReport($"DINO Table 1 on the embedded Shapes corpus (preset {c.Preset})")
            .Paragraph("Vougioukas et al., “DINO: A Conditional Energy-Based GAN for Domain Translation”, ICLR 2021, Table 1: " +
                "segmentation map → photo, the paper's numbers beside the kit's.")
            .Add(r.Table);
        foreach (var note in Notes(c)) report.Paragraph(note);
        report.Heading("Samples")
            .Paragraph("Columns: condition | ground truth | " + string.Join(" | ", r.Rows.Skip(1).Select(x => x.Method)) + " (first test pairs).")
            .ImageGrid([("condition | ground truth | " + string.Join(" | ", r.Rows.Skip(1).Select(x => x.Method)), r.SampleGrid.Bytes)], columns: 1)
            .Heading("Training curves")
            .Add(r.Curves)
            .Heading("Runs");
        foreach (var (method, dir) in c.Runs) report.Paragraph($"{method}: {dir}");
        return report;
    }
}
