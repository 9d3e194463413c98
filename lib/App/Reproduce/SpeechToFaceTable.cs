using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.SpeechToFace;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.FaceAttributes;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// `dino reproduce wav2pix-table2|wav2pix-table3`: trains every row of a <see cref="SpeechToFaceTableSpec"/>, draws faces
/// for the pairs of each split (training utterances, unseen utterances of training speakers, unseen speakers), scores
/// them — and the real faces, the reference row — with an identity judge trained on real frames, and writes the report.
/// </summary>
public sealed class SpeechToFaceTable(SpeechToFaceTableSpec spec) : IReproducibleTable
{
    public const string RealFaces = "Real faces (reference)";

    /// <summary>Training pairs scored at most (evenly spaced), so a large corpus costs no more than its held-out splits.</summary>
    public const int MaxTrainPairs = 512;

    /// <summary>Faces drawn at once.</summary>
    private const int Chunk = 64;

    public SpeechToFaceTableSpec Spec => spec;
    public string Name => spec.Name;
    public string Description => spec.Description;
    public IReadOnlyList<Preset> Presets { get; } = [Preset.Smoke, Preset.Cpu, Preset.Paper];

    public static string KeyOf(string metric, FacePairSplit split) => $"{metric}@{split.Label()}";

    public Reproduction Run(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var overrides = Plan(request);
        var folder = Path.GetFullPath(Path.Combine(request.OutputRoot, Name));
        var runs = Path.Combine(folder, "runs");
        Directory.CreateDirectory(folder);

        var trained = new List<TrainedMethod>();
        try
        {
            foreach (var row in spec.Rows)
                trained.Add(
                    TrainedMethod.Train(
                        row.Method,
                        row.Experiment,
                        request.Preset,
                        [.. overrides, .. row.Options],
                        runs,
                        progress,
                        stop: request.Stop
                    )
                );
            return Score(request, folder, trained, progress);
        }
        finally
        {
            foreach (var method in trained)
                method.Dispose();
        }
    }

    private Reproduction Score(ReproduceRequest request, string folder, IReadOnlyList<TrainedMethod> trained, IProgressSink progress)
    {
        var options = (TalkingHeadOptions)trained[0].Options;
        var corpus = CorpusRegistry.TalkingHeads(options.Corpus)(options.CorpusSize, options.ReaderOptions);
        using var judge = SpeechToFaceJudging.Judge(
            corpus,
            new IdentityJudgeOptions(options.Resolution, IdentityJudgeOptions.DefaultSteps(request.Preset)),
            progress.Message
        );
        // Every face drawn is freed with this scope, once the report is written.
        using var scope = torch.NewDisposeScope();
        var splits = LoadSplits(corpus);
        using var scorer = new SpeechToFaceScorer(judge, splits[FacePairSplit.Train].Faces, SpeechToFaceJudging.HairByLabel(corpus));
        // The thesis' own measure where its file is present, on the held-out utterances; the judge's columns either way.
        using var inceptionNetwork = FeatureExtractor.TryLoad(Evaluators.Inception, out var inceptionMissing, device: options.Device.ToTorch());
        using var inception = inceptionNetwork is null ? null : new InceptionFaceScores(inceptionNetwork, splits[FacePairSplit.Train].Faces);
        progress.Message(
            $"{Name}: scoring {string.Join(", ", splits.Select(s => $"{s.Value.Labels.size(0)} {s.Key.Label()}"))} pairs with {judge.Description}"
        );

        var rows = new List<MethodScores> { new(RealFaces, ScoreEach(scorer, inception, splits, split => splits[split].Faces)) };
        var shown = SampleRows(splits[FacePairSplit.UnseenUtterances].Labels);
        var heldOut = splits[FacePairSplit.UnseenUtterances];
        var grid = new List<Tensor> { heldOut.Faces.index_select(0, shown) };
        var speech = Speech(heldOut.Speech.index_select(0, shown), options.ReaderOptions.PreEmphasis);
        // Rows may hear different lengths of speech (the thesis 4 s, the ICASSP code 1 s): each draws from the same pairs,
        // loaded, normalised and pre-emphasised at its own length, as it trained.
        var speechOf = new Dictionary<int, Dictionary<FacePairSplit, YouTubersBatch>> { [options.ReaderOptions.LoadSamples] = splits };
        foreach (var method in trained)
        {
            var model = (ISpeechToFaceModel)method.Experiment;
            var reader = ((TalkingHeadOptions)method.Options).ReaderOptions;
            if (!speechOf.TryGetValue(reader.LoadSamples, out var heard))
                speechOf[reader.LoadSamples] = heard = LoadSplits(CorpusRegistry.TalkingHeads(options.Corpus)(options.CorpusSize, reader));
            using var noise = new Generator(7);
            var drawn = heard.ToDictionary(s => s.Key, s => Draw(model, s.Value, noise));
            rows.Add(new MethodScores(method.Method, ScoreEach(scorer, inception, splits, split => drawn[split])));
            grid.Add(drawn[FacePairSplit.UnseenUtterances].index_select(0, shown));
        }
        var result = new SpeechToFaceResult(
            folder,
            request.Preset,
            options.Corpus,
            judge.Description,
            rows,
            splits.ToDictionary(s => s.Key, s => (int)s.Value.Labels.size(0))
        )
        {
            Inception = inceptionNetwork?.Path ?? $"missing: {inceptionMissing}",
            Runs = trained.Select(t => (t.Method, t.RunDirectory)).ToList(),
        };
        return SpeechToFaceReport.Write(spec, result, grid, speech, trained.Select(t => t.LossPlot()).ToList());
    }

