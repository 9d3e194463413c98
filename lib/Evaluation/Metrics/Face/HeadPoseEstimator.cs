using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Torch.Jit;

namespace Dino.Repro.Evaluation.Metrics.Face;

/// <summary>
/// Head pose read by Hopenet (Ruiz et al. 2018, natanielruiz/deep-head-pose: ResNet-50 with three 66-bin heads, the
/// <c>hopenet_robust_alpha1.pkl</c> weights traced to TorchScript as data-scripts/CONVERSION.md says): the paper-preset
/// stand-in for the ground-truth pose the embedded faces record, so a translation can be checked for keeping its input's
/// pose on real faces. Faces are fed as the reference's test code feeds its crops: RGB resized to 224², ImageNet's mean
/// and std on [0, 1]; each angle is the expected bin centre under the head's softmax (bins 3° wide from −99°, as
/// its test_hopenet.py computes it).
/// </summary>
public sealed class HeadPoseEstimator : EvaluatorNetwork
{
    public const int Bins = 66;
    public const double BinDegrees = 3;
    public const double FirstBinDegrees = -99;
    public const int InputSize = 224;

    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>The angles it reads, in the order of its heads and of <see cref="Read"/>'s columns.</summary>
    public static IReadOnlyList<string> Angles { get; } = ["yaw", "pitch", "roll"];

    /// <summary>Hopenet traced as CONVERSION.md says: forward(x) on [N,3,224,224] returns (yaw, pitch, roll) logits [N,66] each.</summary>
    public static Evaluator Hopenet { get; } =
        new("Hopenet head pose", "hopenet.pt", InputSize, EvaluatorOutputs.BinnedAngles, "data-scripts/CONVERSION.md ('Head pose')");

    private HeadPoseEstimator(Evaluator evaluator, string? folder, Device? device)
        : base(evaluator, folder, device) { }

    /// <summary>
    /// Loads Hopenet (or <paramref name="evaluator"/>, a file with its interface) from <paramref name="folder"/>
    /// (default &lt;data root&gt;/evaluators); a missing file is a <see cref="MissingEvaluatorException"/>.
    /// </summary>
    public static HeadPoseEstimator Load(string? folder = null, Device? device = null, Evaluator? evaluator = null) =>
        new(evaluator ?? Hopenet, folder, device);

    /// <summary>Yaw, pitch and roll in degrees [N, 3] of faces [N, 3, S, S] in [−1, 1] (any S; resized to 224² bilinearly).</summary>
    public Tensor Read(Tensor faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.dim() != 4 || faces.size(1) != 3 || !faces.is_floating_point())
            throw new ArgumentException(
                $"head pose reads float RGB faces [N,3,S,S] in [-1,1], got {faces.dtype.TorchName()} [{string.Join(", ", faces.shape)}]"
            );
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = faces.to(ScalarType.Float32, Device).add(Scalars.Of(1)).mul(Scalars.Of(0.5));
        if (x.size(2) != InputSize || x.size(3) != InputSize)
            x = nn.functional.interpolate(x, size: [InputSize, InputSize], mode: InterpolationMode.Bilinear, align_corners: false);
        x = x.sub(torch.tensor(Mean, device: Device).view(1, 3, 1, 1)).div(torch.tensor(Std, device: Device).view(1, 3, 1, 1));
        var heads = ScriptOutputs.Tensors(Module.forward(x.contiguous()), Path);
        if (heads.Length != 3 || heads.Any(h => h.dim() != 2 || h.size(0) != faces.size(0) || h.size(1) != Bins))
            throw new InvalidDataException(
                $"{Path}: forward returned {string.Join(", ", heads.Select(h => $"[{string.Join(", ", h.shape)}]"))}, "
                    + $"expected three [N, {Bins}] (yaw, pitch, roll)"
            );
        var centres = torch
            .arange(Scalars.Of(Bins), dtype: ScalarType.Float32, device: Device)
            .mul(Scalars.Of(BinDegrees))
            .add(Scalars.Of(FirstBinDegrees));
        var angles = torch.stack(heads.Select(h => h.to(ScalarType.Float32).softmax(1).mv(centres)).ToArray(), 1);
        return angles.to(torch.CPU).MoveToOuterDisposeScope();
    }
}
