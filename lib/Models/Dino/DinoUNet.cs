using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// A DINO Forward or Reverse network (reference <c>EncoderDecoder</c> with skips): <see cref="DinoEncoder"/> →
/// [code, noise] → <see cref="DinoDecoder"/>. F takes 32 noise channels; the one-way R takes none.
/// state_dict "enc.*", "dec.*" as the reference.
/// </summary>
public sealed class DinoUNet : nn.Module<Tensor, Tensor?, Tensor>
{
    public const long CodeSize = 256;

    private readonly DinoEncoder enc;
    private readonly DinoDecoder dec;

    public DinoUNet(int image_size, long noise_size, long channels = 3, NormKind norm = NormKind.Instance, long width = DinoEncoder.ReferenceWidth)
        : base(nameof(DinoUNet))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(noise_size);
        NoiseSize = noise_size;
        enc = new DinoEncoder(image_size, CodeSize, channels, norm, width);
        dec = new DinoDecoder(CodeSize, noise_size, enc.Channels, channels, norm, width: width);
        RegisterComponents();
        WeightInit.Normal(this);
    }

    public long NoiseSize { get; }
    public DinoEncoder Encoder => enc;
    public DinoDecoder Decoder => dec;

    /// <summary>
    /// Halving layers of the encoder: log2(size) − 2 (the reference's rule: down to 4×4). Sizes are powers of two
    /// from 16 to 1024.
    /// </summary>
    public static int Halvings(int image_size)
    {
        if (image_size < 16 || image_size > 1024 || (image_size & (image_size - 1)) != 0)
            throw new ArgumentOutOfRangeException(
                nameof(image_size),
                image_size,
                "DINO's U-Nets take square images whose side is a power of two from 16 to 1024"
            );
        return System.Numerics.BitOperations.Log2((uint)image_size) - 2;
    }

    /// <summary>image [B, C, S, S] and noise [B, noise_size] (null when noise_size is 0) → translation [B, C, S, S].</summary>
    public override Tensor forward(Tensor image, Tensor? noise)
    {
        var (latent, features) = Encode(image, noise);
        try
        {
            return dec.call(latent, features);
        }
        finally
        {
            latent.Dispose();
            foreach (var f in features)
                f.Dispose();
        }
    }

    /// <summary>
    /// The encoder half: latent [B, code+noise] (the code with the noise appended) and every halving layer's map, which
    /// the caller disposes. Bidirectional DINO runs its two decoder streams from here.
    /// </summary>
    public (Tensor latent, IReadOnlyList<Tensor> features) Encode(Tensor image, Tensor? noise)
    {
        if ((noise is null) != (NoiseSize == 0))
            throw new ArgumentException(NoiseSize == 0 ? "this network takes no noise" : $"this network needs noise [B, {NoiseSize}]", nameof(noise));
        var (code, features) = enc.call(image);
        if (noise is null)
            return (code, features);
        using (code)
            return (torch.cat(new[] { code, noise }, 1), features);
    }
}
