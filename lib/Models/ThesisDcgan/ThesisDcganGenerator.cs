using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.ThesisDcgan;

/// <summary>
/// The thesis' face generator, Reed et al.'s DCGAN at 64²: z and the condition vector, seen as a 1×1 map, through 4×4
/// transposed convolutions without bias — 8w, 4w, 2w, w channels (the first of stride 1, 1 → 4; the rest of stride 2) —
/// then one to 3 channels and tanh. Each hidden layer is batch-normalised, or spectral-normalised instead (§IV-C: "replaced
/// in the generator by spectral normalization layers"), followed by dropout when asked (§IV-C's controlled dropouts, the
/// only stochasticity once G ignores z) and ReLU.
/// </summary>
public sealed class ThesisDcganGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <param name="latent">Length of z (100).</param>
    /// <param name="condition">Length of the condition vector (128, or 256 for speech + one-hot).</param>
    /// <param name="width">w (64).</param>
    /// <param name="spectralNorm">Spectral-normalised layers instead of batch norm.</param>
    /// <param name="dropout">Dropout after each hidden layer (0: none).</param>
    public ThesisDcganGenerator(int latent, int condition, int width = 64, bool spectralNorm = false, double dropout = 0)
        : base(nameof(ThesisDcganGenerator))
    {
        layers = nn.Sequential();
        long previous = latent + condition;
        foreach (var (channels, i) in new long[] { 8 * width, 4 * width, 2 * width, width }.Select((c, i) => (c, i)))
        {
            var (stride, padding) = i == 0 ? (1L, 0L) : (2L, 1L);
            if (spectralNorm)
                layers.append(new SpectralNormConvTranspose2d(previous, channels, 4, stride: stride, padding: padding, bias: false));
            else
            {
                layers.append(nn.ConvTranspose2d(previous, channels, 4, stride: stride, padding: padding, bias: false));
                layers.append(nn.BatchNorm2d(channels));
            }
            if (dropout > 0)
                layers.append(nn.Dropout(dropout));
            layers.append(nn.ReLU());
            previous = channels;
        }
        layers.append(nn.ConvTranspose2d(previous, 3, 4, stride: 2, padding: 1, bias: false));
        layers.append(nn.Tanh());
        RegisterComponents();
    }

    /// <summary>z [B, Z] and conditions [B, C] → faces [B, 3, 64, 64] in [−1, 1].</summary>
    public override Tensor forward(Tensor z, Tensor condition)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(condition);
        using var scope = torch.NewDisposeScope();
        var input = torch.cat([z, condition], 1);
        return layers.call(input.view(input.size(0), -1, 1, 1)).MoveToOuterDisposeScope();
    }
}
