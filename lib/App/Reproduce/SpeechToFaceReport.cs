using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.App.Reporting;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.Evaluation.SpeechToFace;
using Dino.Repro.IO;
using Dino.Repro.Vision;

namespace Dino.Repro.App.Reproduce;

/// <summary>Writes a speech-to-face table's folder: index.html (self-contained), results.json, table.md and samples.png.</summary>
public static class SpeechToFaceReport
{
    public const string SampleGridFile = "samples.png";

    /// <param name="grid">The real held-out faces, then each row's faces for the same pairs, each [N, 3, S, S] in [−1, 1].</param>
    /// <param name="speech">The grid rows' speech, one WAV file each.</param>
    public static Reproduction Write(
        SpeechToFaceTableSpec spec,
        SpeechToFaceResult result,
        IReadOnlyList<Tensor> grid,
        IReadOnlyList<byte[]> speech,
        IReadOnlyList<LinePlot> lossCurves
    )
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(result);
        var table = MainTable(spec, result);
        var verdicts = spec.Verdict(result);
        var notes = Notes(spec, result);
        Media samples;
        using (var scope = torch.NewDisposeScope())
            samples = Media.Png(ImageIO.Encode(ImageTensor.ToHwc(SampleGrids.Rows(grid)), ImageFormat.Png));

