using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.SpeechToImage;

/// <summary>
/// StackGAN-v2's generator (Zhang et al. 2018; reference <c>G_NET</c>, as the speech-to-image code configures it): the
/// <see cref="ConditioningAugmentation"/> of the utterance (or text) embedding, a first stage [c, z] → Linear (no bias),
/// batch norm, GLU → 16·g × 4 × 4 and four up-blocks to g channels at 64²; each later stage tiles c over the map,
/// joins it (conv3×3, BN, GLU), runs two residual blocks and one up-block, halving the channels and doubling the size;
/// every stage draws its image by conv3×3 (no bias) and tanh. Weights start orthogonal (gain 1), batch-norm scales
/// N(1, 0.02), as the reference's <c>weights_init</c>.
/// </summary>
public sealed class StackGanGenerator : nn.Module<Tensor, Tensor, (Tensor[] Images, Tensor Mean, Tensor LogVariance)>
{
    private readonly ConditioningAugmentation augmentation;
    private readonly Sequential first;
    private readonly ModuleList<Sequential> upsample = new();
    private readonly ModuleList<Sequential> joins = new();
    private readonly ModuleList<Sequential> residuals = new();
    private readonly ModuleList<Sequential> heads = new();
    private readonly int width;

    /// <param name="stages">Image scales: 1 (64²), 2 (64², 128²) or 3 (… 256²; the paper's).</param>
    /// <param name="width">g, the last stage-1 channels (the reference's GF_DIM 64).</param>
    /// <param name="condition">The condition code's size E (128).</param>
    /// <param name="noise">z's size (100).</param>
    /// <param name="embedding">The speech or text embedding's size (1024).</param>
    public StackGanGenerator(int stages = 3, int width = 64, int condition = 128, int noise = 100, int embedding = 1024, int residualBlocks = 2)
        : base(nameof(StackGanGenerator))
    {
        if (stages is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(stages), stages, "StackGAN-v2 here has 1 to 3 stages");
        if (width < 16 || width % 16 != 0)
            throw new ArgumentOutOfRangeException(nameof(width), width, "the width g is a multiple of 16 (stage 1 divides 16·g by 16)");
        (Stages, this.width, Noise) = (stages, width, noise);
        augmentation = new ConditioningAugmentation(embedding, condition);
        var top = 16 * width;
        first = nn.Sequential(nn.Linear(noise + condition, top * 4 * 4 * 2, hasBias: false), nn.BatchNorm1d(top * 4 * 4 * 2), new Glu());
        for (var i = 0; i < 4; i++)
            upsample.Add(GluBlocks.Up(top >> i, top >> (i + 1)));
        heads.Add(Head(width));
        for (var s = 1; s < stages; s++)
        {
            var channels = width >> (s - 1);
            joins.Add(GluBlocks.Joint(channels + condition, channels));
            var blocks = nn.Sequential();
            for (var r = 0; r < residualBlocks; r++)
                blocks.append(new GluResidualBlock(channels));
            residuals.Add(blocks);
            upsample.Add(GluBlocks.Up(channels, channels / 2));
            heads.Add(Head(channels / 2));
        }
        RegisterComponents();
        WeightInit.Orthogonal(this);
    }

    public int Stages { get; }
    public int Noise { get; }

    /// <summary>The side of stage <paramref name="stage"/>'s image: 64 · 2^stage.</summary>
    public static int Side(int stage) => 64 << stage;

    private static Sequential Head(int channels) => nn.Sequential(GluBlocks.Conv3x3(channels, 3), nn.Tanh());

    /// <param name="noise">z [B, noise].</param>
    /// <param name="embedding">The utterance or text embedding [B, embedding].</param>
    /// <returns>One image per stage [B, 3, 64·2^s, 64·2^s] in [−1, 1], and μ and log σ² of the condition.</returns>
    public override (Tensor[] Images, Tensor Mean, Tensor LogVariance) forward(Tensor noise, Tensor embedding)
    {
        if (noise.dim() != 2 || noise.size(1) != Noise || embedding.dim() != 2 || embedding.size(0) != noise.size(0))
            throw new ArgumentException(
                $"StackGAN-v2 takes z [B, {Noise}] and an embedding [B, E], "
                    + $"got [{string.Join(", ", noise.shape)}] and [{string.Join(", ", embedding.shape)}]"
            );
        using var scope = torch.NewDisposeScope();
        var (code, mean, logVariance) = augmentation.call(embedding);
        var h = first.call(torch.cat([code, noise], 1)).view(-1, 16 * width, 4, 4);
        for (var i = 0; i < 4; i++)
            h = upsample[i].call(h);
        var images = new List<Tensor> { heads[0].call(h) };
        for (var s = 1; s < Stages; s++)
        {
            var tiled = code.view(code.size(0), -1, 1, 1).expand(-1, -1, h.size(2), h.size(3));
            h = joins[s - 1].call(torch.cat([tiled, h], 1));
            h = residuals[s - 1].call(h);
            h = upsample[3 + s].call(h);
            images.Add(heads[s].call(h));
        }
        return ([.. images.Select(i => i.MoveToOuterDisposeScope())], mean.MoveToOuterDisposeScope(), logVariance.MoveToOuterDisposeScope());
    }
}
