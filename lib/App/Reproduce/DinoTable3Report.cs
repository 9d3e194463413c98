using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Speech;
using Dino.Repro.IO;
using Dino.Repro.Signal;

namespace Dino.Repro.App.Reproduce;

/// <summary>Writes dino-table3's folder: index.html (self-contained, with the speech playable), results.json and table.md.</summary>
public static class DinoTable3Report
{
    public static Reproduction Write(DinoTable3Result result, IReadOnlyList<LinePlot> lossCurves)
    {
        ArgumentNullException.ThrowIfNull(result);
        var comparison = new PaperVsKitTable(
            $"DINO Table 3 — video-to-speech on GRID, unseen speakers (paper) beside the kit ({result.Corpus}, {result.TestUtterances} test "
                + $"utterances of unseen speakers and phrases, preset {result.Preset.Name()}); WER in %",
            "Method",
            [.. SpeechReconstructionScores.Headers]
        );
        var rows = new List<MethodScores>();
        foreach (
            var (method, paper) in DinoTable3.Methods.Select(m => (m.Method, m.Paper)).Prepend((DinoTable3.GroundTruth, DinoTable3.GroundTruthPaper))
        )
        {
            var values = result.Scores[method].Values();
            comparison.Add(
                method,
                [.. paper.Select((v, i) => (double?)(i == 3 ? v * 100 : v))],
                [values["pesq"], values["stoi"], values["mcd"], values["wer"] * 100]
            );
            rows.Add(new MethodScores(method, values));
        }
        var table = comparison.ToTable();
        var verdicts = DinoTable3Verdict.For(result);
        var notes = Notes(result);
        var audio = result.Played.SelectMany(c => c.Speech.Values.Select(s => Wav(s, result.SampleRate))).ToList();
        Directory.CreateDirectory(result.Folder);
        var reproduction = new Reproduction(result.Folder, table, rows, Media.Wav(audio.FirstOrDefault() ?? Wav([0f], result.SampleRate)), lossCurves)
        {
            Comparison = comparison,
            Verdict = verdicts,
            Audio = audio.Select(Media.Wav).ToList(),
        };
        AtomicFile.WriteAllText(reproduction.TableMarkdown, ReportMarkdown.Of([table], verdicts, notes));
        AtomicFile.WriteAllText(
            reproduction.ResultsJson,
            Results(result, verdicts, notes).ToJsonString(new JsonSerializerOptions { WriteIndented = true })
        );
        Html(result, table, verdicts, notes, lossCurves).Save(reproduction.IndexHtml);
        return reproduction;
    }

    private static byte[] Wav(float[] samples, int rate)
    {
        var peak = Math.Max(1e-6f, samples.Max(Math.Abs));
        return WavFile.Encode(new AudioBuffer([samples.Select(x => Math.Clamp(x, -peak, peak) * 0.9f / peak).ToArray()], rate));
    }

    private static IReadOnlyList<string> Notes(DinoTable3Result r) =>
        [
            "PESQ is narrow-band P.862's raw MOS (its ceiling 4.5 is Table 3's ground truth), STOI the classic measure, MCD ESPnet's "
                + "variant (Table 3's dB scale), each the mean over the test utterances against their real speech; WER sums the word "
                + "errors of the kit's GRID recogniser over them (the paper's \"pretrained ASR\" is unnamed).",
            "The Perceptual GAN's speech encoder is the same recogniser's convolutional encoder (the paper's PASE is not available "
                + "offline); its loss weights, and every baseline's configuration, are the kit's choices — the paper publishes none.",
            "Test utterances are whole clips of the test speakers; training leaves out every sentence a test speaker says, so the "
                + "phrases are unseen too.",
            .. r
                .Scores.Where(s => s.Value.Unscorable > 0)
                .Select(s => $"{s.Key}: {s.Value.Unscorable} of {s.Value.Clips} clips were silent and left out of PESQ, STOI and MCD."),
        ];

    private static JsonObject Results(DinoTable3Result r, IReadOnlyList<string> verdicts, IReadOnlyList<string> notes)
    {
        var methods = new JsonObject();
        foreach (var (method, scores) in r.Scores)
        {
            var row = new JsonObject(
                scores.Values().Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)(kv.Value is { } v ? JsonValue.Create(v) : null)))
            )
            {
                ["clips"] = scores.Clips,
                ["unscorable"] = scores.Unscorable,
            };
            methods[method] = row;
        }
        var paper = new JsonObject();
        foreach (
            var (method, values) in DinoTable3.Methods.Select(m => (m.Method, m.Paper)).Prepend((DinoTable3.GroundTruth, DinoTable3.GroundTruthPaper))
        )
            paper[method] = new JsonObject(
                SpeechReconstructionScores.Keys.Zip(values).Select(kv => KeyValuePair.Create(kv.First, (JsonNode?)JsonValue.Create(kv.Second)))
            );
        var runs = new JsonObject();
        foreach (var (method, dir) in r.Runs)
            runs[method] = dir;
        return new JsonObject
        {
            ["table"] = DinoTable3.TableName,
            ["preset"] = r.Preset.Name(),
            ["corpus"] = new JsonObject { ["name"] = r.Corpus, ["test_utterances"] = r.TestUtterances },
            ["methods"] = methods,
            ["paper"] = paper,
            ["runs"] = runs,
            ["verdict"] = new JsonArray(verdicts.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            ["notes"] = new JsonArray(notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        };
    }

    private static HtmlReport Html(
        DinoTable3Result r,
        Table table,
        IReadOnlyList<string> verdicts,
        IReadOnlyList<string> notes,
        IReadOnlyList<LinePlot> lossCurves
    )
    {
        var report = new HtmlReport("DINO Table 3 — video-to-speech on GRID").Add(table);
        report.Heading("Does the paper's claim hold here?");
        foreach (var line in verdicts)
            report.Paragraph(line);
        report.Heading("Listen");
        foreach (var clip in r.Played)
        {
            report.Paragraph($"{clip.Name}: \"{clip.Sentence}\"");
            foreach (var (method, speech) in clip.Speech)
                report.Audio(method, Wav(speech, r.SampleRate));
        }
        report.Heading("Notes");
        foreach (var line in notes)
            report.Paragraph(line);
        report.Heading("Training curves");
        foreach (var plot in lossCurves)
            report.Add(plot);
        report
            .Heading("Files")
            .Link("results.json — every number and the verdict", "results.json")
            .Link("table.md — the table, verdict and notes", "table.md");
        foreach (var (method, dir) in r.Runs)
            report.Paragraph($"{method}: run folder {dir}");
        return report;
    }
}