    // The splits the corpus has, in memory; the training split thinned to MaxTrainPairs evenly spaced pairs.
    private static Dictionary<FacePairSplit, YouTubersBatch> LoadSplits(YouTubersCorpus corpus)
    {
        var splits = new Dictionary<FacePairSplit, YouTubersBatch>();
        foreach (var split in Enum.GetValues<FacePairSplit>().Where(s => corpus.Split(s).Count > 1))
        {
            var batch = corpus.LoadSplit(split);
            var n = batch.Labels.size(0);
            if (split == FacePairSplit.Train && n > MaxTrainPairs)
            {
                using var picks = torch.linspace(0, n - 1, MaxTrainPairs).round().to(ScalarType.Int64);
                var thinned = new YouTubersBatch(
                    batch.Faces.index_select(0, picks),
                    batch.Speech.index_select(0, picks),
                    batch.Labels.index_select(0, picks)
                );
                batch.Dispose();
                batch = thinned;
            }
            splits[split] = batch;
        }
        foreach (var needed in new[] { FacePairSplit.Train, FacePairSplit.UnseenUtterances })
            if (!splits.ContainsKey(needed))
                throw new InvalidDataException($"{corpus.Root}: the {needed.Label()} split needs at least two pairs for this table");
        return splits;
    }

    private static Dictionary<string, double?> ScoreEach(
        SpeechToFaceScorer scorer,
        InceptionFaceScores? inception,
        Dictionary<FacePairSplit, YouTubersBatch> splits,
        Func<FacePairSplit, Tensor> faces
    )
    {
        var values = new Dictionary<string, double?>();
        foreach (var (split, pairs) in splits)
        foreach (var (metric, value) in scorer.Score(faces(split), pairs.Labels))
            values[KeyOf(metric, split)] = value;
        foreach (var (metric, value) in inception?.Score(faces(FacePairSplit.UnseenUtterances)) ?? [])
            values[KeyOf(metric, FacePairSplit.UnseenUtterances)] = value;
        return values;
    }

    private static Tensor Draw(ISpeechToFaceModel model, YouTubersBatch pairs, Generator noise)
    {
        var n = pairs.Labels.size(0);
        var chunks = new List<Tensor>();
        for (long start = 0; start < n; start += Chunk)
        {
            var length = Math.Min(Chunk, n - start);
            chunks.Add(model.DrawFaces(pairs.Labels.narrow(0, start, length), pairs.Speech.narrow(0, start, length), noise).cpu());
        }
        return torch.cat(chunks);
    }

