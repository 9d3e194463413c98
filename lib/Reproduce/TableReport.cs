using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.IO;
using Dino.Repro.Reporting;

namespace Dino.Repro.Reproduce;

/// <summary>Writes an image-to-image table's reproduction folder: index.html (self-contained), results.json, table.md and the PNGs.</summary>
public static class TableReport
{
    /// <summary>What the report says about how the numbers were made; <paramref name="Segmenter"/> is null where none is available.</summary>
    public sealed record Context(ImageToImageTable Table, string Preset, int Resolution, EvaluationCorpus Corpus, int TestPairs, ShapesSegmenter? Segmenter,
        SegmenterOptions SegmenterOptions, bool CpbdUpscaled, IReadOnlyList<(string method, string runDirectory)> Runs)
    {
        /// <summary>What the segmentation cells say when no segmenter scored them.</summary>
        public string SegmentationUnavailable => Corpus.SegmenterMissing ?? "n/a";
    }

    public const string SampleGridFile = "samples.png";
    public const string CurvesFile = "curves.png";

    /// <summary>The comparison with the kit's empty FID (and, without a segmenter, segmentation) cells saying why instead of an em dash.</summary>
    public static Table Displayed(PaperVsKitTable comparison, Context context)
    {
        var source = comparison.ToTable();
        var table = new Table(source.Caption, source.Columns.ToArray()) { NumberFormat = source.NumberFormat };
        var columns = source.Columns.ToList();
        var why = new Dictionary<int, string> { [columns.IndexOf("FID (kit)")] = Table1Metrics.FidUnavailable };
        if (context.Segmenter is null)
            foreach (var header in new[] { "Pix. Acc. % (kit)", "mIoU % (kit)" }) why[columns.IndexOf(header)] = context.SegmentationUnavailable;
        foreach (var row in source.Rows)
            table.AddRow(row.Select((cell, c) => cell is null && why.TryGetValue(c, out var reason) ? reason : cell).ToArray());
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
        var embedded = c.Corpus.Name != EvaluationCorpus.Cityscapes;
        yield return $"Kit numbers: the {(embedded ? "embedded " : "")}{c.Corpus.Name} corpus ({c.Corpus.Pairs} pairs, {c.TestPairs} test pairs) at {c.Resolution}², preset {c.Preset}; " +
            $"the paper's: {c.Table.PaperSetting}." + (embedded ? " Compare the kit's methods with each other, not with the paper." : "");
        yield return $"FID: {Table1Metrics.FidUnavailable} — not computed on this offline machine.";
        if (c.Segmenter is null)
            yield return $"Pixel accuracy and mIoU: {c.SegmentationUnavailable}.";
        else
            yield return $"Pixel accuracy and mIoU come from a segmenter the kit trained on real {c.Corpus.Name} pairs ({c.SegmenterOptions.Steps} steps); " +
                "on the real test photos (the Ground Truth row) it scores as shown, which bounds what a translation can reach.";
        yield return "PSNR, SSIM (mean over RGB, data range 255) and CPBD (Pillow grey) on 8-bit images; means over the test split. The ground truth's PSNR is infinite and left blank, as in the paper.";
        if (c.CpbdUpscaled) yield return $"CPBD at {c.Resolution}²: images smaller than CPBD's 64² block are pixel-replicated to fit one, and CPBD then saturates near 1: it says nothing at this size (use --preset cpu, 64²).";
        foreach (var note in c.Table.Notes) yield return note;
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
        foreach (var (method, values) in c.Table.PaperRows)
            paper[method] = new JsonObject(Table1Metrics.Headers.Select((h, i) => KeyValuePair.Create(h, (JsonNode?)(values[i] is { } v ? JsonValue.Create(v) : null))));
        var runs = new JsonObject();
        foreach (var (method, dir) in c.Runs) runs[method] = dir;
        var groundTruth = r.Rows.Single(x => x.Method == PaperTable1.GroundTruth).Values;
        return new JsonObject
        {
            ["table"] = c.Table.Name,
            ["preset"] = c.Preset,
            ["corpus"] = new JsonObject { ["name"] = c.Corpus.Name, ["pairs"] = c.Corpus.Pairs, ["test_pairs"] = c.TestPairs, ["resolution"] = c.Resolution },
            ["metrics"] = new JsonArray(Table1Metrics.Keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
            ["methods"] = methods,
            ["fid"] = Table1Metrics.FidUnavailable,
            ["segmenter"] = c.Segmenter is null ? JsonValue.Create(c.SegmentationUnavailable) : new JsonObject
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
        var columns = "condition | ground truth | " + string.Join(" | ", r.Rows.Skip(1).Select(x => x.Method));
        var report = new HtmlReport($"{c.Table.Title} on the {c.Corpus.Name} corpus (preset {c.Preset})")
            .Paragraph($"Vougioukas et al., “DINO: A Conditional Energy-Based GAN for Domain Translation”, ICLR 2021, {c.Table.Title}: " +
                "segmentation map → photo, the paper's numbers beside the kit's.")
            .Add(r.Table);
        foreach (var note in Notes(c)) report.Paragraph(note);
        report.Heading("Samples")
            .Paragraph($"Columns: {columns} (first test pairs).")
            .ImageGrid([(columns, r.SampleGrid.Bytes)], columns: 1)
            .Heading("Training curves")
            .Add(r.Curves)
            .Heading("Runs");
        foreach (var (method, dir) in c.Runs) report.Paragraph($"{method}: {dir}");
        return report;
    }
}
