using Dino.Repro.Torch.Jit;
using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>
/// The one path from images (or prepared batches, e.g. FVD's video clips) to evaluator outputs for FID, KID, IS
/// and FVD (stylegan2-ada's compute_feature_stats_for_dataset): images are read as RGB uint8, resized where the
/// evaluator has a fixed input size, stacked into NCHW batches and run through the TorchScript module with the
/// evaluator's keyword arguments; each batch runs in its own dispose scope so memory stays at one batch.
/// </summary>
public sealed class FeatureExtractor : EvaluatorNetwork
{
    private FeatureExtractor(Evaluator evaluator, string? folder, Device? device)
        : base(evaluator, folder, device) => this.Evaluator = evaluator;

    public Evaluator Evaluator { get; }

    /// <summary>How many times forward ran (lets a test see that cached statistics skip the network).</summary>
    public int ForwardCalls { get; private set; }

    /// <summary>
    /// Loads the evaluator from <paramref name="folder"/> (default &lt;data root&gt;/evaluators) onto <paramref name="device"/>
    /// (default the CPU; batches are moved there and outputs come back to the CPU); a missing file is a
    /// <see cref="MissingEvaluatorException"/>.
    /// </summary>
    public static FeatureExtractor Load(Evaluator evaluator, string? folder = null, Device? device = null)
    {
        if (evaluator.Outputs is not (EvaluatorOutputs.FeaturesAndLogits or EvaluatorOutputs.KeywordSelected))
            throw new ArgumentException($"{evaluator.Name} gives {evaluator.Outputs}; it is not a feature extractor");
        return new FeatureExtractor(evaluator, folder, device);
    }

    /// <summary>The evaluator when its file is there; otherwise null, with <paramref name="missing"/> saying which script makes it.</summary>
    public static FeatureExtractor? TryLoad(Evaluator evaluator, out string? missing, string? folder = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        missing = evaluator.Missing(folder);
        return missing is null ? Load(evaluator, folder, device) : null;
    }

    /// <summary>Runs every image file, <paramref name="batchSize"/> at a time, for the <paramref name="kinds"/> asked for.</summary>
    public ExtractedFeatures Extract(IReadOnlyList<string> files, int batchSize = 64, FeatureKinds kinds = FeatureKinds.Both)
    {
        if (files.Count == 0)
            throw new ArgumentException("no images to extract features from");
        return ExtractBatches((files.Count + batchSize - 1) / batchSize, kinds, b =>
        {
            var images = files.Skip(b * batchSize).Take(batchSize).Select(f => Prepare(ImageIO.Read(f, ImageReadMode.Rgb), f)).ToList();
            return torch.stack(images, 0).permute(0, 3, 1, 2).contiguous();
        });
    }

    /// <summary>Runs uint8 images [N,3,H,W] in [0,255], <paramref name="batchSize"/> at a time, for the <paramref name="kinds"/> asked for.</summary>
    public ExtractedFeatures Extract(Tensor images, int batchSize = 64, FeatureKinds kinds = FeatureKinds.Both)
    {
        if (images.dim() != 4 || images.size(1) != 3 || images.dtype != ScalarType.Byte)
            throw new ArgumentException($"images must be uint8 [N,3,H,W], got {images.dtype.TorchName()} [{string.Join(",", images.shape)}]");
        var n = images.size(0);
        return ExtractBatches((int)((n + batchSize - 1) / batchSize), kinds, b =>
        {
            var batch = images.narrow(0, (long)b * batchSize, Math.Min(batchSize, n - (long)b * batchSize));
            if (Evaluator.InputSize is null)
                return batch.contiguous();
            var hwc = batch.permute(0, 2, 3, 1).contiguous();
            return Resize.Hwc(hwc, Evaluator.InputSize.Value, Evaluator.InputSize.Value).permute(0, 3, 1, 2).contiguous();
        });
    }

    /// <summary>
    /// Runs float images [N,3,H,W] in [−1, 1] quantised to bytes as a saved image would be (so generated and real images
    /// reach the network alike), <paramref name="batchSize"/> at a time.
    /// </summary>
    public ExtractedFeatures ExtractAsSaved(Tensor images, int batchSize = 64, FeatureKinds kinds = FeatureKinds.Both)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var bytes = ImageTensor.ToHwc(images).permute(0, 3, 1, 2).contiguous();
        return Extract(bytes, batchSize, kinds);
    }

    /// <summary>Runs <paramref name="batches"/> batches that <paramref name="makeBatch"/> prepares in the evaluator's input format.</summary>
    public ExtractedFeatures ExtractBatches(int batches, FeatureKinds kinds, Func<int, Tensor> makeBatch)
    {
        var features = new List<Tensor>();
        var probabilities = new List<Tensor>();
        try
        {
            for (var b = 0; b < batches; b++)
            {
                using var scope = torch.NewDisposeScope();
                var (f, p) = Run(makeBatch(b).to(Device), kinds);
                if (f is not null)
                    features.Add(f.MoveToOuterDisposeScope());
                if (p is not null)
                    probabilities.Add(p.MoveToOuterDisposeScope());
            }
            return new ExtractedFeatures(Concat(features), Concat(probabilities));
        }
        finally
        {
            foreach (var t in features.Concat(probabilities))
                t.Dispose();
        }
    }

    private static Tensor? Concat(List<Tensor> parts) => parts.Count == 0 ? null : torch.cat(parts, 0);

    /// <summary>The forward call(s) on one batch, read as <see cref="Evaluator.outputs"/> says.</summary>
    private (Tensor? features, Tensor? probabilities) Run(Tensor batch, FeatureKinds kinds)
    {
        using var _ = torch.no_grad(); // TorchScript runs under the caller's grad mode; a metric needs no graph
        if (Evaluator.Outputs == EvaluatorOutputs.KeywordSelected)
        {
            Tensor? Call(IReadOnlyDictionary<string, object>? kwargs, FeatureKinds kind)
            {
                if (kwargs is null || !kinds.HasFlag(kind))
                    return null;
                ForwardCalls++;
                return ScriptOutputs.Single(Module.forward(Evaluator.Signature.Positional([batch], kwargs)), Path);
            }
            var features = Call(Evaluator.FeaturesKwargs, FeatureKinds.Features);
            var probabilities = Call(Evaluator.ProbabilitiesKwargs, FeatureKinds.Probabilities);
            return (features?.to(ScalarType.Float32, torch.CPU), probabilities?.to(ScalarType.Float64, torch.CPU));
        }
        ForwardCalls++;
        var outputs = ScriptOutputs.Tensors(Module.forward(batch), Path);
        if (outputs.Length != 2)
            throw new InvalidDataException(
                $"{Path}: forward returned {outputs.Length} tensor(s), but a {Evaluator.Outputs} evaluator gives 2 (features, logits)"
            );
        var logits = outputs[1].to(ScalarType.Float64, torch.CPU);
        return (outputs[0].to(ScalarType.Float32, torch.CPU), torch.nn.functional.softmax(logits, 1));
    }

    /// <summary>An [H,W,3] image resized to the evaluator's side when it has one.</summary>
    private Tensor Prepare(Tensor hwc, string file)
    {
        if (Evaluator.InputSize is not { } side)
            return hwc;
        return hwc.size(0) == side && hwc.size(1) == side ? hwc : Resize.Hwc(hwc, side, side);
    }
}
