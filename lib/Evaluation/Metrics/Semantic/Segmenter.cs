using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Torch.Jit;
using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.Metrics.Semantic;

/// <summary>
/// Runs a TorchScript segmenter (<see cref="SegmenterSpec"/>) on images and returns label maps, for pixel accuracy
/// and mIoU of generated images against their ground-truth labels (<see cref="SegmentationScores"/>).
/// </summary>
public sealed class Segmenter : EvaluatorNetwork
{
    private Segmenter(SegmenterSpec spec, string? folder, Device? device)
        : base(spec.Evaluator, folder, device) => this.Spec = spec;

    public SegmenterSpec Spec { get; }

    /// <summary>
    /// Loads the segmenter from <paramref name="folder"/> (default &lt;data root&gt;/evaluators) onto <paramref name="device"/>
    /// (default the CPU; labels always come back on the CPU); a missing file is a <see cref="MissingEvaluatorException"/>.
    /// </summary>
    public static Segmenter Load(SegmenterSpec spec, string? folder = null, Device? device = null)
    {
        if (spec.Mean.Length != 3 || spec.Std.Length != 3 || spec.Std.Any(s => !(s > 0)))
            throw new ArgumentException($"{spec.Evaluator.Name}: mean and std need 3 values each, std positive");
        if (spec.InputHeight.HasValue != spec.InputWidth.HasValue)
            throw new ArgumentException($"{spec.Evaluator.Name}: give both input sides or neither");
        return new Segmenter(spec, folder, device);
    }

    /// <summary>Labels int64 [H,W] of a uint8 RGB image [H,W,3], at the image's size (scores resized back with nearest neighbour).</summary>
    public Tensor Predict(Tensor image)
    {
        using var noGrad = torch.no_grad(); // TorchScript runs under the caller's grad mode; a prediction needs no graph
        if (image.dim() != 3 || image.size(2) != 3 || image.dtype != ScalarType.Byte)
            throw new ArgumentException(
                $"{Spec.Evaluator.Name} segments uint8 RGB images [H,W,3], got {image.dtype.TorchName()} [{string.Join(", ", image.shape)}]"
            );
        using var scope = torch.NewDisposeScope();
        var (height, width) = (image.size(0), image.size(1));
        var sized = Spec.InputHeight is { } h && (h != height || Spec.InputWidth != width) ? Resize.Hwc(image, h, Spec.InputWidth!.Value) : image;
        var x = sized.to(ScalarType.Float32, Device).permute(2, 0, 1);
        if (Spec.Bgr)
            x = x.flip(0);
        x = x.sub(torch.tensor(Spec.Mean).to(ScalarType.Float32, Device).view(3, 1, 1))
            .div(torch.tensor(Spec.Std).to(ScalarType.Float32, Device).view(3, 1, 1));
        var scores = ScriptOutputs.Tensors(Module.forward(x.unsqueeze(0).contiguous()), Path)[0];
        if (scores.dim() != 4 || scores.size(0) != 1 || scores.size(1) != Spec.NumClasses)
            throw new InvalidDataException(
                $"{Path}: forward returned scores [{string.Join(", ", scores.shape)}], expected [1, {Spec.NumClasses}, H, W]"
            );
        var labels = scores.argmax(1).squeeze(0).to(torch.CPU);
        if (labels.size(0) != height || labels.size(1) != width)
            labels = ResizeLabels(labels, height, width);
        return labels.MoveToOuterDisposeScope();
    }

    /// <summary>Nearest-neighbour resize of an integer label map (labels are never blended).</summary>
    private static Tensor ResizeLabels(Tensor labels, long height, long width)
    {
        using var scope = torch.NewDisposeScope();
        var x = labels.to(ScalarType.Float32).unsqueeze(0).unsqueeze(0);
        var resized = torch.nn.functional.interpolate(x, size: new[] { height, width }, mode: InterpolationMode.Nearest);
        return resized.squeeze(0).squeeze(0).to(ScalarType.Int64).MoveToOuterDisposeScope();
    }
}
