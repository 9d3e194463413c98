using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.BicycleGan;

/// <summary>
/// BicycleGAN's <c>D_NLayersMulti</c>: num_D unconditional PatchGANs, the i-th with round(ndf / 2^i) filters on the
/// image average-pooled i times by AvgPool(3, s2, p1, count_include_pad=False). state_dict "model_0.model.0.weight"
/// (the reference: "model_0.0.weight" — each scale here is a whole <see cref="PatchDiscriminator"/>).
/// </summary>
public sealed class MultiScaleDiscriminator : nn.Module<Tensor, Tensor[]>
{
    private readonly List<PatchDiscriminator> scales = new();
    private readonly AvgPool2d down;

    public MultiScaleDiscriminator(long input_channels, long ndf = 64, int n_layers = 3, NormKind norm = NormKind.Instance, int num_D = 2)
        : base(nameof(MultiScaleDiscriminator))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(num_D);
        for (var i = 0; i < num_D; i++)
        {
            var scale = new PatchDiscriminator(input_channels, (long)Math.Round(ndf / Math.Pow(2, i), MidpointRounding.ToEven), n_layers, norm);
            register_module($"model_{i}", scale);
            scales.Add(scale);
        }
        down = torch.nn.AvgPool2d(3, stride: 2, padding: 1, count_include_pad: false);
        RegisterComponents();
    }

    public int NumD => scales.Count;

    /// <summary>images [B, C, H, W] → one logit map per scale, finest first.</summary>
    public override Tensor[] forward(Tensor images)
    {
        var logits = new Tensor[scales.Count];
        var current = images;
        for (var i = 0; i < scales.Count; i++)
        {
            logits[i] = scales[i].call(current);
            if (i == scales.Count - 1)
                break;
            var pooled = down.call(current);
            if (!ReferenceEquals(current, images))
                current.Dispose();
            current = pooled;
        }
        if (!ReferenceEquals(current, images))
            current.Dispose();
        return logits;
    }
}
