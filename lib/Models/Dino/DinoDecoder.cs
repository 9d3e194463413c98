using Dino.Repro.Models.Common;
using Dino.Repro.Torch;
using Dino.Repro.Torch.Modules;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// DINO's image decoder (reference <c>Decoder</c> with mirrored skips): [code, noise] as a 1×1 map → ConvTranspose
/// 4×4 to 4×4×512, norm, ReLU (layer 0); then one <see cref="SkipUpBlock"/> per encoder layer but the first, each
/// taking the encoder map of its size and ending with the channels of the next-larger encoder map; then a
/// <see cref="ResizeConv2d"/> to the image channels and Tanh. No biases. At 256² the fact sheet's 12 layers:
/// 24,258,240 weights with 32 noise channels, 23,996,096 without. state_dict "dcl.0.0.weight", "dcl.1.dcl1.weight", …
/// </summary>
public sealed class DinoDecoder : Module<Tensor, IReadOnlyList<Tensor>, Tensor>
{
    public const long InitialChannels = 512;

    private readonly ModuleList<Module> dcl = new();

    /// <param name="encoder_channels">The encoder's halving-layer channels, first to last (<see cref="DinoEncoder.Channels"/>).</param>
    public DinoDecoder(long code_size, long noise_size, IReadOnlyList<long> encoder_channels, long output_channels = 3, NormKind norm = NormKind.Instance)
        : base(nameof(DinoDecoder))
    {
        InputChannels = code_size + noise_size;
        dcl.append(torch.nn.Sequential(
            ("0", torch.nn.ConvTranspose2d(InputChannels, InitialChannels, 4, stride: 1, padding: 0, bias: false)),
            ("1", NormLayer.Create(norm, InitialChannels)),
            ("2", torch.nn.ReLU())));
        // Mirrored skips: block i joins the i-th deepest encoder map and ends with the (i+1)-th deepest one's channels.
        var mirrored = encoder_channels.Reverse().ToList();
        var channels = InitialChannels;
        for (var i = 1; i < mirrored.Count; i++)
        {
            dcl.append(new SkipUpBlock(channels, mirrored[i - 1], mirrored[i], norm, bias: false));
            channels = mirrored[i];
        }
        dcl.append(new ResizeConv2d(channels, output_channels, 3, scale_factor: 2, bias: false));
        RegisterComponents();
    }

    /// <summary>Code plus noise channels the first layer takes.</summary>
    public long InputChannels { get; }

    /// <summary>The 12 layers at 256² (index 0 = first ConvTranspose, last = final resize conv).</summary>
    public int LayerCount => dcl.Count;

    /// <summary>latent [B, code+noise] and the encoder maps (first to last) → image [B, C, S, S] in (−1, 1).</summary>
    public override Tensor forward(Tensor latent, IReadOnlyList<Tensor> encoder_features)
    {
        using var latent1x1 = latent.view(-1, InputChannels, 1, 1);
        var x = ((Sequential)dcl[0]).call(latent1x1);                 // 4×4×512
        for (var i = 1; i < dcl.Count - 1; i++)
        {
            var skip = encoder_features[encoder_features.Count - i];   // deepest first; the first encoder map is never a skip
            var upsampled = ((SkipUpBlock)dcl[i]).call(x, skip);
            x.Dispose();
            x = upsampled;
        }
        using (x)
        {
            using var image = ((ResizeConv2d)dcl[^1]).call(x);
            return image.tanh();
        }
    }
}
