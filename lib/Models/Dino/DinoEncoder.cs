using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// DINO's image encoder (reference <c>Encoder</c>): log2(size)−2 halving layers (conv 4×4 s2, no bias, norm,
/// LeakyReLU(0.05)) with channels width, 2·width, … capped at 8·width (the reference: 64 … 512) down to 4×4, then a
/// valid 4×4 conv to the code and Tanh.
/// At 256² that is the fact sheet's 7 layers, 13,241,344 weights. state_dict "cl.N.0.weight".
/// </summary>
public sealed class DinoEncoder : nn.Module<Tensor, (Tensor code, IReadOnlyList<Tensor> features)>
{
    /// <summary>The reference's first-layer channels (its cap, 512, is eight times this).</summary>
    public const long ReferenceWidth = 64;

    /// <summary>The cap on a layer's channels as a multiple of the width.</summary>
    public const long MaxWidthMultiple = 8;
    public const double NegativeSlope = 0.05;

    private readonly ModuleList<Sequential> cl = new();

    public DinoEncoder(int image_size, long code_size, long input_channels = 3, NormKind norm = NormKind.Instance, long width = ReferenceWidth)
        : base(nameof(DinoEncoder))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var halvings = DinoUNet.Halvings(image_size);
        var channels = new List<long>();
        var inChannels = input_channels;
        for (var i = 0; i < halvings; i++)
        {
            var outChannels = i == 0 ? width : Math.Min(MaxWidthMultiple * width, 2 * inChannels);
            cl.append(ConvDownBlock.Create(inChannels, outChannels, norm, NegativeSlope));
            channels.Add(outChannels);
            inChannels = outChannels;
        }
        // 4×4 → 1×1: the whole remaining map into one code vector.
        cl.append(torch.nn.Sequential(("0", torch.nn.Conv2d(inChannels, code_size, 4, stride: 1, bias: false)), ("1", torch.nn.Tanh())));
        Channels = channels;
        CodeSize = code_size;
        RegisterComponents();
    }

    /// <summary>Output channels of each halving layer, first to last (what the decoder's skips receive).</summary>
    public IReadOnlyList<long> Channels { get; }

    public long CodeSize { get; }

    /// <summary>image [B, C, S, S] → code [B, code_size] and every halving layer's map, first (S/2) to last (4×4).</summary>
    public override (Tensor code, IReadOnlyList<Tensor> features) forward(Tensor image)
    {
        var features = new List<Tensor>();
        var x = image;
        for (var i = 0; i < cl.Count - 1; i++)
        {
            x = cl[i].call(x);
            features.Add(x);
        }
        using var code4d = cl[^1].call(x);
        var code = code4d.view(-1, CodeSize);
        return (code, features);
    }
}
