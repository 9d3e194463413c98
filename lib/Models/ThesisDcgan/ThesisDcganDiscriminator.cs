using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.ThesisDcgan;

/// <summary>
/// The thesis' face discriminator, Reed et al.'s at 64²: 4×4 stride-2 convolutions without bias and LeakyReLU 0.2 — w,
/// 2w, 4w, 8w channels down to 4×4, batch norm after all but the first (or none, with every convolution spectral-normalised:
/// §IV-C removes D's batch norm) — then the condition vector tiled over the 4×4 map and concatenated, a 1×1 convolution
/// back to 8w (normalised likewise, LeakyReLU) and a 4×4 valid convolution to the outputs: one least-squares score, no
/// sigmoid; or, for the AC-GAN variant (no condition), one logit per speaker plus one for "fake" (Fig. 7).
/// </summary>
public sealed class ThesisDcganDiscriminator : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly Sequential trunk;
    private readonly Sequential head;
    private readonly int condition;

    /// <param name="condition">Length of the condition vector tiled in (0: none, the AC-GAN variant).</param>
    /// <param name="outputs">1 (a score) or speakers + 1 (the AC-GAN variant's logits).</param>
    public ThesisDcganDiscriminator(int condition, int outputs, int width = 64, bool spectralNorm = false)
        : base(nameof(ThesisDcganDiscriminator))
    {
        this.condition = condition;
        trunk = nn.Sequential();
        var previous = 3L;
        foreach (var (channels, i) in new long[] { width, 2 * width, 4 * width, 8 * width }.Select((c, i) => (c, i)))
        {
            Append(trunk, previous, channels, 4, 2, 1, normalise: i > 0, spectralNorm);
            previous = channels;
        }
        head = nn.Sequential();
        if (condition > 0)
            Append(head, previous + condition, previous, 1, 1, 0, normalise: true, spectralNorm);
        head.append(spectralNorm ? new SpectralNormConv2d(previous, outputs, 4, bias: false) : nn.Conv2d(previous, outputs, 4, bias: false));
        RegisterComponents();
    }

    private static void Append(Sequential to, long input, long output, long kernel, long stride, long padding, bool normalise, bool spectralNorm)
    {
        if (spectralNorm)
            to.append(new SpectralNormConv2d(input, output, kernel, stride: stride, padding: padding, bias: false));
        else
        {
            to.append(nn.Conv2d(input, output, kernel, stride: stride, padding: padding, bias: false));
            if (normalise)
                to.append(nn.BatchNorm2d(output));
        }
        to.append(nn.LeakyReLU(0.2));
    }

    /// <summary>faces [B, 3, 64, 64] and conditions [B, C] (null without one) → outputs [B, outputs].</summary>
    public override Tensor forward(Tensor faces, Tensor? conditions)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if ((conditions is null) != (condition == 0))
            throw new ArgumentException(condition == 0 ? "this discriminator takes no condition" : "this discriminator needs its condition");
        using var scope = torch.NewDisposeScope();
        var features = trunk.call(faces);
        if (conditions is not null)
        {
            var tiled = conditions.view(conditions.size(0), -1, 1, 1).expand(-1, -1, features.size(2), features.size(3));
            features = torch.cat([features, tiled], 1);
        }
        return head.call(features).flatten(1).MoveToOuterDisposeScope();
    }
}
