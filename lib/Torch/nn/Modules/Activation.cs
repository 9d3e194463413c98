using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

// Element-wise activations and the softmax family, with PyTorch's arguments and reprs.

public sealed class ReLU(bool inplace = false) : Module<Tensor, Tensor>(nameof(ReLU))
{
    public bool inplace { get; } = inplace;
    public override Tensor forward(Tensor input) => nn.functional.relu(input, inplace);
    protected override string extra_repr() => inplace ? "inplace=True" : "";
}

public sealed class LeakyReLU(double negative_slope = 0.01, bool inplace = false) : Module<Tensor, Tensor>(nameof(LeakyReLU))
{
    public double negative_slope { get; } = negative_slope;
    public bool inplace { get; } = inplace;
    public override Tensor forward(Tensor input) => nn.functional.leaky_relu(input, negative_slope, inplace);
    protected override string extra_repr() => $"negative_slope={PyRepr.Float(negative_slope)}{(inplace ? ", inplace=True" : "")}";
}

public sealed class ELU(double alpha = 1.0, bool inplace = false) : Module<Tensor, Tensor>(nameof(ELU))
{
    public double alpha { get; } = alpha;
    public bool inplace { get; } = inplace;
    public override Tensor forward(Tensor input) => nn.functional.elu(input, alpha, inplace);
    protected override string extra_repr() => $"alpha={PyRepr.Float(alpha)}{(inplace ? ", inplace=True" : "")}";
}

/// <summary>approximate: "none" (exact) or "tanh".</summary>
public sealed class GELU(string approximate = "none") : Module<Tensor, Tensor>(nameof(GELU))
{
    public string approximate { get; } = approximate;
    public override Tensor forward(Tensor input) => nn.functional.gelu(input, approximate);
    protected override string extra_repr() => $"approximate={PyRepr.Str(approximate)}";
}

public sealed class Tanh() : Module<Tensor, Tensor>(nameof(Tanh))
{
    public override Tensor forward(Tensor input) => input.tanh();
}

public sealed class Sigmoid() : Module<Tensor, Tensor>(nameof(Sigmoid))
{
    public override Tensor forward(Tensor input) => input.sigmoid();
}

public sealed class GLU(long dim = -1) : Module<Tensor, Tensor>(nameof(GLU))
{
    public long dim { get; } = dim;
    public override Tensor forward(Tensor input) => nn.functional.glu(input, dim);
    protected override string extra_repr() => $"dim={dim}";
}

/// <summary>The shared body of Softmax and LogSoftmax; a null dim picks PyTorch's legacy default (0 for 0/1/3-d input, else 1).</summary>
public abstract class SoftmaxBase(string name, long? dim) : Module<Tensor, Tensor>(name)
{
    public long? dim { get; } = dim;

    protected long ResolvedDim(Tensor input) => dim ?? (input.dim() is 0 or 1 or 3 ? 0 : 1);

    protected override string extra_repr() => $"dim={(dim is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None")}";
}

public sealed class Softmax(long? dim = null) : SoftmaxBase(nameof(Softmax), dim)
{
    public override Tensor forward(Tensor input) => nn.functional.softmax(input, ResolvedDim(input));
}

public sealed class LogSoftmax(long? dim = null) : SoftmaxBase(nameof(LogSoftmax), dim)
{
    public override Tensor forward(Tensor input) => nn.functional.log_softmax(input, ResolvedDim(input));
}
