using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// The kit's stand-in for the VGG16-to-relu2_2 features of Listen and Move's perceptual term: VGG's first two blocks at a
/// quarter of the width (conv3×3 16, 16, max pool, conv3×3 32, 32, each with ReLU), trained on the clip's training frames
/// to read each frame's recorded state (so its features see what the sound moves), then frozen. Inputs in [0, 1].
/// </summary>
public sealed class FrameFeatureNet : nn.Module<Tensor, Tensor>
{
    private readonly Sequential body;
    private readonly Sequential head;

    public FrameFeatureNet(int fields)
        : base(nameof(FrameFeatureNet))
    {
        body = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding: 1),
            nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding: 1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding: 1),
            nn.ReLU(),
            nn.Conv2d(32, 32, 3, padding: 1),
            nn.ReLU()
        );
        head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, fields), nn.Sigmoid());
        RegisterComponents();
    }

    /// <param name="frames">[N, 3, S, S] in [0, 1].</param>
    /// <returns>The relu2_2-like maps [N, 32, S/2, S/2].</returns>
    public override Tensor forward(Tensor frames) => body.call(frames);

    /// <summary>The states the training reads from the features, [N, fields] in [0, 1].</summary>
    public Tensor ReadStates(Tensor frames)
    {
        using var scope = torch.NewDisposeScope();
        return head.call(body.call(frames)).MoveToOuterDisposeScope();
    }
}

/// <summary>The frozen feature network of the perceptual term: the trained stand-in, or a TorchScript VGG16 to relu2_2.</summary>
public static class FrameFeatures
{
    public const string StandIn = "stand-in";

    /// <summary>The paper's network's file in the evaluators folder (data-scripts/CONVERSION.md).</summary>
    public const string PaperFileName = "vgg16-relu2_2.pt";

    /// <summary>Training steps of the stand-in (batches of 32 random training frames, Adam 1e-3).</summary>
    public const int StandInSteps = 400;

    /// <summary>Bumped when the stand-in's network or training changes, so cached ones are not reused.</summary>
    public const string StandInVersion = "v1";

    /// <summary>
    /// The stand-in for a clip, trained once (seeded, without touching the caller's random numbers) and cached under the
    /// data root by corpus, clip, frame size and seed.
    /// </summary>
    /// <param name="frames">The clip's training frames, uint8 [N, S, S, 3].</param>
    /// <param name="states">Each frame's recorded state, [N][fields] in [0, 1].</param>
    public static FrameFeatureNet TrainedStandIn(string corpus, string clip, long seed, Tensor frames, IReadOnlyList<double[]> states)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(states);
        var fields = states.Count > 0 ? states[0].Length : throw new ArgumentException("the stand-in needs the frames' states");
        return StateRegression.LoadOrTrain(
            Path.Combine("listen-and-move", $"frame-features-{StandInVersion}-{corpus}-{clip}-{frames.size(1)}px-seed{seed}.safetensors"),
            () => new FrameFeatureNet(fields),
            net => net.ReadStates,
            frames,
            states,
            StandInSteps,
            1e-3,
            seed
        );
    }

    /// <summary>A TorchScript module taking ImageNet-normalised [N, 3, S, S] frames (VGG16 up to relu2_2).</summary>
    public static jit.ScriptModule<Tensor, Tensor> TorchScript(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"perceptual_net: {path} not found — give \"{StandIn}\" (sound-motion) or a TorchScript VGG16 to relu2_2 "
                    + "(data-scripts/CONVERSION.md)",
                path
            );
        var module = torch.jit.load<Tensor, Tensor>(path);
        module.eval();
        foreach (var p in module.parameters())
            p.requires_grad_(false);
        return module;
    }
}
