using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>Resizes its input with <see cref="torch.nn.functional.interpolate(Tensor, SizeArg?, double[], string, bool?, bool?)"/>.</summary>
public sealed class Upsample : Module<Tensor, Tensor>
{
    public Upsample(SizeArg? size = null, double? scale_factor = null, string mode = "nearest", bool? align_corners = null,
        bool? recompute_scale_factor = null) : base(nameof(Upsample))
    {
        if ((size is null) == (scale_factor is null))
            throw new ArgumentException(size is null ? "either size or scale_factor should be defined" : "only one of size or scale_factor should be defined");
        this.size = size;
        this.scale_factor = scale_factor;
        this.mode = mode;
        this.align_corners = align_corners;
        this.recompute_scale_factor = recompute_scale_factor;
    }

    public SizeArg? size { get; }
    public double? scale_factor { get; }
    public string mode { get; }
    public bool? align_corners { get; }
    public bool? recompute_scale_factor { get; }

    public override Tensor forward(Tensor input) =>
        nn.functional.interpolate(input, size, scale_factor is { } s ? new[] { s } : null, mode, align_corners, recompute_scale_factor);

    protected override string extra_repr() =>
        (scale_factor is { } s ? $"scale_factor={PyRepr.Float(s)}" : $"size={size}") + $", mode={PyRepr.Str(mode)}";
}
