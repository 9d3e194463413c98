using Dino.Repro.Data.Loading;
using Dino.Repro.Models.Dino;
using Dino.Repro.Training;

namespace Dino.Repro.App.Bench;

/// <summary>
/// The DINO video-to-speech iteration benchmark: one training iteration exactly as <see cref="DinoSpeechExperiment.Step"/>
/// runs it (R on real and detached fake speech, then F through the updated R), beside the same computation in PyTorch
/// (bench/dino_speech_step.py, written from the fact sheet) in one run, on 1-s windows (25 frames, 16,000 samples) at two
/// sizes: the paper's networks (96² colour mouths) at batch 2 and the kit's cpu preset (32² grey, widths a quarter) at its
/// batch of 8.
/// </summary>
public static class DinoSpeechStep
{
    public const int Frames = 25;

    /// <summary>The sizes timed: name → the options that differ from the paper's and the batch.</summary>
    public static IReadOnlyDictionary<string, Func<DinoSpeechOptions, DinoSpeechOptions>> Sizes { get; } =
        new Dictionary<string, Func<DinoSpeechOptions, DinoSpeechOptions>>
        {
            ["paper"] = o => o with { BatchSize = 2 },
            ["cpu"] = o => DinoSpeechExperiment.Presets[IO.Preset.Cpu](o) with { BatchSize = 8, Device = ComputeDevice.Cpu },
        };

    public static SizedStepBench Bench { get; } =
        new(
            "dino_speech",
            "DINO video-to-speech iteration (1 R + 1 F update, 25 frames)",
            [KeyValuePair.Create("paper", "96² colour, batch 2"), KeyValuePair.Create("cpu", "32² grey, widths ¼, batch 8")]
        );

    /// <summary>Median milliseconds of one iteration at a size of <see cref="Sizes"/>, after <paramref name="warmup"/> unmeasured ones.</summary>
    public static double MedianMilliseconds(string size, int warmup = 2, int steps = 5)
    {
        torch.manual_seed(0);
        var options = Sizes[size]
            (
                new DinoSpeechOptions
                {
                    ClipFrames = Frames,
                    WindowFrames = Frames,
                    InitialK = 0.5,
                }
            );
        using var experiment = new DinoSpeechExperiment(options, RandomClips(options));
        return StepTiming.MedianMilliseconds(experiment, warmup, steps);
    }

    // One batch of random mouths (bytes, as the clip cache keeps them) and speech.
    private static ShuffledBatches RandomClips(DinoSpeechOptions o)
    {
        var channels = o.Grayscale ? 1 : 3;
        return new ShuffledBatches(
            new Dictionary<string, Tensor>
            {
                [DinoSpeechExperiment.MouthKey] = torch.randint(
                    0,
                    256,
                    [o.BatchSize, Frames, o.FrameSize, o.FrameSize, channels],
                    dtype: ScalarType.Byte
                ),
                [DinoSpeechExperiment.AudioKey] = torch.rand(o.BatchSize, Frames * 640).mul(Scalars.Of(2)).sub(Scalars.Of(1)),
            },
            o.BatchSize,
            seed: 0
        );
    }
}
