using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Listen and Move's discriminators (reference <c>Discriminator</c>, skip architecture): log₂(S) − 2 layers of
/// [average pool 2, two (conv3×3, batch norm, LeakyReLU 0.2)] from min(base / 2^(n), max) channels up to
/// min(base, max), each also fed a 1×1 fromRGB of the input resized (nearest) to its scale, and a 1×1 decision
/// convolution to 4×4 patch scores (no activation: WGAN-GP). D_I (<c>frames = 1</c>) is 2-D on single frames; D_V is
/// 3-D on whole clips, halving time in its first layers while it can (T even). Where the reference resizes the
/// skip's time one layer late (it broadcasts depth 1 against 2 when time runs out before space, e.g. T = 32 at 256²),
/// the kit resizes it with the layer — the same network wherever time and space halve equally often (Table 1's runs).
/// </summary>
public sealed class SkipDiscriminator : nn.Module<Tensor, Tensor>
{
    public const int PatchSide = 4;

    private readonly ModuleList<nn.Module<Tensor, Tensor>> fromRgb = new();
    private readonly ModuleList<Sequential> layers = new();
    private readonly nn.Module<Tensor, Tensor> decision;
    private readonly bool video;

    /// <param name="frames">1 for the image critic D_I; T (even) for the video critic D_V.</param>
    public SkipDiscriminator(int frames, int imageSize, int channelsBase = 1024, int maxChannels = 512)
        : base(nameof(SkipDiscriminator))
    {
        if (imageSize < 8 || (imageSize & (imageSize - 1)) != 0)
            throw new ArgumentException($"the critic's input side is a power of two of at least 8 (got {imageSize})", nameof(imageSize));
        if (frames < 1 || (frames > 1 && frames % 2 != 0))
            throw new ArgumentException($"the video critic takes an even number of frames (got {frames})", nameof(frames));
        Frames = frames;
        ImageSize = imageSize;
        video = frames > 1;
        var count = (int)Math.Round(Math.Log2(imageSize)) - 2;
        int Channels(int stage) => (int)Math.Min(channelsBase / Math.Pow(2, stage), maxChannels);
        if (Channels(count) < 1 || maxChannels < 1)
            throw new ArgumentException($"channels_base {channelsBase} leaves no channel at the first of {count} layers at {imageSize}²");
        TimeLayers = video ? Math.Min(System.Numerics.BitOperations.TrailingZeroCount(frames), count) : 0;
        for (var i = 0; i < count; i++)
        {
            var stage = count - 1 - i;
            fromRgb.Add(Conv(3, Channels(stage + 1), 1));
            var halveTime = i < TimeLayers;
            layers.Add(
                nn.Sequential(
                    video ? nn.AvgPool3d([halveTime ? 2 : 1, 2, 2]) : nn.AvgPool2d(2),
                    Conv(Channels(stage + 1), Channels(stage), 3),
                    video ? nn.BatchNorm3d(Channels(stage)) : nn.BatchNorm2d(Channels(stage)),
                    nn.LeakyReLU(0.2),
                    Conv(Channels(stage), Channels(stage), 3),
                    video ? nn.BatchNorm3d(Channels(stage)) : nn.BatchNorm2d(Channels(stage)),
                    nn.LeakyReLU(0.2)
                )
            );
        }
        decision = Conv(Channels(0), 1, 1);
        RegisterComponents();
        WeightInit.Normal(this, volumetric: true);
    }

    public int Frames { get; }
    public int ImageSize { get; }

    /// <summary>Layers that also halve time (D_V): as many as T halves evenly, at most one per layer.</summary>
    public int TimeLayers { get; }

    /// <param name="input">D_I: frames [B, 3, S, S]; D_V: clips [B, T, 3, S, S]; in [−1, 1].</param>
    /// <returns>Patch scores [B, 1, 4, 4] (D_I) or [B, 1, T / 2^TimeLayers, 4, 4] (D_V).</returns>
    public override Tensor forward(Tensor input)
    {
        long[] expected = video ? [input.size(0), Frames, 3, ImageSize, ImageSize] : [input.size(0), 3, ImageSize, ImageSize];
        if (!input.shape.SequenceEqual(expected))
        {
            var wanted = video ? $"[B, {Frames}, 3, {ImageSize}, {ImageSize}]" : $"[B, 3, {ImageSize}, {ImageSize}]";
            throw new ArgumentException($"this critic takes {wanted}, got [{string.Join(", ", input.shape)}]");
        }
        using var scope = torch.NewDisposeScope();
        var image = video ? input.permute(0, 2, 1, 3, 4) : input; // channels before time, as Conv3d wants
        Tensor? x = null;
        for (var i = 0; i < layers.Count; i++)
        {
            if (i > 0)
                image = nn.functional.interpolate(image, scale_factor: video ? [i <= TimeLayers ? 0.5 : 1, 0.5, 0.5] : [0.5, 0.5]);
            var skip = fromRgb[i].call(image);
            x = layers[i].call(x is null ? skip : x.add(skip));
        }
        return decision.call(x!).MoveToOuterDisposeScope();
    }

    private nn.Module<Tensor, Tensor> Conv(int inChannels, int outChannels, int kernel) =>
        video ? nn.Conv3d(inChannels, outChannels, kernel, padding: kernel / 2) : nn.Conv2d(inChannels, outChannels, kernel, padding: kernel / 2);
}
