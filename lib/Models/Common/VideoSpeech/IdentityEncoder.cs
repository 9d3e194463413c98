using TorchSharp.Modules;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// The Reverse network's identity encoder on the clip's first frame (DINO A.1.2): 4×4 stride-2 convolutions with batch
/// norm and ReLU, channels doubling from 64, while the maps are larger than 4×4; a valid convolution over what is left and
/// Tanh give the identity code. Every block's maps are kept for the frame decoder's U-Net skips.
/// </summary>
public sealed class IdentityEncoder : nn.Module<Tensor, (Tensor code, Tensor[] maps)>
{
    private readonly ModuleList<Sequential> blocks;
    private readonly Conv2d project;
    private readonly VideoSpeechSizes sizes;

    public IdentityEncoder(VideoSpeechSizes sizes)
        : base(nameof(IdentityEncoder))
    {
        this.sizes = sizes ?? throw new ArgumentNullException(nameof(sizes));
        Sides = sizes.ImageSides();
        MapChannels = VideoSpeechSizes.Doubling(sizes.IdentityWidth, Sides.Count);
        blocks = new ModuleList<Sequential>();
        var previous = (long)sizes.Channels;
        foreach (var c in MapChannels)
        {
            blocks.append(nn.Sequential(nn.Conv2d(previous, c, 4, stride: 2, padding: 1, bias: false), nn.BatchNorm2d(c), nn.ReLU()));
            previous = c;
        }
        project = nn.Conv2d(previous, sizes.IdentityCode, Sides[^1]);
        RegisterComponents();
    }

    /// <summary>Each block's map side, first block first.</summary>
    public IReadOnlyList<int> Sides { get; }

    /// <summary>Each block's channels, first block first.</summary>
    public IReadOnlyList<int> MapChannels { get; }

    /// <param name="frame">The first frame [B, C, S, S] in [−1, 1].</param>
    /// <returns>The code [B, identity code] and each block's maps, first block first.</returns>
    public override (Tensor code, Tensor[] maps) forward(Tensor frame)
    {
        if (frame.dim() != 4 || frame.size(1) != sizes.Channels || frame.size(2) != sizes.FrameSize || frame.size(3) != sizes.FrameSize)
            throw new ArgumentException(
                $"the identity encoder takes [B, {sizes.Channels}, {sizes.FrameSize}, {sizes.FrameSize}], got [{string.Join(", ", frame.shape)}]"
            );
        using var scope = torch.NewDisposeScope();
        var maps = new List<Tensor>();
        var x = frame;
        foreach (var block in blocks)
        {
            x = block.call(x);
            maps.Add(x);
        }
        var code = project.call(x).flatten(1).tanh();
        return (code.MoveToOuterDisposeScope(), maps.Select(m => m.MoveToOuterDisposeScope()).ToArray());
    }
}
