using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Evaluation.SoundToVideo;

/// <summary>
/// The evaluation's reader of a Sound-motion frame's state — the kit's stand-in for the paper's pretrained evaluators and
/// the source of a direct sync-error column. Three stride-2 conv3×3 + ReLU layers (32, 64, 64 channels), global average
/// pooling and a linear read-out with sigmoid, trained on the clip's training frames to give each frame's recorded state.
/// It is a different network from the generator's perceptual stand-in, trained with another seed, so the scores do not
/// reward matching the features the generator was trained on.
/// </summary>
public sealed class StateReader : nn.Module<Tensor, Tensor>
{
    public const int Width = 64;

    private readonly ModuleList<Sequential> layers = new();
    private readonly Linear readOut;

    public StateReader(int fields)
        : base(nameof(StateReader))
    {
        int[] channels = [3, 32, 64, Width];
        for (var i = 0; i < 3; i++)
            layers.Add(nn.Sequential(nn.Conv2d(channels[i], channels[i + 1], 3, stride: 2, padding: 1), nn.ReLU()));
        readOut = nn.Linear(Width, fields);
        RegisterComponents();
    }

    /// <summary>The maps after each layer, for the LPIPS-style distance.</summary>
    public IReadOnlyList<Tensor> Maps(Tensor frames)
    {
        var maps = new List<Tensor>();
        var x = frames;
        foreach (var layer in layers)
        {
            x = layer.call(x);
            maps.Add(x);
        }
        return maps;
    }

    /// <summary>Pooled features [N, 64] of frames [N, 3, S, S] in [0, 1] (the FID- and FVD-style statistics' input).</summary>
    public Tensor Pooled(Tensor frames)
    {
        using var scope = torch.NewDisposeScope();
        return Maps(frames)[^1].mean([2, 3]).MoveToOuterDisposeScope();
    }

    /// <summary>The read states [N, fields] in [0, 1].</summary>
    public override Tensor forward(Tensor frames)
    {
        using var scope = torch.NewDisposeScope();
        return readOut.call(Pooled(frames)).sigmoid().MoveToOuterDisposeScope();
    }

    /// <summary>Bumped when the reader or its training changes, so cached ones are not reused.</summary>
    public const string Version = "v1";

    public const int TrainingSteps = 600;

    /// <summary>The reader's own seed, apart from every training run's.</summary>
    public const long ReaderSeed = 20_231_207;

    /// <summary>
    /// The reader of a clip, trained once (seeded apart from training runs, without touching their random numbers) and
    /// cached under the data root by corpus, clip and frame size.
    /// </summary>
    /// <param name="frames">The clip's training frames, uint8 [N, S, S, 3].</param>
    /// <param name="states">Their recorded states, [N][fields] in [0, 1].</param>
    public static StateReader For(string corpus, string clip, Tensor frames, IReadOnlyList<double[]> states)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
            throw new ArgumentException("the state reader needs the frames' states");
        return StateRegression.LoadOrTrain(
            Path.Combine("listen-and-move", $"state-reader-{Version}-{corpus}-{clip}-{frames.size(1)}px.safetensors"),
            () => new StateReader(states[0].Length),
            reader => reader.call,
            frames,
            states,
            TrainingSteps,
            2e-3,
            ReaderSeed
        );
    }
}
