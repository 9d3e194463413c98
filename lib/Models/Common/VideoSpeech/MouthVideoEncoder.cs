using TorchSharp.Modules;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// The Forward network's video encoder: spatio-temporal convolutions over the mouth video, one embedding per frame (DINO
/// A.1.2). Each block is a Conv3d of kernel (5, 4, 4), stride (1, 2, 2) — time kept, space halved — then batch norm and
/// LeakyReLU 0.2; a last Conv3d spanning the remaining space leaves [B, E, T, 1, 1]. Without normalisation (a WGAN-GP
/// critic's, whose penalty is per example) the blocks have no batch norm.
/// </summary>
public sealed class MouthVideoEncoder : nn.Module<Tensor, Tensor>
{
    public const int TemporalKernel = 5;

    private readonly Sequential blocks;
    private readonly Conv3d project;
    private readonly VideoSpeechSizes sizes;

    public MouthVideoEncoder(VideoSpeechSizes sizes, bool normalise = true)
        : base(nameof(MouthVideoEncoder))
    {
        this.sizes = sizes ?? throw new ArgumentNullException(nameof(sizes));
        var sides = sizes.ImageSides();
        var channels = VideoSpeechSizes.Doubling(sizes.VideoWidth, sides.Count);
        blocks = nn.Sequential();
        var previous = (long)sizes.Channels;
        for (var i = 0; i < sides.Count; i++)
        {
            blocks.append(
                nn.Conv3d(previous, channels[i], (TemporalKernel, 4, 4), stride: (1, 2, 2), padding: (TemporalKernel / 2, 1, 1), bias: !normalise)
            );
            if (normalise)
                blocks.append(nn.BatchNorm3d(channels[i]));
            blocks.append(nn.LeakyReLU(0.2));
            previous = channels[i];
        }
        var last = sides.Count == 0 ? sizes.FrameSize : sides[^1];
        project = nn.Conv3d(previous, sizes.Embedding, (1, last, last));
        RegisterComponents();
    }

    /// <param name="video">Mouth crops [B, C, T, S, S] in [−1, 1].</param>
    /// <returns>One embedding per frame, [B, T, E].</returns>
    public override Tensor forward(Tensor video)
    {
        if (video.dim() != 5 || video.size(1) != sizes.Channels || video.size(3) != sizes.FrameSize || video.size(4) != sizes.FrameSize)
            throw new ArgumentException(
                $"the video encoder takes [B, {sizes.Channels}, T, {sizes.FrameSize}, {sizes.FrameSize}], got [{string.Join(", ", video.shape)}]"
            );
        using var scope = torch.NewDisposeScope();
        var embedded = project.call(blocks.call(video)); // [B, E, T, 1, 1]
        return embedded.flatten(2).permute(0, 2, 1).contiguous().MoveToOuterDisposeScope();
    }
}
