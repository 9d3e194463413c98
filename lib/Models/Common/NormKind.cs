using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>The normalisation after a convolution (pix2pix's <c>--norm</c>).</summary>
public enum NormKind
{
    /// <summary>BatchNorm2d with affine scale and shift and running statistics (pix2pix's default).</summary>
    Batch,

    /// <summary>InstanceNorm2d without affine parameters, eps 1e-5 (DINO; pix2pix's "instance").</summary>
    Instance,

    /// <summary>No normalisation (an Identity layer, so layer indices and state_dict names do not shift).</summary>
    None,
}

/// <summary>The norm-layer factory shared by every model (pix2pix's <c>get_norm_layer</c>).</summary>
public static class NormLayer
{
    public static nn.Module<Tensor, Tensor> Create(NormKind kind, long channels) =>
        kind switch
        {
            NormKind.Batch => torch.nn.BatchNorm2d(channels),
            NormKind.Instance => torch.nn.InstanceNorm2d(channels),
            NormKind.None => torch.nn.Identity(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown norm kind"),
        };

    /// <summary>
    /// pix2pix's <c>use_bias</c>: a convolution feeding batch norm needs no bias (the norm's shift replaces it);
    /// one feeding a non-affine instance norm keeps it. The reference also drops it for "none" — kept as is.
    /// </summary>
    public static bool ConvBias(NormKind kind) => kind == NormKind.Instance;

    /// <summary>"batch", "instance" or "none" (the spellings of pix2pix's options).</summary>
    public static NormKind Parse(string name) =>
        name switch
        {
            "batch" => NormKind.Batch,
            "instance" => NormKind.Instance,
            "none" => NormKind.None,
            _ => throw new ArgumentException($"unknown norm '{name}' (valid: batch, instance, none)", nameof(name)),
        };
}