        Directory.CreateDirectory(result.Folder);
        AtomicFile.WriteAllBytes(Path.Combine(result.Folder, SampleGridFile), samples.Bytes);
        var reproduction = new Reproduction(result.Folder, table, result.Rows, samples, lossCurves)
        {
            Verdict = verdicts,
            Audio = speech.Select(Media.Wav).ToList(),
        };
        AtomicFile.WriteAllText(reproduction.TableMarkdown, ReportMarkdown.Of([table], verdicts, notes));
        AtomicFile.WriteAllText(
            reproduction.ResultsJson,
            Results(spec, result, verdicts, notes).ToJsonString(new JsonSerializerOptions { WriteIndented = true })
        );
        Html(spec, result, table, verdicts, notes, samples, speech, lossCurves).Save(reproduction.IndexHtml);
        return reproduction;
    }

    private static Table MainTable(SpeechToFaceTableSpec spec, SpeechToFaceResult r)
    {
        var table = new Table(
            $"{spec.Caption} — kit: {r.Corpus}, preset {r.Preset.Name()}, "
                + string.Join(", ", r.PairsScored.Select(p => $"{p.Value} {p.Key.Label()} pairs")),
            [.. new[] { "Method", spec.PaperHeader }.Concat(spec.Columns.Select(c => c.Header))]
        )
        {
            NumberFormat = "0.###",
        };
        foreach (var row in r.Rows)
        {
            var paper = spec.Rows.FirstOrDefault(s => s.Method == row.Method)?.Paper ?? "—";
            table.AddRow([row.Method, paper, .. spec.Columns.Select(c => Cell(row.Values, c))]);
        }
        return table;
    }

    // Inception Score as "mean ± std" over its splits; rates as percentages.
    private static object? Cell(IReadOnlyDictionary<string, double?> values, SpeechToFaceColumn column)
    {
        var value = values.GetValueOrDefault(column.Key);
        if (value is null)
            return null;
        if (column.Metric is SpeechToFaceMetrics.InceptionScore or SpeechToFaceMetrics.InceptionIs)
        {
            var std = values.GetValueOrDefault(SpeechToFaceTable.KeyOf(column.Metric + SpeechToFaceMetrics.StdSuffix, column.Split));
            return $"{value:0.###} ± {std ?? 0:0.###}";
        }
        return column.Metric is SpeechToFaceMetrics.IdentityAccuracy or SpeechToFaceMetrics.HairAgreement ? value * 100 : value;
    }

    private static IReadOnlyList<string> Notes(SpeechToFaceTableSpec spec, SpeechToFaceResult r) =>
        [
            .. spec.Notes,
            $"The judge stands in for Inception (IS, FID) and the ICASSP paper's identity classifier: {r.Judge}. IS and FID are "
                + "measured in its speaker softmax and 128-d features, so they are comparable between rows, not with the paper's "
                + "Inception numbers. FID is against the real training faces.",
            r.Inception.StartsWith("missing: ", StringComparison.Ordinal)
                ? $"IS and FID (Inception), the thesis' own measure, are not measured: the Inception file is {r.Inception}."
                : $"IS and FID (Inception): ImageNet's Inception ({r.Inception}) on the held-out utterances' faces, FID against the real "
                    + "training faces — the thesis' measure, though not its faces.",
            $"{SpeechToFaceTable.RealFaces}: the real faces of each split scored as if drawn — the judge's own accuracy, the "
                + "diversity of real talking frames, the IS real faces get.",
            "Identity acc.: the share of faces the judge gives to their own speaker. Hair agrees: the share whose hair reads long "
                + "exactly when the speaker's does (voice-faces gives female voices long hair), the one identity cue that can be "
                + "right for a speaker never heard. Diversity: mean RMS pixel difference between one speaker's faces (0: one face "
                + "per speaker).",
        ];

    private static JsonObject Results(SpeechToFaceTableSpec spec, SpeechToFaceResult r, IReadOnlyList<string> verdicts, IReadOnlyList<string> notes)
    {
        var methods = new JsonObject();
        foreach (var row in r.Rows)
            methods[row.Method] = new JsonObject(
                row.Values.OrderBy(v => v.Key, StringComparer.Ordinal)
                    .Select(v => KeyValuePair.Create(v.Key, (JsonNode?)(v.Value is { } x && double.IsFinite(x) ? JsonValue.Create(x) : null)))
            );
        var paper = new JsonObject();
        foreach (var row in spec.Rows)
            paper[row.Method] = row.Paper;
        var runs = new JsonObject();
        foreach (var (method, dir) in r.Runs)
            runs[method] = dir;
        return new JsonObject
        {
            ["table"] = spec.Name,
            ["preset"] = r.Preset.Name(),
            ["corpus"] = r.Corpus,
            ["pairs"] = new JsonObject(r.PairsScored.Select(p => KeyValuePair.Create(p.Key.Label(), (JsonNode?)JsonValue.Create(p.Value)))),
            ["judge"] = r.Judge,
            ["inception"] = r.Inception,
            ["paper"] = paper,
            ["methods"] = methods,
            ["runs"] = runs,
            ["verdict"] = new JsonArray(verdicts.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            ["notes"] = new JsonArray(notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
    }

    private static HtmlReport Html(
        SpeechToFaceTableSpec spec,
        SpeechToFaceResult r,
        Table table,
        IReadOnlyList<string> verdicts,
        IReadOnlyList<string> notes,
        Media samples,
        IReadOnlyList<byte[]> speech,
        IReadOnlyList<LinePlot> lossCurves
    )
    {
        var report = new HtmlReport(spec.Description).Add(table);
        report.Heading("Do the paper's claims hold here?");
        foreach (var line in verdicts)
            report.Paragraph(line);
        report.Heading("Notes");
        foreach (var line in notes)
            report.Paragraph(line);
        var columns = string.Join(" | ", new[] { "real face" }.Concat(spec.Rows.Select(row => row.Method)));
        report
            .Heading("Faces drawn for held-out utterances of training speakers")
            .Paragraph($"Columns: {columns}; one row per pair.")
            .ImageGrid([(columns, samples.Bytes)], columns: 1);
        foreach (var (wav, row) in speech.Select((w, i) => (w, i + 1)))
            report.Audio($"row {row}: the speech its faces were drawn from", wav);
        report.Heading("Training curves");
        foreach (var plot in lossCurves)
            report.Add(plot);
        report
            .Heading("Files")
            .Link("results.json — every number, per split, and the verdict", "results.json")
            .Link("table.md — the table, verdict and notes in Markdown", "table.md")
            .Link($"{SampleGridFile} — the faces", SampleGridFile);
        foreach (var (method, dir) in r.Runs)
            report.Paragraph($"{method}: run folder {dir}");
        return report;
    }
}
