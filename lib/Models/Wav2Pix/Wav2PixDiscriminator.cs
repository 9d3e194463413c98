using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// Wav2Pix's matching-aware discriminator (ICASSP 2019 code): spectral-normalised 4×4 stride-2 convolutions without bias
/// and LeakyReLU 0.2 — w, 2w, 4w, 8w channels (and 16w at 128²) down to 4×4 — then the speech embedding tiled over the
/// 4×4 map and concatenated, and a 4×4 valid convolution to one score, no sigmoid (LSGAN). As in the reference, that last
/// convolution is not spectral-normalised. The 4×4 features are returned too (the generator's feature-matching loss).
/// </summary>
public sealed class Wav2PixDiscriminator : nn.Module<Tensor, Tensor, (Tensor score, Tensor features)>
{
    private readonly Sequential trunk;
    private readonly Conv2d score;

    public Wav2PixDiscriminator(long embedding = 128, long width = 64, int resolution = 64)
        : base(nameof(Wav2PixDiscriminator))
    {
        if (resolution is not (64 or 128))
            throw new ArgumentException($"Wav2Pix judges 64² or 128² faces, not {resolution}²", nameof(resolution));
        trunk = nn.Sequential();
        var previous = 3L;
        foreach (
            var channels in resolution == 128
                ? new[] { width, 2 * width, 4 * width, 8 * width, 16 * width }
                : [width, 2 * width, 4 * width, 8 * width]
        )
        {
            trunk.append(new SpectralNormConv2d(previous, channels, 4, stride: 2, padding: 1, bias: false));
            trunk.append(nn.LeakyReLU(0.2));
            previous = channels;
        }
        FeatureChannels = previous;
        score = nn.Conv2d(previous + embedding, 1, 4, bias: false);
        RegisterComponents();
    }

    /// <summary>Channels of the 4×4 feature map.</summary>
    public long FeatureChannels { get; }

    /// <summary>faces [B, 3, R, R] and their speech embeddings [B, 128] → (scores [B], features [B, C, 4, 4]).</summary>
    public override (Tensor score, Tensor features) forward(Tensor faces, Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(embeddings);
        using var scope = torch.NewDisposeScope();
        var features = trunk.call(faces);
        var tiled = embeddings.view(embeddings.size(0), -1, 1, 1).expand(-1, -1, features.size(2), features.size(3));
        var scores = score.call(torch.cat([features, tiled], 1)).view(-1);
        return (scores.MoveToOuterDisposeScope(), features.MoveToOuterDisposeScope());
    }
}
