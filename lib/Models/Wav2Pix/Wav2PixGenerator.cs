using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// Wav2Pix's face generator (ICASSP 2019 code): the 128-d speech embedding, seen as a 1×1 map, through spectral-normalised
/// 4×4 transposed convolutions without bias — the first of stride 1 (1 → 4), the rest of stride 2 — each but the last
/// followed by dropout (p = ½, the only randomness: the model has no z) and ReLU; 64²: 8w, 4w, 2w, w, 3 channels; 128²:
/// one more stage at 16w first; tanh. w = 64 in the paper. No batch norm.
/// </summary>
public sealed class Wav2PixGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <param name="embedding">Length of the speech embedding it draws from (128).</param>
    /// <param name="width">w: the last hidden layer's channels (64).</param>
    /// <param name="resolution">64 or 128.</param>
    /// <param name="dropout">Dropout probability after each hidden layer (0.5).</param>
    public Wav2PixGenerator(long embedding = 128, long width = 64, int resolution = 64, double dropout = 0.5)
        : base(nameof(Wav2PixGenerator))
    {
        if (resolution is not (64 or 128))
            throw new ArgumentException($"Wav2Pix draws 64² or 128² faces, not {resolution}²", nameof(resolution));
        var channels = resolution == 128 ? new[] { 16 * width, 8 * width, 4 * width, 2 * width, width } : [8 * width, 4 * width, 2 * width, width];
        layers = nn.Sequential();
        var previous = embedding;
        for (var i = 0; i < channels.Length; i++)
        {
            layers.append(i == 0 ? new SpectralNormConvTranspose2d(previous, channels[i], 4, bias: false) : Up(previous, channels[i]));
            layers.append(nn.Dropout(dropout));
            layers.append(nn.ReLU());
            previous = channels[i];
        }
        layers.append(Up(previous, 3));
        layers.append(nn.Tanh());
        RegisterComponents();
    }

    private static SpectralNormConvTranspose2d Up(long input, long output) => new(input, output, 4, stride: 2, padding: 1, bias: false);

    /// <summary>embeddings [B, 128] → faces [B, 3, R, R] in [−1, 1].</summary>
    public override Tensor forward(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        using var scope = torch.NewDisposeScope();
        return layers.call(embeddings.view(embeddings.size(0), -1, 1, 1)).MoveToOuterDisposeScope();
    }
}
