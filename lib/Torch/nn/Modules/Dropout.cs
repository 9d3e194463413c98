using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>The shared settings of the dropout layers; they drop only in train() mode and are identities in eval().</summary>
public abstract class DropoutNd : Module<Tensor, Tensor>
{
    protected DropoutNd(string name, double p, bool inplace) : base(name)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
            throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout probability has to be between 0 and 1, but got {PyRepr.Float(p)}");
        this.p = p;
        this.inplace = inplace;
    }

    public double p { get; }
    public bool inplace { get; }

    protected override string extra_repr() => $"p={PyRepr.Float(p)}, inplace={PyRepr.Bool(inplace)}";
}

/// <summary>Zeroes elements with probability p and scales the others by 1/(1−p).</summary>
public sealed class Dropout(double p = 0.5, bool inplace = false) : DropoutNd(nameof(Dropout), p, inplace)
{
    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training, inplace);
}

/// <summary>Zeroes whole channels of (N, C, L) or (C, L) input.</summary>
public sealed class Dropout1d(double p = 0.5, bool inplace = false) : DropoutNd(nameof(Dropout1d), p, inplace)
{
    public override Tensor forward(Tensor input) => nn.functional.dropout1d(input, p, training, inplace);
}

/// <summary>Zeroes whole channels of (N, C, H, W) input.</summary>
public sealed class Dropout2d(double p = 0.5, bool inplace = false) : DropoutNd(nameof(Dropout2d), p, inplace)
{
    public override Tensor forward(Tensor input) => nn.functional.dropout2d(input, p, training, inplace);
}

/// <summary>Zeroes whole channels of (N, C, D, H, W) or (C, D, H, W) input.</summary>
public sealed class Dropout3d(double p = 0.5, bool inplace = false) : DropoutNd(nameof(Dropout3d), p, inplace)
{
    public override Tensor forward(Tensor input) => nn.functional.dropout3d(input, p, training, inplace);
}
