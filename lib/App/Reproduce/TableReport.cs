using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.IO;
using Dino.Repro.Models.Segmentation;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>Writes an image-to-image table's reproduction folder: index.html (self-contained), results.json, table.md and the PNGs.</summary>
public static class TableReport
{
    /// <summary>
    /// What the report says about how the numbers were made; <paramref name="Segmenter"/> and <paramref name="Inception"/>
    /// are null where their files are missing, and <paramref name="SegmenterMissing"/> / <paramref name="InceptionMissing"/> then say which script
    /// makes them.
    /// </summary>
    public sealed record Context(
        ImageToImageTable Table,
        Preset Preset,
        int Resolution,
        EvaluationCorpus Corpus,
        int TestPairs,
        ITranslationSegmenter? Segmenter,
        string? SegmenterMissing,
        FeatureExtractor? Inception,
        string? InceptionMissing,
        bool CpbdTooSmall,
        IReadOnlyList<(string method, string runDirectory)> Runs,
        IReadOnlyList<string> ResultNotes
    )
    {
        /// <summary>The rows over training seeds; null or one seed: single values, no spread.</summary>
        public SeedSpread? Spread { get; init; }

        /// <summary>True when the rows are means over several seeds.</summary>
        public bool SeveralSeeds => Spread is { Seeds.Count: > 1 };
    }

    /// <summary>What marks a kit cell whose mean ± sd overlaps the column's best (a difference inside the seed-to-seed spread).</summary>
    public const string WithinSpreadMark = "≈";

    public const string SampleGridFile = "samples.png";
    public const string CurvesFile = "curves.png";
    public const string BalanceCurvesFile = "balance.png";

    /// <summary>The comparison with the kit's unmeasured FID and segmentation cells saying why instead of an em dash.</summary>
    public static Table Displayed(PaperVsKitTable comparison, Context context)
    {
        var source = comparison.ToTable();
        var table = new Table(source.Caption, source.Columns.ToArray()) { NumberFormat = source.NumberFormat };
        var columns = source.Columns.ToList();
        // The cells stay short; the notes under the table say which file is missing and which script makes it.
        var why = new Dictionary<int, string>();
        if (context.Inception is null)
            why[columns.IndexOf("FID (kit)")] = Table1Metrics.NotAvailable;
        if (context.Segmenter is null)
            foreach (var header in new[] { "Pix. Acc. % (kit)", "mIoU % (kit)" })
                why[columns.IndexOf(header)] = Table1Metrics.NotAvailable;
        if (context.CpbdTooSmall && columns.IndexOf("CPBD (kit)") is var cpbd and >= 0)
            why[cpbd] = Table1Metrics.TooSmallForCpbd;
        foreach (var row in source.Rows)
        {
            var cells = row.Select((cell, c) => cell is null && why.TryGetValue(c, out var reason) ? reason : cell).ToArray();
            if (context.SeveralSeeds)
                WithSpread(cells, columns, context.Spread!, source.NumberFormat);
            table.AddRow(cells);
        }
        return table;
    }

    /// <summary>
    /// Rewrites a row's measured kit cells as "mean ± sd", marked <see cref="WithinSpreadMark"/> within the spread of the column's best.
    /// </summary>
    private static void WithSpread(object?[] cells, List<string> columns, SeedSpread spread, string format)
    {
        var method = (string)cells[0]!;
        var candidates = spread.Means.Select(r => r.Method).Where(m => m != PaperTable1.GroundTruth).ToList();
        for (var i = 0; i < Table1Metrics.Keys.Count; i++)
        {
            var column = columns.IndexOf($"{Table1Metrics.Headers[i]} (kit)");
            var key = Table1Metrics.Keys[i];
            if (column < 0 || spread.Get(method, key) is not { } value)
                continue;
            var scale = Table1Metrics.IsPercentage(key) ? 100 : 1;
            var text =
                $"{(value.Mean * scale).ToString(format, CultureInfo.InvariantCulture)} ± "
                + (value.StandardDeviation * scale).ToString(format, CultureInfo.InvariantCulture);
            var within =
                method != PaperTable1.GroundTruth
                && spread.Leader(key, candidates, Table1Metrics.LowerIsBetter(key)) is { } leader
                && leader.withinSpread.Contains(method);
            cells[column] = within ? $"{text} {WithinSpreadMark}" : text;
        }
    }

