using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.Metrics.Video;

/// <summary>
/// FVD (Unterthiner et al. 2018): the Fréchet distance (Heusel et al. 2017, eq. 6; <see cref="FrechetDistance"/>)
/// between Gaussians fitted to I3D features of real and generated clips. Clips are fixed-length runs of frames,
/// preprocessed as Listen and Move does: RGB in [−1,1], resized with nearest neighbour to T×224×224, and run
/// through StyleGAN-V's TorchScript I3D with rescale=False, resize=False, return_features=True (400-d features;
/// <see cref="Evaluators.I3d"/>). The kit's numbers were not compared with StyleGAN-V's here: the network
/// cannot be downloaded in the kit's build environment.
/// </summary>
public static class FrechetVideoDistance
{
    /// <summary>StyleGAN-V's clip length.</summary>
    public const int DefaultClipFrames = 16;

    /// <summary>
    /// Non-overlapping clips of <paramref name="clipFrames"/> frames cut from uint8 [T,H,W,3] frames, from the start; a shorter tail is dropped.
    /// </summary>
    public static List<Tensor> Clips(Tensor frames, int clipFrames, string source)
    {
        if (clipFrames < 1)
            throw new ArgumentOutOfRangeException(nameof(clipFrames), clipFrames, "a clip holds at least one frame");
        if (frames.dim() != 4 || frames.size(3) != 3 || frames.dtype != ScalarType.Byte)
            throw new ArgumentException($"{source}: frames are uint8 [T,H,W,3], got {frames.dtype.TorchName()} [{string.Join(", ", frames.shape)}]");
        var count = frames.size(0) / clipFrames;
        if (count == 0)
            throw new ArgumentException($"{source} has {frames.size(0)} frames, fewer than one clip of {clipFrames}");
        return Enumerable.Range(0, (int)count).Select(i => frames.narrow(0, (long)i * clipFrames, clipFrames)).ToList();
    }

    /// <summary>The clips of every video file, each cut by <see cref="Clips"/>.</summary>
    public static List<Tensor> ClipsOf(IEnumerable<string> videos, int clipFrames) =>
        videos.SelectMany(path => Clips(VideoReader.ReadAll(path), clipFrames, path)).ToList();

    /// <summary>uint8 clips [N,T,H,W,3] → float [N,3,T,side,side] in [−1,1], resized with nearest neighbour (I3D's input).</summary>
    public static Tensor Preprocess(Tensor clips, int side = 224)
    {
        if (clips.dim() != 5 || clips.size(4) != 3 || clips.dtype != ScalarType.Byte)
            throw new ArgumentException($"clips are uint8 [N,T,H,W,3], got {clips.dtype.TorchName()} [{string.Join(", ", clips.shape)}]");
        using var scope = torch.NewDisposeScope();
        var (n, t, h, w) = (clips.size(0), clips.size(1), clips.size(2), clips.size(3));
        var frames = ImageTensor.ToChw(clips.reshape(n * t, h, w, 3)); // [N·T,3,H,W] in [−1,1]
        var x = frames.reshape(n, t, 3, h, w).permute(0, 2, 1, 3, 4); // [N,3,T,H,W]
        var resized = torch.nn.functional.interpolate(x, size: new[] { clips.size(1), side, side }, mode: InterpolationMode.Nearest);
        return resized.contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>I3D features [N,400] of the clips (all of one length), <paramref name="batchSize"/> clips per forward.</summary>
    public static Tensor Features(FeatureExtractor i3d, IReadOnlyList<Tensor> clips, int batchSize = 8)
    {
        if (clips.Count == 0)
            throw new ArgumentException("no clips to extract features from");
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1");
        var side = i3d.Evaluator.InputSize ?? throw new ArgumentException($"{i3d.Evaluator.Name} has no input size to resize clips to");
        using var extracted = i3d.ExtractBatches((clips.Count + batchSize - 1) / batchSize, FeatureKinds.Features, b =>
            Preprocess(torch.stack(clips.Skip(b * batchSize).Take(batchSize).ToList(), 0), side)
        );
        return extracted.RequireFeatures(i3d.Evaluator.Name).clone();
    }

    /// <summary>FVD of two clip sets (each needs at least two clips for a covariance).</summary>
    public static double Compute(FeatureExtractor i3d, IReadOnlyList<Tensor> real, IReadOnlyList<Tensor> generated, int batchSize = 8)
    {
        using var scope = torch.NewDisposeScope();
        return FrechetDistance.Compute(Features(i3d, real, batchSize), Features(i3d, generated, batchSize));
    }
}
