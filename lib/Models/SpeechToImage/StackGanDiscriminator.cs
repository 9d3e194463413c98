using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.SpeechToImage;

/// <summary>
/// StackGAN-v2's discriminator for one scale (reference <c>D_NET64/128/256</c>): four stride-2 4×4 convolutions (no bias;
/// batch norm after all but the first; LeakyReLU 0.2) take the image to 8·d × S/16²; at 128² one more down block to
/// 16·d and a conv3×3 block back to 8·d, at 256² two down blocks and two conv3×3 blocks; so the code is always
/// 8·d × 4 × 4. The conditional logit tiles μ over the 4×4 code, joins it (conv3×3, BN, LeakyReLU) and ends in a 4×4
/// stride-4 convolution and a sigmoid; the unconditional logit reads the code alone. The flattened code is returned for
/// the reference's class-aware loss.
/// </summary>
public sealed class StackGanDiscriminator : nn.Module<Tensor, Tensor?, (Tensor Conditional, Tensor? Unconditional, Tensor Code)>
{
    private readonly Sequential encode;
    private readonly Sequential join;
    private readonly Sequential conditional;
    private readonly Sequential unconditional;

    /// <param name="stage">0 (64²), 1 (128²) or 2 (256²).</param>
    /// <param name="width">d (the reference's DF_DIM 64).</param>
    /// <param name="condition">μ's size E (128).</param>
    public StackGanDiscriminator(int stage, int width = 64, int condition = 128)
        : base(nameof(StackGanDiscriminator))
    {
        if (stage is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "a stage is 0 (64²), 1 (128²) or 2 (256²)");
        (Stage, Condition) = (stage, condition);
        encode = nn.Sequential(nn.Conv2d(3, width, 4, stride: 2, padding: 1, bias: false), nn.LeakyReLU(0.2));
        for (var i = 1; i < 4; i++)
            encode.append(Down(width << (i - 1), width << i));
        for (var i = 0; i < stage; i++)
            encode.append(Down(width << (3 + i), width << (4 + i)));
        for (var i = stage; i > 0; i--)
            encode.append(Block3x3(width << (3 + i), width << (2 + i)));
        var code = 8 * width;
        join = Block3x3(code + condition, code);
        conditional = nn.Sequential(nn.Conv2d(code, 1, 4, stride: 4), nn.Sigmoid());
        unconditional = nn.Sequential(nn.Conv2d(code, 1, 4, stride: 4), nn.Sigmoid());
        RegisterComponents();
        WeightInit.Orthogonal(this);
    }

    public int Stage { get; }
    public int Condition { get; }

    private static Sequential Down(int inChannels, int outChannels) =>
        nn.Sequential(nn.Conv2d(inChannels, outChannels, 4, stride: 2, padding: 1, bias: false), nn.BatchNorm2d(outChannels), nn.LeakyReLU(0.2));

    private static Sequential Block3x3(int inChannels, int outChannels) =>
        nn.Sequential(GluBlocks.Conv3x3(inChannels, outChannels), nn.BatchNorm2d(outChannels), nn.LeakyReLU(0.2));

    /// <param name="images">[B, 3, S, S] with S = 64 · 2^stage.</param>
    /// <param name="mean">μ [B, E] for the conditional logit, or null for the unconditional one alone.</param>
    /// <returns>
    /// Conditional probabilities [B] (unconditional ones when no μ is given), unconditional ones [B] (null without μ),
    /// the code [B, 8d·16].
    /// </returns>
    public override (Tensor Conditional, Tensor? Unconditional, Tensor Code) forward(Tensor images, Tensor? mean)
    {
        var side = StackGanGenerator.Side(Stage);
        if (images.dim() != 4 || images.size(1) != 3 || images.size(2) != side || images.size(3) != side)
            throw new ArgumentException($"this stage's critic takes images [B, 3, {side}, {side}], got [{string.Join(", ", images.shape)}]");
        using var scope = torch.NewDisposeScope();
        var code = encode.call(images);
        var flat = code.flatten(1);
        var free = unconditional.call(code).view(-1);
        if (mean is null)
            return (free.MoveToOuterDisposeScope(), null, flat.MoveToOuterDisposeScope());
        var tiled = mean.view(mean.size(0), Condition, 1, 1).expand(-1, -1, 4, 4);
        var given = conditional.call(join.call(torch.cat([tiled, code], 1))).view(-1);
        return (given.MoveToOuterDisposeScope(), free.MoveToOuterDisposeScope(), flat.MoveToOuterDisposeScope());
    }
}
