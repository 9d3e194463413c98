using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.App.Reporting;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.Synthetic.SoundMotion;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.SoundToVideo;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.ListenAndMove;
using Dino.Repro.Signal;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// `dino reproduce lam-table2`: Listen and Move's robustness to unheard sounds (Table 2) — the baseline (MfS) and the full
/// model (DirConvGRU row) of each source driven by every out-of-distribution sound of the corpus' bank (the FSD50K stand-in),
/// the recurrent states reset per sound, each sound's frames scored by FID (the kit's stand-in on the state reader's
/// features) against 500 random training frames. The two runs are Table 1's when it was reproduced into the same folder.
/// </summary>
public sealed class ListenAndMoveTable2 : IReproducibleTable
{
    public const string TableName = "lam-table2";

    public string Name => TableName;

    public string Description => "Listen and Move (Redondo 2023), Table 2: FID on out-of-distribution sounds, baseline vs full model";

    public IReadOnlyList<Preset> Presets { get; } = [Preset.Smoke, Preset.Cpu, Preset.Paper];

    private static readonly ListenAndMoveRow[] Compared = [ListenAndMoveTable.Rows[0], ListenAndMoveTable.Rows[^1]];

    public Reproduction Run(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        Check(request);
        var folder = Path.GetFullPath(Path.Combine(request.OutputRoot, Name));
        var shared = Path.Combine(Path.GetFullPath(request.OutputRoot), ListenAndMoveTable1.TableName, "runs");
        var fid = new Dictionary<(string Row, string Column), MeanSd>();
        var curves = new List<LinePlot>();
        var firstSound = new List<Tensor>();
        foreach (var (column, source) in ListenAndMoveTable1.Columns(request.Preset))
        foreach (var row in Compared)
        {
            using var trained = TrainedMethod.Train(
                $"{row.Name} — {column}",
                ListenAndMoveExperiment.Name,
                request.Preset,
                ListenAndMoveTable1.Overrides(row, source, request),
                Path.Combine(folder, "runs"),
                progress,
                sharedRunsRoots: [shared],
                stop: request.Stop
            );
            var options = (ListenAndMoveOptions)trained.Options;
            progress.Message($"{row.Name} — {column}: drawing every out-of-distribution sound");
            var (value, drawn) = OutOfDistributionFid(((ListenAndMoveExperiment)trained.Experiment).Generator, options);
            fid[(row.Name, column)] = value;
            curves.Add(trained.LossPlot());
            firstSound.Add(drawn);
        }
        try
        {
            return Write(folder, request.Preset, fid, curves, firstSound);
        }
        finally
        {
            foreach (var frames in firstSound)
                frames.Dispose();
        }
    }

