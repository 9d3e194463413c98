using System.Globalization;
using System.Text.Json.Nodes;
using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Metrics.Semantic;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// The look behind the mIoU column: IoU per class (with each class's share of the pixels), IoU by object size, and
/// mIoU and pixel accuracy under the blur-robust segmenter, one row per method — so a reviewer can tell semantics a
/// translation lost from edges it blurred, and small objects from large ones.
/// </summary>
public static class SemanticsReport
{
    /// <summary>The table of <paramref name="rows"/> (means over seeds where there were several); null without a segmenter.</summary>
    public static Table? Build(IReadOnlyList<MethodScores> rows, EvaluationCorpus corpus, bool segmented)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(corpus);
        if (!segmented)
            return null;
        var truth = rows.Single(r => r.Method == PaperTable1.GroundTruth).Values;
        string Percent(double? v) => v is { } x ? (x * 100).ToString("0.#", CultureInfo.InvariantCulture) : "?";
        var names = corpus.ClassNames;
        var columns = new List<string> { "Method" };
        columns.AddRange(
            names.Select((name, c) => $"{name} IoU % ({Percent(truth.GetValueOrDefault(SemanticBreakdown.ClassShare(c)))} % of pixels)")
        );
        var bins = ClassIouBySize.BinNames.Count;
        columns.AddRange(
            Enumerable
                .Range(0, bins)
                .Select(b => $"{SemanticBreakdown.BinHeader(b)} IoU % ({truth.GetValueOrDefault(SemanticBreakdown.SizeObjects(b)) ?? 0:0} objects)")
        );
        columns.AddRange(["mIoU %", "mIoU % (blur-robust seg.)", "Pix. Acc. % (blur-robust seg.)"]);
        var table = new Table(
            "Semantics behind mIoU: IoU per class and by object size (an object's share of its image), and the scores of a segmenter trained "
                + "with blur augmentation",
            columns.ToArray()
        )
        {
            NumberFormat = "0.00",
        };
        foreach (var row in rows)
        {
            double? Scaled(string key) => row.Values.GetValueOrDefault(key) * 100;
            var cells = new List<object?> { row.Method };
            cells.AddRange(Enumerable.Range(0, names.Count).Select(c => (object?)Scaled(SemanticBreakdown.ClassIou(c))));
            cells.AddRange(Enumerable.Range(0, bins).Select(b => (object?)Scaled(SemanticBreakdown.SizeIou(b))));
            cells.Add(Scaled(Table1Metrics.MeanIou));
            cells.Add(Scaled(SemanticBreakdown.BlurRobustMeanIou));
            cells.Add(Scaled(SemanticBreakdown.BlurRobustPixelAccuracy));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    /// <summary>How to read the table.</summary>
    public static IEnumerable<string> Notes(bool severalSeeds, bool blurRobustMeasured)
    {
        yield return "Per-class IoU sums each class's intersection and union over every test pixel (the terms of mIoU); IoU by size sums them "
            + "over the (image, class) objects whose ground-truth share of the image falls in the bin (background excluded)."
            + (severalSeeds ? " Values are means over the seeds." : "");
        yield return blurRobustMeasured
            ? "The blur-robust segmenter is the same network trained on the same real photos, half of them Gaussian-blurred (σ "
                + $"{Models.Segmentation.SegmenterOptions.BlurSigmas.Low}–{Models.Segmentation.SegmenterOptions.BlurSigmas.High} px at 64²): "
                + "a row whose mIoU rises under it toward the others' lost less semantics than its plain mIoU says — the deficit was blur; a "
                + "gap that stays is lost semantics."
            : "The blur-robust columns are n/a: only the kit's own segmenter (embedded corpora) has a blur-augmented variant.";
    }

    /// <summary>results.json's block: every breakdown value of every row by key.</summary>
    public static JsonObject Json(IReadOnlyList<MethodScores> rows, EvaluationCorpus corpus)
    {
        var methods = new JsonObject();
        foreach (var row in rows)
        {
            var o = new JsonObject();
            foreach (var (key, value) in row.Values.Where(kv => !Table1Metrics.Keys.Contains(kv.Key)))
                o[key] = value is { } v && double.IsFinite(v) ? v : null;
            methods[row.Method] = o;
        }
        return new JsonObject
        {
            ["class_names"] = new JsonArray(corpus.ClassNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["size_bins"] = new JsonArray(
                Enumerable.Range(0, ClassIouBySize.BinNames.Count).Select(b => (JsonNode?)JsonValue.Create(SemanticBreakdown.BinHeader(b))).ToArray()
            ),
            ["methods"] = methods,
        };
    }
}