    public static void Write(Reproduction r, Context context)
    {
        AtomicFile.WriteAllBytes(Path.Combine(r.Folder, SampleGridFile), r.SampleGrid.Bytes);
        r.Curves?.SavePng(Path.Combine(r.Folder, CurvesFile));
        r.BalanceCurves?.SavePng(Path.Combine(r.Folder, BalanceCurvesFile));
        var markdown = r.Table.ToMarkdown() + "\n" + string.Join("\n", Notes(context).Select(n => "- " + n)) + "\n";
        if (r.Semantics is not null)
            markdown += "\n" + r.Semantics.ToMarkdown() + "\n" + string.Join("\n", SemanticsNotes(r).Select(n => "- " + n)) + "\n";
        AtomicFile.WriteAllText(r.TableMarkdown, markdown);
        AtomicFile.WriteAllText(r.ResultsJson, Results(r, context).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Html(r, context).Save(r.IndexHtml);
    }

    private static IEnumerable<string> Notes(Context c)
    {
        var embedded = c.Corpus.Embedded;
        yield return $"Kit numbers: the {(embedded ? "embedded " : "")}{c.Corpus.Name} corpus ({c.Corpus.Pairs} pairs, {c.TestPairs} test pairs) "
            + $"at {c.Resolution}², preset {c.Preset.Name()}; "
            + $"the paper's: {c.Table.PaperSetting}."
            + (embedded ? " Compare the kit's methods with each other, not with the paper." : "");
        yield return c.Inception is null
            ? $"FID: {Table1Metrics.Unavailable(c.InceptionMissing ?? "no Inception evaluator")}."
            : $"FID: Inception pool3 features ({c.Inception.Path}) of the translations against those of the {c.TestPairs} real test photos, both "
                + "as 8-bit images; "
                + "with fewer test images than feature dimensions (2048) the covariances are singular and FID is biased upwards, so compare rows, "
                + "not papers.";
        if (c.Segmenter is null)
            yield return $"Pixel accuracy and mIoU: {Table1Metrics.Unavailable(c.SegmenterMissing ?? "no segmenter")}.";
        else
            yield return $"Pixel accuracy and mIoU come from {c.Segmenter.Description}; on the real test photos (the Ground Truth row) it scores "
                + "as shown, "
                + "which bounds what a translation can reach.";
        yield return "PSNR, SSIM (mean over RGB, data range 255) and CPBD (Pillow grey) on 8-bit images; means over the test split. The ground "
            + "truth's PSNR is infinite and left blank, as in the paper.";
        if (c.CpbdTooSmall)
            yield return $"CPBD: {Table1Metrics.TooSmallForCpbd} — it judges 64×64 blocks, and the {c.Resolution}² images hold none "
                + "(`dino metric cpbd` refuses them too; --preset cpu scores at 64²).";
        if (c.SeveralSeeds)
            foreach (var note in SpreadNotes(c.Spread!))
                yield return note;
        foreach (var note in c.Table.Notes.Concat(c.ResultNotes))
            yield return note;
    }

    private static IEnumerable<string> SemanticsNotes(Reproduction r) =>
        SemanticsReport.Notes(
            r.Spread is { Seeds.Count: > 1 },
            r.Rows.Any(row => row.Values.GetValueOrDefault(SemanticBreakdown.BlurRobustMeanIou) is not null)
        );

    /// <summary>How the seeds were summarised, and per metric the best row and the rows within its spread.</summary>
    private static IEnumerable<string> SpreadNotes(SeedSpread spread)
    {
        yield return $"Each method was trained with {spread.Seeds.Count} seeds ({string.Join(", ", spread.Seeds)}; the corpus, test split and "
            + "segmenter are the same for all): cells are mean ± sample standard deviation over the seeds (n = "
            + $"{spread.Seeds.Count}). {WithinSpreadMark} marks a row whose mean ± sd overlaps the best row's in that column — a difference "
            + "inside the seed-to-seed spread, which this many seeds cannot call.";
        var candidates = spread.Means.Select(r => r.Method).Where(m => m != PaperTable1.GroundTruth).ToList();
        for (var i = 0; i < Table1Metrics.Keys.Count; i++)
        {
            var key = Table1Metrics.Keys[i];
            if (spread.Leader(key, candidates, Table1Metrics.LowerIsBetter(key)) is not { } leader)
                continue;
            var scale = Table1Metrics.IsPercentage(key) ? 100 : 1;
            var best = spread.Get(leader.best, key)!;
            var others =
                leader.withinSpread.Count == 0
                    ? "every other row is outside its spread"
                    : $"within its spread: {string.Join(", ", leader.withinSpread)}";
            yield return $"{Table1Metrics.Headers[i]}: best {leader.best} ({best.Mean * scale:0.00} ± {best.StandardDeviation * scale:0.00}); "
                + $"{others}.";
        }
    }

    private static JsonObject Results(Reproduction r, Context c)
    {
        JsonObject Row(IReadOnlyDictionary<string, double?> values)
        {
            var o = new JsonObject();
            foreach (var key in Table1Metrics.Keys)
                o[key] = values.GetValueOrDefault(key) is { } v && double.IsFinite(v) ? v : null;
            return o;
        }
        var methods = new JsonObject();
        foreach (var row in r.Rows)
            methods[row.Method] = Row(row.Values);
        var paper = new JsonObject();
        foreach (var (method, values) in c.Table.PaperRows)
            paper[method] = new JsonObject(
                Table1Metrics.Headers.Select((h, i) => KeyValuePair.Create(h, (JsonNode?)(values[i] is { } v ? JsonValue.Create(v) : null)))
            );
        var runs = new JsonObject();
        foreach (var (method, dir) in c.Runs)
            runs[method] = dir;
        var groundTruth = r.Rows.Single(x => x.Method == PaperTable1.GroundTruth).Values;
        return new JsonObject
        {
            ["table"] = c.Table.Name,
            ["preset"] = c.Preset.Name(),
            ["corpus"] = new JsonObject
            {
                ["name"] = c.Corpus.Name,
                ["pairs"] = c.Corpus.Pairs,
                ["test_pairs"] = c.TestPairs,
                ["resolution"] = c.Resolution,
            },
            ["metrics"] = new JsonArray(Table1Metrics.Keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
            ["methods"] = methods,
            ["fid"] = c.Inception is null
                ? JsonValue.Create(Table1Metrics.Unavailable(c.InceptionMissing ?? "no Inception evaluator"))
                : new JsonObject { ["evaluator"] = c.Inception.Path, ["real_images"] = c.TestPairs },
            ["cpbd"] = c.CpbdTooSmall
                ? $"{Table1Metrics.TooSmallForCpbd}: {c.Resolution}² images hold no 64×64 block"
                : "64×64 blocks of the Pillow grey image",
            ["segmenter"] = c.Segmenter is null
                ? JsonValue.Create(Table1Metrics.Unavailable(c.SegmenterMissing ?? "no segmenter"))
                : Segmenter(c.Segmenter, groundTruth),
            ["paper"] = paper,
            ["runs"] = runs,
            ["seeds"] = Seeds(c.Spread, r.Rows),
            ["semantics"] = r.Semantics is null ? null : SemanticsReport.Json(r.Rows, c.Corpus),
            ["notes"] = new JsonArray(Notes(c).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
    }

    /// <summary>The seeds, and per method and metric the mean, sd and n (null for a one-seed table).</summary>
    private static JsonNode? Seeds(SeedSpread? spread, IReadOnlyList<MethodScores> rows)
    {
        if (spread is not { Seeds.Count: > 1 })
            return null;
        var methods = new JsonObject();
        foreach (var row in rows)
        {
            var o = new JsonObject();
            foreach (var key in Table1Metrics.Keys)
                o[key] = spread.Get(row.Method, key) is { } v
                    ? new JsonObject
                    {
                        ["mean"] = v.Mean,
                        ["sd"] = v.StandardDeviation,
                        ["n"] = v.Seeds,
                    }
                    : null;
            methods[row.Method] = o;
        }
        return new JsonObject
        {
            ["seeds"] = new JsonArray(spread.Seeds.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["methods"] = methods,
        };
    }

    private static JsonObject Segmenter(ITranslationSegmenter segmenter, IReadOnlyDictionary<string, double?> groundTruth)
    {
        var o = new JsonObject
        {
            ["description"] = segmenter.Description,
            ["real_test_pixel_accuracy"] = groundTruth[Table1Metrics.PixelAccuracy],
            ["real_test_miou"] = groundTruth[Table1Metrics.MeanIou],
        };
        if (segmenter is ShapesSegmenter trained)
        {
            o["steps"] = trained.Options.Steps;
            o["cache_file"] = trained.CacheFile;
            o["from_cache"] = trained.FromCache;
        }
        return o;
    }

    private static HtmlReport Html(Reproduction r, Context c)
    {
        var columns = "condition | ground truth | " + string.Join(" | ", r.Rows.Skip(1).Select(x => x.Method));
        var report = new HtmlReport($"{c.Table.Title} on the {c.Corpus.Name} corpus (preset {c.Preset.Name()})")
            .Paragraph(
                $"Vougioukas et al., “DINO: A Conditional Energy-Based GAN for Domain Translation”, ICLR 2021, {c.Table.Title}: "
                    + "segmentation map → photo, the paper's numbers beside the kit's."
            )
            .Add(r.Table);
        foreach (var note in Notes(c))
            report.Paragraph(note);
        if (r.Semantics is not null)
        {
            report.Heading("Semantics by class and object size").Add(r.Semantics);
            foreach (var note in SemanticsNotes(r))
                report.Paragraph(note);
        }
        report
            .Heading("Samples")
            .Paragraph($"Columns: {columns} (first test pairs).")
            .ImageGrid([(columns, r.SampleGrid.Bytes)], columns: 1)
            .Heading("Training curves");
        if (r.Curves is not null)
            report.Add(r.Curves);
        if (r.BalanceCurves is not null)
            report.Add(r.BalanceCurves);
        foreach (var plot in r.LossCurves)
            report.Add(plot);
        report
            .Heading("Files")
            .Link("results.json — every number of the table, with how it was measured", Path.GetFileName(r.ResultsJson))
            .Link("table.md — the table and its notes in Markdown", Path.GetFileName(r.TableMarkdown))
            .Link($"{SampleGridFile} — the sample grid", SampleGridFile)
            .Link($"{CurvesFile} — the curves above as a PNG", CurvesFile);
        if (r.BalanceCurves is not null)
            report.Link($"{BalanceCurvesFile} — k of every DINO row as a PNG", BalanceCurvesFile);
        report.Heading("Runs");
        foreach (var (method, dir) in c.Runs)
        {
            var relative = Path.GetRelativePath(r.Folder, dir);
            report
                .Paragraph($"{method}: {dir}")
                .Link($"{method}: options.json (every option of the run)", Path.Combine(relative, RunFolder.OptionsFileName))
                .Link($"{method}: log.jsonl (losses at every logged step)", Path.Combine(relative, RunFolder.LogFileName));
        }
        return report;
    }
}
