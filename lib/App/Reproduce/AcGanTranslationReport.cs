using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.FaceTranslation;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.IO;
using Dino.Repro.Vision;

namespace Dino.Repro.App.Reproduce;

/// <summary>Writes the acgan-translation folder: index.html (self-contained), results.json, table.md, samples.png and reconstruction.png.</summary>
public static class AcGanTranslationReport
{
    public const string SampleGridFile = "samples.png";
    public const string ReconstructionFile = "reconstruction.png";

    /// <summary>The Figure-3 columns of the sample grid, in order; the last only where the corpus draws real pairs.</summary>
    public static IReadOnlyList<string> GridColumns { get; } =
    ["input", "reconstruction (latent E)", "translation (latent E)", "reconstruction (pixel E)", "translation (pixel E)", "real pair (other domain)"];

    /// <param name="grid">The <see cref="GridColumns"/> (without the real pair on a real corpus), each [N, 3, S, S] in [−1, 1].</param>
    public static Reproduction Write(AcGanTranslationResult result, IReadOnlyList<Tensor> grid, IReadOnlyList<LinePlot> lossCurves)
    {
        ArgumentNullException.ThrowIfNull(result);
        var table = MainTable(result);
        var speed = SpeedTable(result);
        var verdicts = AcGanTranslationVerdict.For(result);
        var notes = Notes(result);
        Media samples;
        using (var scope = torch.NewDisposeScope())
            samples = Media.Png(ImageIO.Encode(ImageTensor.ToHwc(SampleGrids.Rows(grid)), ImageFormat.Png));
        var curve = ReconstructionCurve(result);

        Directory.CreateDirectory(result.Folder);
        AtomicFile.WriteAllBytes(Path.Combine(result.Folder, SampleGridFile), samples.Bytes);
        curve.SavePng(Path.Combine(result.Folder, ReconstructionFile));
        var reproduction = new Reproduction(result.Folder, table, result.Rows, samples, lossCurves)
        {
            Curves = curve,
            MoreTables = [speed],
            Verdict = verdicts,
        };
        AtomicFile.WriteAllText(reproduction.TableMarkdown, ReportMarkdown.Of([table, speed], verdicts, notes));
        AtomicFile.WriteAllText(
            reproduction.ResultsJson,
            Results(result, verdicts, notes).ToJsonString(new JsonSerializerOptions { WriteIndented = true })
        );
        Html(result, table, speed, verdicts, notes, samples, curve, lossCurves).Save(reproduction.IndexHtml);
        return reproduction;
    }

    private static Table MainTable(AcGanTranslationResult r)
    {
        var o = r.Options;
        var table = new Table(
            $"Dong et al. 2017 translation (no table in the paper: the one its claims imply) — kit: {o.Corpus} at {o.Resolution}², "
                + $"{r.TestFaces} test faces, preset {r.Preset.Name()}.",
            ["Method", .. FaceTranslationMetrics.Headers]
        )
        {
            NumberFormat = "0.###",
        };
        foreach (var row in r.Rows)
            table.AddRow([
                row.Method,
                .. FaceTranslationMetrics.Keys.Select(k =>
                    (object?)(
                        row.Values.GetValueOrDefault(k) is { } v && FaceTranslationMetrics.IsPercentage(k) ? v * 100 : row.Values.GetValueOrDefault(k)
                    )
                ),
            ]);
        return table;
    }

    private static Table SpeedTable(AcGanTranslationResult r)
    {
        var target = r.Speed[0].Target;
        var table = new Table(
            $"The speed claim: training until the held-out pixel reconstruction MSE is ≤ {target:0.####} (the largest of the encoders' best).",
            "Encoder",
            "Best pixel rec. MSE",
            "Step reached",
            "Training s reached",
            "s / step"
        )
        {
            NumberFormat = "0.####",
        };
        foreach (var s in r.Speed)
            table.AddRow(s.Method, s.BestError, s.Reached?.Step, s.Reached?.WallSeconds, s.SecondsPerStep);
        return table;
    }

    private static LinePlot ReconstructionCurve(AcGanTranslationResult r)
    {
        var plot = new LinePlot("Held-out pixel reconstruction MSE against training time", "training seconds", "MSE(G(E(x), c_x), x)");
        foreach (var s in r.Speed)
            plot.Add(s.Method, s.Curve.Select(p => p.WallSeconds), s.Curve.Select(p => p.Error));
        return plot;
    }

