using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>y = x·Aᵀ + b (torch.nn.Linear); weight [out_features, in_features], bias [out_features].</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public readonly Parameter weight;
    public readonly Parameter? bias;

    public Linear(long in_features, long out_features, bool bias = true, Device? device = null, ScalarType? dtype = null) : base(nameof(Linear))
    {
        this.in_features = in_features;
        this.out_features = out_features;
        weight = LayerInit.Empty(new[] { out_features, in_features }, device, dtype);
        this.bias = bias ? LayerInit.Empty(new[] { out_features }, device, dtype) : null;
        reset_parameters();
        RegisterComponents();
    }

    public long in_features { get; }
    public long out_features { get; }

    public void reset_parameters() => LayerInit.KaimingUniformWithBias(weight, bias);

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);

    protected override string extra_repr() => $"in_features={in_features}, out_features={out_features}, bias={PyRepr.Bool(bias is not null)}";
}

/// <summary>Returns its input unchanged (as a new wrapper of the same tensor).</summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    public Identity() : base(nameof(Identity)) { }

    public override Tensor forward(Tensor input) => input.alias();
}
