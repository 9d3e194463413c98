using Dino.Repro.App.Reporting;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Evaluation.SoundToVideo;
using Dino.Repro.IO;
using Dino.Repro.Models.ListenAndMove;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// `dino reproduce lam-table1`: Listen and Move's ablation (Table 1) on the Sound-motion corpus — every row (a generator
/// configuration) trained on each source's clip and scored on its validation split (<see cref="SoundToVideoScorer"/>):
/// SSIM, LPIPS-, FVD- and FID-style distances and the direct sync error, beside the paper's SSIM / LPIPS / FVD. smoke:
/// the melodic source; cpu: melodic and speech (the cello and talking-head columns) at 500 steps a row, the two the
/// paper's claims differ most on (all four at the experiment's 1,500 steps: ~2.3 h of steps by --estimate); paper: the
/// paper's four clips (the reference's crops, VGG16 perceptual term, 50,000 steps on CUDA) scored with AlexNet-LPIPS,
/// Inception and I3D (<see cref="ListenAndMovePaperInputs"/> checks them all first).
/// </summary>
public sealed class ListenAndMoveTable1 : IReproducibleTable
{
    public const string TableName = "lam-table1";

    /// <summary>Steps of every row at cpu (the experiment's cpu preset trains 1,500).</summary>
    public const int CpuSteps = 500;

    public string Name => TableName;

    public string Description => "Listen and Move (Redondo 2023), Table 1: the ablation of the sound-to-video generator, per source";

    public IReadOnlyList<Preset> Presets { get; } = [Preset.Smoke, Preset.Cpu, Preset.Paper];

    /// <summary>The sources (Table 1 columns) a preset trains.</summary>
    public static IReadOnlyList<(string Column, string Source)> Columns(Preset preset) =>
        preset == Preset.Smoke ? [ListenAndMoveTable.Columns[0]]
        : preset == Preset.Cpu ? [ListenAndMoveTable.Columns[0], ListenAndMoveTable.Columns[3]]
        : [.. ListenAndMoveTable.PaperClips.Select(c => (c.Column, c.Clip))];

    public Reproduction Run(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        Check(request);
        var folder = Path.GetFullPath(Path.Combine(request.OutputRoot, Name));
        var runs = Path.Combine(folder, "runs");
        Directory.CreateDirectory(folder);
        var results = new List<ListenAndMoveCell>();
        var curves = new List<LinePlot>();
        var videos = new List<(string Caption, byte[] Mp4)>();
        foreach (var (column, source) in Columns(request.Preset))
        {
            var drawn = new List<(string Row, Tensor Frames)>();
            float[] audio = [];
            try
            {
                foreach (var row in ListenAndMoveTable.Rows)
                {
                    using var trained = TrainedMethod.Train(
                        $"{row.Name} — {column}",
                        ListenAndMoveExperiment.Name,
                        request.Preset,
                        Overrides(row, source, request),
                        runs,
                        progress,
                        stop: request.Stop
                    );
                    var options = (ListenAndMoveOptions)trained.Options;
                    var generator = ((ListenAndMoveExperiment)trained.Experiment).Generator;
                    var (scores, fake, real, sound) = Score(generator, options, progress, $"{row.Name} — {column}");
                    results.Add(new ListenAndMoveCell(row.Name, column, scores, trained.RunDirectory));
                    curves.Add(trained.LossPlot());
                    if (drawn.Count == 0)
                    {
                        drawn.Add(("Real", real));
                        audio = sound;
                    }
                    else
                        real.Dispose();
                    drawn.Add((row.Name, fake));
                }
                videos.Add(($"{column} ({source}): real, then each row, on the first validation clip", ListenAndMoveVideo.Grid(drawn, audio)));
            }
            finally
            {
                foreach (var (_, frames) in drawn)
                    frames.Dispose();
            }
        }
        return ListenAndMoveTable1Report.Write(folder, request.Preset, results, curves, videos);
    }

    /// <summary>
    /// The row's configuration and the source's clip, then the table's cpu step count or the paper clip's crops and perceptual
    /// network, then the user's --set.
    /// </summary>
    public static List<KeyValuePair<string, string>> Overrides(ListenAndMoveRow row, string source, ReproduceRequest request)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(request);
        List<KeyValuePair<string, string>> all = [.. row.Overrides, new("clip", source)];
        if (request.Preset == Preset.Cpu)
            all.Add(new("steps", CpuSteps.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (request.Preset == Preset.Paper)
            all.AddRange(ListenAndMovePaperInputs.Overrides(source));
        all.AddRange(request.Overrides ?? []);
        return all;
    }

    // Scores a trained generator on its clip's validation split; draws the split's first clip and cuts its sound (for the video).
    private static (SoundToVideoScores Scores, Tensor Fake, Tensor Real, float[] Sound) Score(
        SoundToVideoGenerator generator,
        ListenAndMoveOptions o,
        IProgressSink progress,
        string what
    )
    {
        progress.Message($"{what}: scoring the validation split");
        using var opened = ListenAndMoveClip.Open(o);
        var clip = opened.Clip;
        var scores = SoundToVideoScorer.Score(generator, clip, opened.Space, opened.States, o.ClipLength, o.Seed);
        using var first = clip.Validation.Clip(0);
        var fake = generator.DrawClip(first.Features, o.Seed);
        var fps = new SoundFeatureOptions().Fps;
        var sound = Signal.AudioDecoder.Default.Decode(opened.Path, ListenAndMoveVideo.SampleRate).Channels[0];
        var start = (int)(clip.Train.Length / fps * ListenAndMoveVideo.SampleRate);
        var length = (int)(o.ClipLength / fps * ListenAndMoveVideo.SampleRate);
        var cut = sound.Skip(start).Take(length).ToArray();
        return (scores, fake, first.Frames.clone(), cut);
    }

    private void Check(ReproduceRequest request, bool scoring = true)
    {
        if (request.Seeds != 1 || request.AlsoReferenceTestMode)
            throw new UsageException($"{Name} trains one seed and has no pix2pix rows (--seeds, --reference-test-mode)");
        if (request.Preset == Preset.Paper)
            ListenAndMovePaperInputs.Require(Name, scoring, outOfDistribution: false);
    }

    public IReadOnlyList<MethodCost> Estimate(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        Check(request, scoring: false);
        return Costs(request, ListenAndMoveTable.Rows);
    }

    /// <summary>What training each of <paramref name="rows"/> on each source of the request's preset would cost here.</summary>
    public static IReadOnlyList<MethodCost> Costs(ReproduceRequest request, IReadOnlyList<ListenAndMoveRow> rows)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = BuiltInExperiments.Registry.Get(ListenAndMoveExperiment.Name);
        var costs = new List<MethodCost>();
        foreach (var (column, source) in Columns(request.Preset))
        foreach (var row in rows)
        {
            var options = (ListenAndMoveOptions)definition.Resolve(request.Preset, Overrides(row, source, request));
            options.Device.Require();
            using var created = definition.Create(options);
            var seconds = TrainingCost.MedianStepSeconds(created);
            costs.Add(
                new MethodCost($"{row.Name} — {column}", ListenAndMoveExperiment.Name, options.ImageSize, 1, options.Device, options.Steps, seconds)
            );
        }
        return costs;
    }
}

/// <summary>One trained row on one source, and its scores.</summary>
public sealed record ListenAndMoveCell(string Row, string Column, SoundToVideoScores Scores, string RunDirectory);
