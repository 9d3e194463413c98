using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Grid;
using Dino.Repro.Evaluation.Speech;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.Common.VideoSpeech;
using Dino.Repro.Models.CycleGanSpeech;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Models.PerceptualGanSpeech;
using Dino.Repro.Models.WaveGanSpeech;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// `dino reproduce dino-table3`: DINO's video-to-speech table on GRID (unseen speakers and phrases). It trains the kit's
/// GRID recogniser (the WER column's "pretrained ASR" and the Perceptual GAN's speech encoder), then each method on the
/// training speakers, speaks every test utterance's whole video and scores the speech against the real one with PESQ,
/// STOI, MCD and the recogniser's WER; the ground-truth row scores the real speech itself.
/// </summary>
public sealed class DinoTable3 : IReproducibleTable
{
    public const string TableName = "dino-table3";
    public const string GroundTruth = "Ground Truth",
        WaveGan = "Conditional WaveGAN",
        CycleGan = "CycleGAN",
        PerceptualGan = "Perceptual GAN",
        Dino = "DINO",
        Recogniser = "GRID recogniser";

    /// <summary>Test utterances whose speech the report plays.</summary>
    public const int ClipsPlayed = 2;

    /// <summary>The methods in the paper's order, their experiments and Table 3's PESQ, STOI, MCD and WER (fraction).</summary>
    public static IReadOnlyList<(string Method, string Experiment, double[] Paper)> Methods { get; } =
    [
        (WaveGan, ConditionalWaveGanExperiment.Name, [0.96, 0.37, 43.7, 0.817]),
        (CycleGan, CycleGanSpeechExperiment.Name, [1.01, 0.29, 28.3, 0.886]),
        (PerceptualGan, PerceptualGanExperiment.Name, [1.24, 0.45, 24.3, 0.405]),
        (Dino, DinoSpeechExperiment.Name, [1.21, 0.51, 23.0, 0.326]),
    ];

    // Each run's options type, for routing --set keys (resolving would validate, and the Perceptual GAN's needs its encoder first).
    private static readonly Dictionary<string, Type> OptionTypes = new()
    {
        [GridRecogniserExperiment.ExperimentName] = typeof(GridRecogniserOptions),
        [ConditionalWaveGanExperiment.Name] = typeof(ConditionalWaveGanOptions),
        [CycleGanSpeechExperiment.Name] = typeof(CycleGanSpeechOptions),
        [PerceptualGanExperiment.Name] = typeof(PerceptualGanOptions),
        [DinoSpeechExperiment.Name] = typeof(DinoSpeechOptions),
    };

    /// <summary>Table 3's ground-truth row.</summary>
    public static double[] GroundTruthPaper { get; } = [4.5, 1.00, 0.0, 0.054];

    public string Name => TableName;

    public string Description => "DINO (Vougioukas et al. 2021), Table 3: video-to-speech on GRID, unseen speakers and phrases";

    public IReadOnlyList<Preset> Presets { get; } = [Preset.Smoke, Preset.Cpu, Preset.Paper];

    public Reproduction Run(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var routed = Plan(request);
        var folder = Path.GetFullPath(Path.Combine(request.OutputRoot, Name));
        var runs = Path.Combine(folder, "runs");
        Directory.CreateDirectory(folder);

        using var recogniser = TrainedMethod.Train(
            Recogniser,
            GridRecogniserExperiment.ExperimentName,
            request.Preset,
            routed[GridRecogniserExperiment.ExperimentName],
            runs,
            progress,
            stop: request.Stop
        );
        var trained = new List<TrainedMethod>();
        try
        {
            foreach (var (method, experiment, _) in Methods)
            {
                List<KeyValuePair<string, string>> overrides = [.. routed[experiment]];
                if (experiment == PerceptualGanExperiment.Name)
                    overrides.Add(KeyValuePair.Create("speech_encoder", recogniser.RunDirectory));
                trained.Add(TrainedMethod.Train(method, experiment, request.Preset, overrides, runs, progress, stop: request.Stop));
            }
            return Score(request, folder, recogniser, trained, progress);
        }
        finally
        {
            foreach (var method in trained)
                method.Dispose();
        }
    }

