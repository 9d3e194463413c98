using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Torch.Jit;

namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// LPIPS (Zhang et al. 2018) through a TorchScript evaluator, in either of two interfaces: forward(x, y) on two
/// float [N,3,H,W] images in [-1,1] returns the distance [N,1,1,1], as lpips.LPIPS traced by
/// data-scripts/CONVERSION.md does (AlexNet); or NVIDIA's vgg16.pt returns LPIPS features of [0,255] images whose
/// squared L2 distance is LPIPS (VGG, <see cref="Evaluators.LpipsVgg"/>). The kit computes nothing of LPIPS
/// itself but that sum, so its numbers are the networks'; they were not checked against the lpips package here
/// because the weights cannot be fetched in the kit's build environment.
/// </summary>
public sealed class Lpips : EvaluatorNetwork
{
    private readonly Evaluator evaluator;

    private Lpips(Evaluator evaluator, string? folder)
        : base(evaluator, folder, device: null) => this.evaluator = evaluator;

    /// <summary>
    /// Loads <paramref name="evaluator"/> (default LPIPS-AlexNet) from <paramref name="folder"/>; a missing file is a <see
    /// cref="MissingEvaluatorException"/>.
    /// </summary>
    public static Lpips Load(Evaluator? evaluator = null, string? folder = null)
    {
        var e = evaluator ?? Evaluators.LpipsAlex;
        if (e.Outputs is not (EvaluatorOutputs.Distance or EvaluatorOutputs.LpipsFeatures))
            throw new ArgumentException($"{e.Name} is not an LPIPS evaluator");
        return new Lpips(e, folder);
    }

    /// <summary>Per-pair distances [N] of float [N,3,H,W] (or [3,H,W]) images in [-1,1] of equal shape.</summary>
    public Tensor Distances(Tensor x, Tensor y)
    {
        using var noGrad = torch.no_grad(); // TorchScript runs under the caller's grad mode; a metric needs no graph
        if (!x.shape.SequenceEqual(y.shape))
            throw new ArgumentException($"LPIPS compares images of one shape, got [{string.Join(",", x.shape)}] and [{string.Join(",", y.shape)}]");
        if (x.dim() is not (3 or 4) || x.size(-3) != 3)
            throw new ArgumentException($"LPIPS takes RGB [N,3,H,W] or [3,H,W], got [{string.Join(",", x.shape)}]");
        using var scope = torch.NewDisposeScope();
        var (a, b) = x.dim() == 3 ? (x.unsqueeze(0), y.unsqueeze(0)) : (x, y);
        foreach (var (t, which) in new[] { (a, "first"), (b, "second") })
        {
            // NaN passes any range test; [0,1] or [0,255] images would give plausible-looking wrong numbers: refuse both.
            MetricInput.RequireFinite(t, which, "LPIPS");
            if (t.min().ToDouble() < -1 - 1e-6 || t.max().ToDouble() > 1 + 1e-6)
                throw new ArgumentException("LPIPS inputs must lie in [-1, 1]");
        }
        var (a32, b32) = (a.to(ScalarType.Float32), b.to(ScalarType.Float32));
        var d = evaluator.Outputs == EvaluatorOutputs.Distance ? ScriptOutputs.Single(Module.forward(a32, b32), Path) : FeatureDistances(a32, b32);
        return d.reshape(d.size(0)).to(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// NVIDIA's interface, as perceptual_path_length.py uses it: both images in one batch, taken to [0,255];
    /// the distance is the squared difference of their features summed over the feature dimension.
    /// </summary>
    private Tensor FeatureDistances(Tensor a, Tensor b)
    {
        var n = a.size(0);
        var features = ScriptOutputs.Single(
            Module.forward(evaluator.Signature.Positional([torch.cat([a, b]).add(Scalars.Of(1.0)).mul(Scalars.Of(127.5))], evaluator.FeaturesKwargs)),
            Path
        );
        if (features.dim() != 2 || features.size(0) != 2 * n)
            throw new InvalidDataException(
                $"{Path}: forward returned [{string.Join(",", features.shape)}], but {evaluator.Name} gives LPIPS features [{2 * n},F]"
            );
        return (features.narrow(0, 0, n) - features.narrow(0, n, n)).square().sum(1);
    }

    /// <summary>The distance of one image pair [3,H,W].</summary>
    public double Distance(Tensor x, Tensor y)
    {
        using var d = Distances(x, y);
        return d.mean().ToDouble();
    }
}