    // The grid rows' speech as WAV files to play: the pre-emphasis undone, as the speaker said it (peak-normalised).
    private static IReadOnlyList<byte[]> Speech(Tensor windows, double preEmphasis) =>
        Enumerable
            .Range(0, (int)windows.size(0))
            .Select(i =>
            {
                var samples = Signal.Emphasis.DeEmphasis(windows[i].data<float>().ToArray(), (float)preEmphasis);
                var peak = Math.Max(samples.Max(MathF.Abs), 1e-6f);
                return Signal.WavFile.Encode(new Signal.AudioBuffer([samples.Select(x => 0.9f * x / peak).ToArray()], TalkingHeadOptions.SampleRate));
            })
            .ToList();

    // The grid's rows: the first held-out pair of each speaker, then the second of each, … up to eight.
    private static Tensor SampleRows(Tensor labels)
    {
        var all = labels.data<long>().ToArray();
        var order = all.Select((label, i) => (label, i, rank: all.Take(i).Count(l => l == label)))
            .OrderBy(p => p.rank)
            .ThenBy(p => p.label)
            .Select(p => (long)p.i)
            .Take(8)
            .ToArray();
        return torch.tensor(order);
    }

    public IReadOnlyList<MethodCost> Estimate(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var overrides = Plan(request);
        var registry = BuiltInExperiments.Registry;
        progress.Message($"timing every row of {Name} (preset {request.Preset.Name()}): {TrainingCost.TimedSteps} steps after a warm-up");
        var costs = new List<MethodCost>();
        foreach (var row in spec.Rows)
        {
            var definition = registry.Get(row.Experiment);
            var options = (TalkingHeadOptions)definition.Resolve(request.Preset, [.. overrides, .. row.Options]);
            options.Device.Require();
            using var experiment = definition.Create(options);
            var seconds = TrainingCost.MedianStepSeconds(experiment);
            costs.Add(new MethodCost(row.Method, row.Experiment, options.Resolution, options.BatchSize, options.Device, options.Steps, seconds));
        }
        return costs;
    }

    /// <summary>Each row's options at the request's preset, as <see cref="Run"/> trains them (refusing what it refuses).</summary>
    public IReadOnlyList<TalkingHeadOptions> RowOptions(ReproduceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var overrides = Plan(request);
        return spec
            .Rows.Select(row =>
                (TalkingHeadOptions)BuiltInExperiments.Registry.Get(row.Experiment).Resolve(request.Preset, [.. overrides, .. row.Options])
            )
            .ToList();
    }

    // The table's preset options, then the user's --set, go to every row; the options that make a row what it is are the table's.
    private List<KeyValuePair<string, string>> Plan(ReproduceRequest request)
    {
        if (!Presets.Contains(request.Preset))
            throw new UsageException($"{Name} runs at {string.Join(", ", Presets.Select(p => p.Name()))}");
        if (request.Seeds != 1)
            throw new UsageException($"{Name} trains one seed (--seeds is for the DINO image-to-image tables)");
        if (request.AlsoReferenceTestMode)
            throw new UsageException($"--reference-test-mode is for pix2pix and BicycleGAN rows; {Name} has none");
        var user = request.Overrides ?? [];
        foreach (var (key, _) in user.Where(o => spec.RowKeys.Contains(o.Key)))
            throw new UsageException($"{Name} sets {key} itself: it is what tells its rows apart");
        List<KeyValuePair<string, string>> overrides = [.. spec.OptionsAt(request.Preset), .. user];
        // Every row must accept every override, and all must read the same pairs.
        var data = spec
            .Rows.Select(row =>
                (TalkingHeadOptions)BuiltInExperiments.Registry.Get(row.Experiment).Resolve(request.Preset, [.. overrides, .. row.Options])
            )
            .Select(o => (o.Corpus, o.CorpusSize, o.ReaderOptions with { LoadSeconds = null }))
            .Distinct()
            .Count();
        if (data != 1)
            throw new UsageException($"{Name}'s rows must read the same pairs: set corpus and pair options for all of them alike");
        return overrides;
    }
}