    private Reproduction Score(
        ReproduceRequest request,
        string folder,
        TrainedMethod recogniser,
        IReadOnlyList<TrainedMethod> trained,
        IProgressSink progress
    )
    {
        var options = (VideoSpeechOptions)trained[0].Options;
        using var corpus = CorpusRegistry.Get(options.Corpus).Grid!(options.SpokenGridSpeakers, options.SpokenGridUtterances);
        var utterances = corpus.Utterances(GridSplitName.Test);
        if (utterances.Count == 0)
            throw new InvalidDataException(
                $"{corpus.Root} has no utterances of test speakers ({string.Join(" ", GridSplit.TestSpeakers.Select(s => $"s{s}"))})"
            );
        progress.Message($"{Name}: speaking the {utterances.Count} test utterances with every method and scoring them");
        var examples = GridClipCache.LoadAll(corpus, utterances, options.ClipOptions);
        try
        {
            using var transcriber = Evaluation.Speech.GridTranscriberFiles.Load(recogniser.RunDirectory);
            var rate = options.ClipOptions.SampleRate;
            var real = examples.Select(e => e.Audio.data<float>().ToArray()).ToList();
            var sentences = examples.Select(e => e.Text).ToList();
            var names = examples.Select(e => e.Utterance.ToString()).ToList();
            var spoken = new Dictionary<string, IReadOnlyList<float[]>> { [GroundTruth] = real };
            foreach (var method in trained)
                spoken[method.Method] = Speak(((IVideoToSpeech)method.Experiment).Speaker, examples);
            var scores = spoken.ToDictionary(
                kv => kv.Key,
                kv =>
                    SpeechReconstructionScores.Of(
                        names.Select((name, i) => new SpokenClip(name, real[i], kv.Value[i], sentences[i])).ToList(),
                        transcriber,
                        rate
                    )
            );
            var result = new DinoTable3Result(folder, request.Preset, options.Corpus, utterances.Count, scores)
            {
                Runs = [(recogniser.Method, recogniser.RunDirectory), .. trained.Select(t => (t.Method, t.RunDirectory))],
                Played =
                [
                    .. Enumerable
                        .Range(0, Math.Min(ClipsPlayed, examples.Count))
                        .Select(i => new PlayedClip(names[i], sentences[i], spoken.ToDictionary(kv => kv.Key, kv => kv.Value[i]))),
                ],
                SampleRate = rate,
            };
            return DinoTable3Report.Write(result, [.. trained.Select(t => t.LossPlot())]);
        }
        finally
        {
            foreach (var example in examples)
                example.Dispose();
        }
    }

    // Each whole test video through the trained Forward network, in eval mode, a few clips at a time.
    private static IReadOnlyList<float[]> Speak(VideoToSpeechGenerator speaker, IReadOnlyList<GridExample> examples)
    {
        var device = speaker.parameters().First().device;
        speaker.eval();
        using var noGrad = torch.no_grad();
        var spoken = new List<float[]>();
        foreach (var chunk in examples.Chunk(8))
        {
            using var scope = torch.NewDisposeScope();
            // Frames [T, C, S, S] in [−1, 1] → [B, C, T, S, S].
            var video = torch.stack(chunk.Select(e => e.Video.permute(1, 0, 2, 3)).ToArray(), 0).to(device);
            var speech = speaker.call(video).to(torch.CPU);
            for (var i = 0; i < chunk.Length; i++)
                spoken.Add(speech[i].data<float>().ToArray());
        }
        speaker.train();
        return spoken;
    }

    public IReadOnlyList<MethodCost> Estimate(ReproduceRequest request, IProgressSink progress)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var routed = Plan(request);
        progress.Message(
            $"timing the recogniser and every method of {Name} (preset {request.Preset.Name()}): {TrainingCost.TimedSteps} steps after a warm-up"
        );
        var costs = new List<MethodCost>();
        var registry = BuiltInExperiments.Registry;
        foreach (
            var (method, experiment) in Methods.Select(m => (m.Method, m.Experiment)).Prepend((Recogniser, GridRecogniserExperiment.ExperimentName))
        )
        {
            if (experiment == PerceptualGanExperiment.Name)
            {
                progress.Message($"{method}: not timed here (it needs a trained recogniser; its step costs about the conditional WaveGAN's)");
                continue;
            }
            var definition = registry.Get(experiment);
            var options = definition.Resolve(request.Preset, routed[experiment]);
            options.Device.Require();
            using var created = definition.Create(options);
            var seconds = TrainingCost.MedianStepSeconds(created);
            var resolution = options is VideoSpeechOptions v ? v.FrameSize : 0; // the recogniser reads audio: no frame size
            costs.Add(new MethodCost(method, experiment, resolution, options.BatchSize, options.Device, options.Steps, seconds));
        }
        return costs;
    }

    // The user's --set options go to every run whose options have that key; speech_encoder is the table's to set.
    private Dictionary<string, List<KeyValuePair<string, string>>> Plan(ReproduceRequest request)
    {
        if (!Presets.Contains(request.Preset))
            throw new UsageException($"{Name} runs at {string.Join(", ", Presets.Select(p => p.Name()))}");
        if (request.Seeds != 1)
            throw new UsageException($"{Name} trains one seed (--seeds is for the DINO image-to-image tables)");
        if (request.AlsoReferenceTestMode)
            throw new UsageException($"--reference-test-mode is for pix2pix and BicycleGAN rows; {Name} has none");
        var experiments = Methods.Select(m => m.Experiment).Prepend(GridRecogniserExperiment.ExperimentName).ToList();
        var keys = experiments.ToDictionary(e => e, e => OptionSet.Keys(OptionTypes[e]).ToHashSet());
        var routed = experiments.ToDictionary(e => e, _ => new List<KeyValuePair<string, string>>());
        foreach (var (key, value) in request.Overrides ?? [])
        {
            if (key == "speech_encoder")
                throw new UsageException($"{Name} sets speech_encoder itself (the recogniser it trains)");
            var takers = experiments.Where(e => keys[e].Contains(key)).ToList();
            if (takers.Count == 0)
                throw new UsageException($"unknown option '{key}' for the runs of {Name} ({string.Join(", ", experiments)})");
            foreach (var experiment in takers)
                routed[experiment].Add(KeyValuePair.Create(key, value));
        }
        return routed;
    }
}
