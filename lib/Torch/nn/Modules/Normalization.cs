using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>Normalises over the trailing normalized_shape dims, with per-element affine weight and bias.</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    public readonly Parameter? weight;
    public readonly Parameter? bias;

    public LayerNorm(SizeArg normalized_shape, double eps = 1e-5, bool elementwise_affine = true, Device? device = null, ScalarType? dtype = null)
        : base(nameof(LayerNorm))
    {
        this.normalized_shape = normalized_shape.ToArray(nameof(normalized_shape));
        this.eps = eps;
        this.elementwise_affine = elementwise_affine;
        if (elementwise_affine)
        {
            weight = LayerInit.Empty(this.normalized_shape, device, dtype);
            bias = LayerInit.Empty(this.normalized_shape, device, dtype);
        }
        reset_parameters();
        RegisterComponents();
    }

    public long[] normalized_shape { get; }
    public double eps { get; }
    public bool elementwise_affine { get; }

    public void reset_parameters()
    {
        if (weight is not null) nn.init.ones_(weight);
        if (bias is not null) nn.init.zeros_(bias);
    }

    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, normalized_shape, weight, bias, eps);

    protected override string extra_repr() =>
        $"{PyRepr.Tuple(normalized_shape)}, eps={PyRepr.Float(eps)}, elementwise_affine={PyRepr.Bool(elementwise_affine)}";
}

/// <summary>Normalises each sample over num_groups groups of channels, with per-channel affine weight and bias.</summary>
public sealed class GroupNorm : Module<Tensor, Tensor>
{
    public readonly Parameter? weight;
    public readonly Parameter? bias;

    public GroupNorm(long num_groups, long num_channels, double eps = 1e-5, bool affine = true, Device? device = null, ScalarType? dtype = null)
        : base(nameof(GroupNorm))
    {
        if (num_groups <= 0 || num_channels % num_groups != 0)
            throw new ArgumentException($"num_channels ({num_channels}) must be divisible by num_groups ({num_groups})", nameof(num_groups));
        this.num_groups = num_groups;
        this.num_channels = num_channels;
        this.eps = eps;
        this.affine = affine;
        if (affine)
        {
            weight = LayerInit.Empty(new[] { num_channels }, device, dtype);
            bias = LayerInit.Empty(new[] { num_channels }, device, dtype);
        }
        reset_parameters();
        RegisterComponents();
    }

    public long num_groups { get; }
    public long num_channels { get; }
    public double eps { get; }
    public bool affine { get; }

    public void reset_parameters()
    {
        if (weight is not null) nn.init.ones_(weight);
        if (bias is not null) nn.init.zeros_(bias);
    }

    public override Tensor forward(Tensor input) => nn.functional.group_norm(input, num_groups, weight, bias, eps);

    protected override string extra_repr() => $"{num_groups}, {num_channels}, eps={PyRepr.Float(eps)}, affine={PyRepr.Bool(affine)}";
}
