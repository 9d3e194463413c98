using Dino.Repro.Data.SoundVideo;
using Dino.Repro.IO;
using Dino.Repro.Models.ListenAndMove;
using Dino.Repro.Training;

namespace Dino.Repro.App.Bench;

/// <summary>
/// The Listen and Move iteration benchmark: one training iteration of the full model (<see cref="ListenAndMoveOptions"/>'
/// defaults: dilated residual GRU, acIN, DirConvGRU video prediction) exactly as <see cref="ListenAndMoveExperiment.Step"/>
/// runs it — D_V on generated and frame-shuffled clips, D_I on one frame, each WGAN-GP, then G through both critics and
/// the perceptual term — beside the same computation in PyTorch (bench/lam_step.py, written from the fact sheet; its
/// networks have the kit's parameter counts) in one run, on a random clip at two sizes: the paper's networks (128²,
/// T = 32, channels 1024 / 2^l capped at 512), one warmup and the median of three as an iteration takes minutes on two
/// cores, and the kit's cpu preset (32², T = 16, 128 / 2^l capped at 64). The perceptual term goes through the
/// kit's stand-in feature network at both sizes, untrained and frozen — a trained one costs the same; the paper preset's
/// VGG16 is a TorchScript file the bench does without.
/// </summary>
public static class ListenAndMoveStep
{
    /// <summary>The stand-in's head reads the melodic clip's two states (height, size); the bench never uses it.</summary>
    public const int StateFields = 2;

    /// <summary>The sizes timed: name → the options that differ from the paper's full model, and the untimed and timed iterations.</summary>
    public static IReadOnlyDictionary<string, (Func<ListenAndMoveOptions, ListenAndMoveOptions> Options, int Warmup, int Steps)> Sizes { get; } =
        new Dictionary<string, (Func<ListenAndMoveOptions, ListenAndMoveOptions>, int, int)>
        {
            ["paper"] = (o => o with { Device = ComputeDevice.Cpu }, 1, 3),
            ["cpu"] = (o => ListenAndMoveExperiment.Presets[Preset.Cpu](o) with { Device = ComputeDevice.Cpu }, 2, 5),
        };

    public static SizedStepBench Bench { get; } =
        new(
            "listen_and_move",
            "Listen and Move iteration (1 D_V + 1 D_I + 1 G update, one clip)",
            [
                KeyValuePair.Create("paper", "128², T = 32, widths 512 → 32, median of 3"),
                KeyValuePair.Create("cpu", "32², T = 16, widths 64 → 16, median of 5"),
            ]
        );

    /// <summary>The options of a size of <see cref="Sizes"/>.</summary>
    public static ListenAndMoveOptions Options(string size) => Sizes[size].Options(new ListenAndMoveOptions());

    /// <summary>
    /// Median milliseconds of one iteration at a size of <see cref="Sizes"/>, after <paramref name="warmup"/> unmeasured
    /// ones (null: the size's own counts, as bench/lam_step.py uses).
    /// </summary>
    public static double MedianMilliseconds(string size, int? warmup = null, int? steps = null)
    {
        var (_, sizeWarmup, sizeSteps) = Sizes[size];
        torch.manual_seed(0);
        using var experiment = Create(size);
        return StepTiming.MedianMilliseconds(experiment, warmup ?? sizeWarmup, steps ?? sizeSteps);
    }

    /// <summary>The experiment timed at a size, on its random clip; the caller disposes it.</summary>
    public static ListenAndMoveExperiment Create(string size)
    {
        var options = Options(size);
        var standIn = new FrameFeatureNet(StateFields);
        foreach (var p in standIn.parameters())
            p.requires_grad_(false);
        standIn.eval();
        return new ListenAndMoveExperiment(options, RandomClip(options), standIn);
    }

    // Random frames and descriptors: a training split of eight clips (seven a pass, so states carry from step to step as in
    // training) and a validation split of two.
    private static SoundClipData RandomClip(ListenAndMoveOptions o)
    {
        SoundVideoSequence Split(int clips) =>
            new(
                torch.randint(0, 256, [clips * o.ClipLength, o.ImageSize, o.ImageSize, 3], dtype: ScalarType.Byte),
                torch.randn(clips * o.ClipLength, o.Architecture.SoundFeatures),
                o.ClipLength
            );
        var train = Split(8);
        var clip = SoundVideoCorpus.InMemory("random", new SoundVideoOptions(Size: o.ImageSize, ClipLength: o.ClipLength), train, Split(2));
        return new SoundClipData(new SoundClipBatches(train, o.Seed), clip, TrainStates: null);
    }
}
