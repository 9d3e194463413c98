using Dino.Repro.App.Reporting;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Segmentation;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// A DINO image-to-image table (1, 2 or 4): trains each row's method at one preset on one corpus, scores the
/// translations of the test split beside the real photos (the "Ground Truth" row) and writes the report with the
/// paper's numbers alongside. Subclasses say which rows, which paper numbers and which corpus.
/// </summary>
public abstract class ImageToImageTable : IReproducibleTable
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract IReadOnlyList<Preset> Presets { get; }

    /// <summary>The heading of the report, e.g. "DINO Table 1".</summary>
    public abstract string Title { get; }

    /// <summary>What the paper's numbers were measured on, e.g. "CelebAMask-HQ at 256² after 200 epochs".</summary>
    public abstract string PaperSetting { get; }

    /// <summary>The paper's rows by method (the ground truth included), values in <see cref="Table1Metrics.Headers"/> order.</summary>
    public abstract IReadOnlyDictionary<string, double?[]> PaperRows { get; }

    /// <summary>What the report adds about the paper's numbers (how a cell was read, choices the paper leaves open).</summary>
    public virtual IEnumerable<string> Notes => [];

    /// <summary>What the report adds about this run's numbers once they are in (e.g. why two rows are the same).</summary>
    protected virtual IEnumerable<string> ResultNotes(IReadOnlyList<MethodScores> rows, IReadOnlyList<TrainedMethod> trained) => [];

    /// <summary>The row of a baseline scored as its authors' test.py scores it.</summary>
    public static string ReferenceTestModeRow(string method) => $"{method} (test.py)";

    private const string ReferenceTestModeNote =
        "Rows marked (test.py): the same trained run scored as the baseline's authors' test.py does by default (no --eval: dropout "
        + "on, each test image normalised by its own batch statistics), the convention the DINO paper's baseline numbers most likely "
        + "follow; the unmarked rows are the kit's eval mode (no dropout, running statistics). A (test.py) row equals its eval-mode row "
        + "where the generator has neither dropout nor batch norm at this size (BicycleGAN's instance-normed U-Net at 32², too small for a dropout "
        + "level).";

    /// <summary>The trained rows, in the paper's order.</summary>
    public abstract IReadOnlyList<TableMethod> Methods { get; }

    /// <summary>The row whose energies and balance the curves show (a one-way DINO row).</summary>
    protected virtual string CurvesMethod => PaperTable1.Dino;

    /// <summary>Options every row trains with at <paramref name="preset"/>, before the user's (Table 2: its corpus).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> TableOptions(Preset preset) => [];

    public Reproduction Run(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var (plan, options) = Plan(request);
        var resolution = options[0].Resolution;
        var corpus = EvaluationCorpus.For(options[0]);
        if (request.Preset == Preset.Paper)
            plan = WithPaperSchedule(plan, options, corpus.TrainPairs, request.Overrides, progress);
        var folder = Path.GetFullPath(Path.Combine(request.OutputRoot, Name));
        Directory.CreateDirectory(folder);
        var runs = Path.Combine(folder, "runs");

        var test = corpus.LoadTest(resolution);
        progress.Message(
            $"{Name}: preset {request.Preset.Name()}, {corpus.Name} corpus of {corpus.Pairs} pairs ({test.Count} test) at {resolution}², report in "
                + $"{folder}"
        );
        var segmenterOptions = new SegmenterOptions(resolution, request.SegmenterSteps ?? SegmenterOptions.DefaultSteps(request.Preset))
        {
            Device = options[0].Device,
        };
        using var segmenter = corpus.OpenSegmenter(segmenterOptions, progress.Message, out var segmentationUnavailable);
        // The evaluators run where the methods trained: at the paper preset that is the GPU.
        using var inception = FeatureExtractor.TryLoad(Evaluators.Inception, out var fidUnavailable, device: options[0].Device.ToTorch());
        // The blur-robust variant tells lost semantics from blur; only the kit's own segmenter has one.
        using var blurRobust = segmenter is null ? null : corpus.OpenBlurRobustSegmenter(segmenterOptions, progress.Message);
        var scorer = new TranslationScorer(segmenter, inception) { BlurRobustSegmenter = blurRobust };

        var seeds = SeedsOf(request, options[0]);
        var perSeed = new List<IReadOnlyList<MethodScores>>();
        var runsListed = new List<(string method, string runDirectory)>();
        List<TrainedMethod>? first = null; // the first seed's runs give the curves and samples
        TestSetScores? firstScores = null;
        try
        {
            foreach (var seed in seeds)
            {
                var label = seeds.Count > 1 ? $" (seed {seed})" : "";
                var trained = TrainSeed(plan, seed, label, request, runs, progress);
                try
                {
                    var scores = ScoreSeed(trained, request, test, scorer, label, progress);
                    perSeed.Add(scores.Rows);
                    runsListed.AddRange(trained.Select(t => (t.Method + label, t.RunDirectory)));
                    if (first is null)
                        (first, firstScores) = (trained, scores);
                    else
                        scores.Dispose();
                }
                finally
                {
                    if (!ReferenceEquals(trained, first))
                        foreach (var t in trained)
                            t.Dispose();
                }
            }
            var spread = SeedSpread.Of(seeds, perSeed);
            var rows = spread.Means;

            var seedsText = seeds.Count > 1 ? $", mean ± sd over {seeds.Count} training seeds" : "";
            var table = new PaperVsKitTable(
                $"{Title} — paper: {PaperSetting}; kit: {corpus.Name} corpus ({test.Count} test pairs at {resolution}², preset "
                    + $"{request.Preset.Name()}{seedsText}).",
                "Method",
                Table1Metrics.Headers.ToArray()
            );
            foreach (var row in rows)
                table.Add(row.Method, PaperRows.GetValueOrDefault(row.Method) ?? new double?[Table1Metrics.Headers.Count], row.AsTableRow());
            var grid = SampleGridPng(firstScores!);
            var curves = Curves(first!.Single(t => t.Method == CurvesMethod));
            var context = new TableReport.Context(
                this,
                request.Preset,
                resolution,
                corpus,
                test.Count,
                segmenter,
                segmentationUnavailable,
                inception,
                fidUnavailable,
                TranslationScorer.CpbdTooSmall(resolution),
                runsListed,
                ResultNotes(rows, first!)
                    .Concat(BalanceCurves.Notes(first!))
                    .Concat(request.AlsoReferenceTestMode ? [ReferenceTestModeNote] : [])
                    .ToList()
            )
            {
                Spread = spread,
            };
            var reproduction = new Reproduction(folder, TableReport.Displayed(table, context), rows, grid, first!.Select(t => t.LossPlot()).ToList())
            {
                Comparison = table,
                Curves = curves,
                BalanceCurves = BalanceCurves.Plot(first!),
                Semantics = SemanticsReport.Build(rows, corpus, segmenter is not null),
                Spread = spread,
            };
            TableReport.Write(reproduction, context);
            progress.Message($"{Name}: wrote {reproduction.IndexHtml}");
            return reproduction;
        }
        finally
        {
            firstScores?.Dispose();
            foreach (var t in first ?? [])
                t.Dispose();
        }
    }

    /// <summary>
    /// The training seeds: the rows' own (default 1, or the user's seed=) and the next ones up to <see cref="ReproduceRequest.Seeds"/>,
    /// so a one-seed table's runs are the first seed's of a several-seed one.
    /// </summary>
    private static IReadOnlyList<long> SeedsOf(ReproduceRequest request, ImageToImageOptions options) =>
        Enumerable.Range(0, request.Seeds).Select(i => options.Seed + i).ToList();

    /// <summary>Trains (or continues) every row with <paramref name="seed"/>; disposes what it trained if a row fails.</summary>
    private List<TrainedMethod> TrainSeed(
        IReadOnlyList<(TableMethod method, IReadOnlyList<KeyValuePair<string, string>> overrides)> plan,
        long seed,
        string label,
        ReproduceRequest request,
        string runs,
        IProgressSink progress
    )
    {
        var trained = new List<TrainedMethod>();
        try
        {
            foreach (var (method, methodOverrides) in plan)
            {
                progress.Message($"training {method.Method}{label} ({method.Experiment}, preset {request.Preset.Name()})");
                IReadOnlyList<KeyValuePair<string, string>> seeded =
                [
                    .. methodOverrides,
                    KeyValuePair.Create("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ];
                trained.Add(
                    TrainedMethod.Train(
                        method.Method,
                        method.Experiment,
                        request.Preset,
                        seeded,
                        runs,
                        progress,
                        sharedRunsRoots: OtherTablesRuns(request.OutputRoot),
                        stop: request.Stop
                    )
                );
            }
            return trained;
        }
        catch
        {
            foreach (var t in trained)
                t.Dispose();
            throw;
        }
    }

    /// <summary>Scores one seed's rows (and their test.py rows when asked) on the test split beside the ground truth.</summary>
    private static TestSetScores ScoreSeed(
        IReadOnlyList<TrainedMethod> trained,
        ReproduceRequest request,
        TestSplit test,
        TranslationScorer scorer,
        string label,
        IProgressSink progress
    )
    {
        var translators = new List<Translator>();
        try
        {
            var methods = new List<(string method, Func<Tensor, Tensor> translate)>();
            foreach (var t in trained)
            {
                translators.Add(t.Translator());
                methods.Add((t.Method, translators[^1].Translate));
                if (!request.AlsoReferenceTestMode || !t.HasBaselineTestModes)
                    continue;
                translators.Add(t.Translator(BaselineTestMode.Reference));
                methods.Add((ReferenceTestModeRow(t.Method), translators[^1].Translate));
            }
            progress.Message($"scoring the {test.Count} test pairs{label}: ground truth and {string.Join(", ", methods.Select(m => m.method))}");
            var scores = TestSetEvaluation.Run(test, scorer, methods, log: progress.Message);
            foreach (var row in scores.Rows)
                progress.Message($"{row.Method}{label}: {Describe(row)}");
            return scores;
        }
        finally
        {
            foreach (var translator in translators)
                translator.Dispose();
        }
    }

    public IReadOnlyList<MethodCost> Estimate(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var (plan, options) = Plan(request);
        if (request.Preset == Preset.Paper)
        {
            try
            {
                plan = WithPaperSchedule(plan, options, EvaluationCorpus.For(options[0]).TrainPairs, request.Overrides, progress);
            }
            catch (DirectoryNotFoundException e)
            {
                progress.Message($"{e.Message}; projecting the presets' step counts (CelebAMask-HQ's training split) instead");
            }
        }
        return plan.Select(p =>
            {
                progress.Message(
                    $"timing {p.method.Method} ({p.method.Experiment}, preset {request.Preset.Name()}): {TrainingCost.TimedSteps} steps after a "
                        + "warm-up"
                );
                return TrainingCost.Measure(p.method, request.Preset, p.overrides) with { Seeds = request.Seeds };
            })
            .ToList();
    }

    /// <summary>
    /// Every row with the options it trains with (the table's, the user's, then the row's own, after the preset), resolved;
    /// refuses fewer than one seed, an unknown preset and rows that would not see the same data.
    /// </summary>
    private (List<(TableMethod method, IReadOnlyList<KeyValuePair<string, string>> overrides)> plan, List<ImageToImageOptions> options) Plan(
        ReproduceRequest request
    )
    {
        if (request.Seeds < 1)
            throw new UsageException($"--seeds must be at least 1 (got {request.Seeds})");
        if (!Presets.Contains(request.Preset))
            throw new UsageException(
                $"unknown preset '{request.Preset.Name()}' for {Name} (valid: {string.Join(", ", Presets.Select(p => p.Name()))})"
            );
        var overrides = TableOptions(request.Preset).Concat(request.Overrides ?? []).ToList();
        var plan = Methods
            .Select(m => (method: m, overrides: (IReadOnlyList<KeyValuePair<string, string>>)overrides.Concat(m.Options).ToList()))
            .ToList();
        var options = plan.Select(p => (ImageToImageOptions)BuiltInExperiments.Registry.Get(p.method.Experiment).Resolve(request.Preset, p.overrides))
            .ToList();
        RequireSameData(options);
        return (plan, options);
    }

    /// <summary>
    /// Each row's steps at the paper preset: <see cref="PaperSchedule.Epochs"/> epochs of the corpus' training split at
    /// the row's batch size, unless the user set steps.
    /// </summary>
    private static List<(TableMethod method, IReadOnlyList<KeyValuePair<string, string>> overrides)> WithPaperSchedule(
        IReadOnlyList<(TableMethod method, IReadOnlyList<KeyValuePair<string, string>> overrides)> plan,
        IReadOnlyList<ImageToImageOptions> options,
        int trainPairs,
        IReadOnlyList<KeyValuePair<string, string>>? userOverrides,
        IProgressSink progress
    ) =>
        plan.Select(
                (row, i) =>
                {
                    if (PaperSchedule.Override(userOverrides ?? [], trainPairs, options[i].BatchSize) is not { } steps)
                        return row;
                    progress.Message(
                        $"{row.method.Method}: {PaperSchedule.Epochs} epochs of {trainPairs:N0} training pairs at batch {options[i].BatchSize} = "
                            + $"{steps.Value} steps"
                    );
                    return (row.method, (IReadOnlyList<KeyValuePair<string, string>>)[.. row.overrides, steps]);
                }
            )
            .ToList();

    /// <summary>The runs folders of the other tables reproduced into the same output folder, whose runs a row may reuse.</summary>
    private string[] OtherTablesRuns(string outputRoot) =>
        TableRegistry
            .Default.Names.Where(name => name != Name)
            .Select(name => Path.GetFullPath(Path.Combine(outputRoot, name, "runs")))
            .Where(Directory.Exists)
            .ToArray();

    private static string Describe(MethodScores row) =>
        string.Join(
            "  ",
            Table1Metrics.Keys.Select(k => (k, v: row.Values.GetValueOrDefault(k))).Where(kv => kv.v is not null).Select(kv => $"{kv.k} {kv.v:0.###}")
        );

    private void RequireSameData(IReadOnlyList<ImageToImageOptions> options)
    {
        var first = options[0];
        for (var i = 1; i < options.Count; i++)
        {
            var o = options[i];
            if (o.Resolution != first.Resolution || o.Corpus != first.Corpus || o.ShapesCount != first.ShapesCount)
                throw new UsageException(
                    $"{Name}: every method must see the same data, but {Methods[0].Method} trains on {first.Corpus} ({first.ShapesCount} pairs at "
                        + $"{first.Resolution}²) "
                        + $"and {Methods[i].Method} on {o.Corpus} ({o.ShapesCount} pairs at {o.Resolution}²)"
                );
        }
    }

    /// <summary>condition | ground truth | each method, for the first test pairs.</summary>
    private static Media SampleGridPng(TestSetScores scores)
    {
        using var scope = torch.NewDisposeScope();
        var grid = SampleGrids.Rows([scores.Conditions, scores.Photos, .. scores.Translations]);
        return Media.Png(ImageIO.Encode(ImageTensor.ToHwc(grid), ImageFormat.Png));
    }

    /// <summary>The paper's Figure 2: the Reverse network's energies on real and translated targets, and the balance k.</summary>
    private static LinePlot Curves(TrainedMethod dino)
    {
        var steps = dino.History.Select(r => (double)r.Step).ToArray();
        return new LinePlot($"{dino.Method} training: E_real, E_fake and k (the paper's Figure 2)", "step", "energy / k")
            .Add("E_real", steps, dino.Series("E_real"))
            .Add("E_fake", steps, dino.Series("E_fake"))
            .Add("k", steps, dino.Series(DinoExperiment.BalanceKey));
    }
}