    private static IReadOnlyList<string> Notes(AcGanTranslationResult r)
    {
        var embedded = r.RowOrNull(AcGanTranslationTable.RealPairs) is not null;
        var notes = new List<string>
        {
            "The paper reports no numbers; every column is the kit's. What each translation x → G(E(x), other class) keeps is scored "
                + $"against {r.Truth}.",
            embedded
                ? $"The judge is a stand-in for a gender classifier, a head-pose/gaze estimator and Inception: {r.Judge}. FID (judge) is the "
                    + "Fréchet distance in its 128-d features between the translations into each domain and that domain's real test faces "
                    + "(mean of both directions)."
                : $"The domain column reads translations with {r.Judge}; FID (judge) is the Fréchet distance in its features between the "
                    + "translations into each domain and that domain's real test faces (mean of both directions). Mouth and gaze have no "
                    + "estimator on a real corpus.",
            r.Inception.StartsWith("missing: ", StringComparison.Ordinal)
                ? $"FID (Inception) is not measured: {r.Inception["missing: ".Length..]}."
                : $"FID (Inception): the same Fréchet distance in Inception's pool3 features ({r.Inception}), faces quantised to bytes as saved.",
            $"{AcGanTranslationTable.Unchanged}: the input scored as its own translation (what a method that changes nothing gets). "
                + (
                    embedded
                        ? $"{AcGanTranslationTable.RealPairs}: each test face drawn by the corpus in the other domain — same person, pose, "
                            + "mouth, gaze and backdrop — the judge's own error floor. "
                        : ""
                )
                + $"{AcGanTranslationTable.NothingKept}: each factor guessed as its median over the test faces, the least error a "
                + "translation that kept nothing of its input could have.",
            "Pixel rec. MSE: G(E(x), c_x) against x over the test faces, in [−1, 1] units. Latent rec. MSE: E(G(z, c)) against z "
                + "over 256 fixed draws.",
            "Errors: yaw and roll in degrees, mouth openness on 0 … 1, gaze the mean of both axes on −1 … 1.",
        };
        return notes;
    }

    private static JsonObject Results(AcGanTranslationResult r, IReadOnlyList<string> verdicts, IReadOnlyList<string> notes)
    {
        var methods = new JsonObject();
        foreach (var row in r.Rows)
            methods[row.Method] = new JsonObject(
                FaceTranslationMetrics.Keys.Select(k =>
                    KeyValuePair.Create(k, (JsonNode?)(row.Values.GetValueOrDefault(k) is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null))
                )
            );
        var speed = new JsonObject();
        foreach (var s in r.Speed)
            speed[s.Method] = new JsonObject
            {
                ["target_pixel_reconstruction"] = s.Target,
                ["best_pixel_reconstruction"] = s.BestError,
                ["step_reached"] = s.Reached?.Step,
                ["seconds_reached"] = s.Reached?.WallSeconds,
                ["seconds_per_step"] = s.SecondsPerStep,
                ["curve"] = new JsonArray(
                    s.Curve.Select(p =>
                            (JsonNode?)
                                new JsonObject
                                {
                                    ["step"] = p.Step,
                                    ["seconds"] = p.WallSeconds,
                                    ["error"] = p.Error,
                                }
                        )
                        .ToArray()
                ),
            };
        var runs = new JsonObject();
        foreach (var (method, dir) in r.Runs)
            runs[method] = dir;
        return new JsonObject
        {
            ["table"] = AcGanTranslationTable.TableName,
            ["preset"] = r.Preset.Name(),
            ["corpus"] = new JsonObject
            {
                ["name"] = r.Options.Corpus,
                ["faces"] = r.Options.FacesCount,
                ["test_faces"] = r.TestFaces,
                ["resolution"] = r.Options.Resolution,
            },
            ["judge"] = r.Judge,
            ["truth"] = r.Truth,
            ["inception"] = r.Inception,
            ["metrics"] = new JsonArray(FaceTranslationMetrics.Keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
            ["methods"] = methods,
            ["speed"] = speed,
            ["runs"] = runs,
            ["verdict"] = new JsonArray(verdicts.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            ["notes"] = new JsonArray(notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
    }

    private static HtmlReport Html(
        AcGanTranslationResult r,
        Table table,
        Table speed,
        IReadOnlyList<string> verdicts,
        IReadOnlyList<string> notes,
        Media samples,
        LinePlot curve,
        IReadOnlyList<LinePlot> lossCurves
    )
    {
        var report = new HtmlReport("Unsupervised image-to-image translation (Dong et al. 2017) — the kit's table").Add(table).Add(speed);
        report.Heading("Does the paper's claim hold here?");
        foreach (var line in verdicts)
            report.Paragraph(line);
        report.Heading("Notes");
        foreach (var line in notes)
            report.Paragraph(line);
        var columns = string.Join(
            " | ",
            GridColumns.Take(r.RowOrNull(AcGanTranslationTable.RealPairs) is null ? GridColumns.Count - 1 : GridColumns.Count)
        );
        report
            .Heading("Translations (the paper's Figure 3)")
            .Paragraph($"Columns: {columns} (first test faces, alternating domains).")
            .ImageGrid([(columns, samples.Bytes)], columns: 1)
            .Heading("Training curves")
            .Add(curve);
        foreach (var plot in lossCurves)
            report.Add(plot);
        report
            .Heading("Files")
            .Link("results.json — every number, the curves and the verdict", "results.json")
            .Link("table.md — the tables, verdict and notes in Markdown", "table.md")
            .Link($"{SampleGridFile} — the translation grid", SampleGridFile)
            .Link($"{ReconstructionFile} — reconstruction error against training time", ReconstructionFile);
        foreach (var (method, dir) in r.Runs)
            report.Paragraph($"{method}: run folder {dir}");
        return report;
    }
}