    /// <summary>
    /// FID per out-of-distribution sound (states reset for each; <see cref="OutOfDistributionSounds"/>: the embedded bank in
    /// order, or 500 of FSD50K's development clips in a seeded random order), mean ± sd over the sounds, and the first 8
    /// frames drawn for the first sound ([8, 3, S, S] in [−1, 1], for the report's grid).
    /// </summary>
    public static (MeanSd Fid, Tensor FirstFrames) OutOfDistributionFid(SoundToVideoGenerator generator, ListenAndMoveOptions o)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(o);
        using var opened = ListenAndMoveClip.Open(o);
        var embedded = opened.States is not null; // the embedded corpus: its own bank beside the clips
        var files = OutOfDistributionSounds.Files(
            embedded ? Path.Combine(opened.Folder, OodSoundBank.Folder) : OutOfDistributionSounds.Fsd50kFolder()
        );
        var sounds = embedded
            ? OutOfDistributionSounds.Pick(files, files.Count)
            : OutOfDistributionSounds.Pick(files, OutOfDistributionSounds.PaperCount, new Random(unchecked((int)o.Seed)));
        var device = generator.parameters().First().device;
        return SeededDefaultGenerator.Run(o.Seed, () => EvalMode.Run(
                () =>
                {
                    using var noGrad = torch.no_grad();
                    using var scope = torch.NewDisposeScope();
                    var real = SoundToVideoScorer.ReferenceFeatures(opened.Space, opened.Clip.Train.Frames);
                    var values = new List<double>();
                    Tensor? first = null;
                    foreach (var (_, audio) in sounds)
                    {
                        using var step = torch.NewDisposeScope();
                        var features = SoundFeatures.PerVideoFrame(audio);
                        generator.Reset();
                        var drawn = generator.call(features.unsqueeze(0).to(device))[0].cpu().add(Scalars.Of(1)).div(Scalars.Of(2));
                        values.Add(FrechetDistance.Compute(opened.Space.FrameFeatures(drawn), real));
                        if (first is null)
                        {
                            first = drawn.narrow(0, 0, Math.Min(8, drawn.size(0))).mul(Scalars.Of(2)).sub(Scalars.Of(1));
                            step.MoveToOuter(first);
                        }
                    }
                    if (first is null)
                        throw new InvalidDataException($"no out-of-distribution sound lasts {OutOfDistributionSounds.MinSeconds} s or more");
                    return (MeanSd.Of(values), first.MoveToOuterDisposeScope());
                },
                generator
            ));
    }

    private static Reproduction Write(
        string folder,
        Preset preset,
        Dictionary<(string Row, string Column), MeanSd> fid,
        IReadOnlyList<LinePlot> curves,
        IReadOnlyList<Tensor> firstSound
    )
    {
        var columns = fid.Keys.Select(k => k.Column).Distinct().ToList();
        var kitSide =
            preset == Preset.Paper
                ? "kit: 500 FSD50K development clips, Inception FID, preset paper"
                : $"kit: the Sound-motion bank, FID on the state reader's features, preset {preset.Name()}";
        var comparison = new PaperVsKitTable(
            $"Listen and Move Table 2 — FID on out-of-distribution sounds (paper: 500 FSD50K clips; {kitSide})",
            "Row",
            [.. columns]
        )
        {
            NumberFormat = "0.0",
        };
        var rows = new List<Evaluation.ImageToImage.MethodScores>();
        foreach (var (row, paperRow) in Compared.Zip(ListenAndMoveTable.Table2))
        {
            var paper = columns
                .Select(c => (double?)paperRow.Fid[ListenAndMoveTable.Columns.Select(x => x.Column).ToList().IndexOf(c)].Mean)
                .ToArray();
            // The paper's name for the row, and which of Table 1's rows it is ("Full Model" is the DirConvGRU row).
            var label = paperRow.Row == row.Name ? row.Name : $"{paperRow.Row} ({row.Name})";
            comparison.Add(label, paper, [.. columns.Select(c => (double?)fid[(row.Name, c)].Mean)]);
            rows.Add(new Evaluation.ImageToImage.MethodScores(row.Name, columns.ToDictionary(c => c, c => (double?)fid[(row.Name, c)].Mean)));
        }
        var table = comparison.ToTable();
        var verdicts = columns
            .Select(c =>
            {
                var (baseline, full) = (fid[(Compared[0].Name, c)], fid[(Compared[1].Name, c)]);
                var paperBetter =
                    ListenAndMoveTable.Table2[1].Fid[ListenAndMoveTable.Columns.Select(x => x.Column).ToList().IndexOf(c)].Mean
                    < ListenAndMoveTable.Table2[0].Fid[ListenAndMoveTable.Columns.Select(x => x.Column).ToList().IndexOf(c)].Mean;
                var kitBetter = full.Mean < baseline.Mean;
                return $"{c}: the full model's out-of-distribution FID is {(kitBetter ? "lower" : "higher")} than the baseline's "
                    + $"({full} vs {baseline}); the paper's is {(paperBetter ? "lower" : "higher")} — "
                    + (kitBetter == paperBetter ? "the same direction." : "the opposite direction.");
            })
            .ToList();
        string[] notes =
        [
            "Each sound drives the generator from fresh states (the paper resets them per FSD50K clip), cut to its first 5 s; sounds "
                + "shorter than 1 s are skipped. FID compares the frames a sound draws with 500 random training frames of the source"
                + (
                    preset == Preset.Paper
                        ? " in Inception's pool3 features, as the paper (FSD50K's development clips in a seeded random order)."
                        : " on the state reader's features — the kit's stand-in for Inception, so its scale is not the paper's."
                ),
            "The paper expects the full model to be more robust on music and not on speech (its talking-head FID is slightly worse).",
        ];
        Directory.CreateDirectory(folder);
        // One row of 8 frames per trained model (baseline, full; per source), all drawn by the first out-of-distribution sound.
        using var grid = Vision.SampleGrids.Tile(torch.cat([.. firstSound]), 8);
        var png = Media.Png(Vision.ImageIO.Encode(Vision.ImageTensor.ToHwc(grid), Vision.ImageFormat.Png));
        var reproduction = new Reproduction(folder, table, rows, png, curves) { Verdict = verdicts };
        AtomicFile.WriteAllText(reproduction.TableMarkdown, ReportMarkdown.Of([table], verdicts, notes));
        var kit = new JsonObject();
        foreach (var ((row, column), value) in fid)
            kit[$"{row} — {column}"] = new JsonObject
            {
                ["fid"] = value.Mean,
                ["fid_sd"] = value.Sd,
                ["sounds"] = value.Count,
            };
        var results = new JsonObject
        {
            ["table"] = TableName,
            ["preset"] = preset.Name(),
            ["kit"] = kit,
            ["verdict"] = new JsonArray([.. verdicts.Select(v => (JsonNode?)JsonValue.Create(v))]),
            ["notes"] = new JsonArray([.. notes.Select(n => (JsonNode?)JsonValue.Create(n))]),
        };
        AtomicFile.WriteAllText(reproduction.ResultsJson, results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var report = new HtmlReport("Listen and Move Table 2 — out-of-distribution sounds").Add(table).Heading("Does the paper's claim hold here?");
        foreach (var line in verdicts)
            report.Paragraph(line);
        report.ImageGrid([("the first out-of-distribution sound, drawn by each model (rows: baseline, full model, per source)", png.Bytes)], 1);
        report.Heading("Notes");
        foreach (var line in notes)
            report.Paragraph(line);
        report.Heading("Training curves");
        foreach (var plot in curves)
            report.Add(plot);
        report.Save(reproduction.IndexHtml);
        return reproduction;
    }

    private void Check(ReproduceRequest request, bool scoring = true)
    {
        if (request.Seeds != 1 || request.AlsoReferenceTestMode)
            throw new UsageException($"{Name} trains one seed and has no pix2pix rows (--seeds, --reference-test-mode)");
        if (request.Preset == Preset.Paper)
            ListenAndMovePaperInputs.Require(Name, scoring, outOfDistribution: scoring);
    }

    public IReadOnlyList<MethodCost> Estimate(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request, scoring: false);
        return ListenAndMoveTable1.Costs(request, Compared);
    }
}
