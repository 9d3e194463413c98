using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>Average pooling over 1, 2 or 3 spatial dims; stride defaults to kernel_size.</summary>
public abstract class AvgPoolNd : Module<Tensor, Tensor>
{
    private readonly int nd;

    protected AvgPoolNd(string name, int nd, SizeArg kernel_size, SizeArg? stride, SizeArg padding, bool ceil_mode, bool count_include_pad,
        long? divisor_override) : base(name)
    {
        this.nd = nd;
        // AvgPool1d stores tuples (PyTorch's _single), the others keep the values as given; this shows in the repr.
        this.kernel_size = nd == 1 ? kernel_size.AsTuple(1, nameof(kernel_size)) : kernel_size;
        this.stride = nd == 1 ? (stride ?? kernel_size).AsTuple(1, nameof(stride)) : stride ?? kernel_size;
        this.padding = nd == 1 ? padding.AsTuple(1, nameof(padding)) : padding;
        this.ceil_mode = ceil_mode;
        this.count_include_pad = count_include_pad;
        this.divisor_override = divisor_override;
    }

    public SizeArg kernel_size { get; }
    public SizeArg stride { get; }
    public SizeArg padding { get; }
    public bool ceil_mode { get; }
    public bool count_include_pad { get; }
    public long? divisor_override { get; }

    public override Tensor forward(Tensor input) =>
        nn.functional.AvgPool(nd, input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override);

    protected override string extra_repr() => $"kernel_size={kernel_size}, stride={stride}, padding={padding}";
}

public sealed class AvgPool1d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, bool ceil_mode = false,
    bool count_include_pad = true) : AvgPoolNd(nameof(AvgPool1d), 1, kernel_size, stride, padding ?? 0, ceil_mode, count_include_pad, null);

public sealed class AvgPool2d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, bool ceil_mode = false,
    bool count_include_pad = true, long? divisor_override = null)
    : AvgPoolNd(nameof(AvgPool2d), 2, kernel_size, stride, padding ?? 0, ceil_mode, count_include_pad, divisor_override);

public sealed class AvgPool3d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, bool ceil_mode = false,
    bool count_include_pad = true, long? divisor_override = null)
    : AvgPoolNd(nameof(AvgPool3d), 3, kernel_size, stride, padding ?? 0, ceil_mode, count_include_pad, divisor_override);

/// <summary>Max pooling over 1, 2 or 3 spatial dims; stride defaults to kernel_size.</summary>
public abstract class MaxPoolNd : Module<Tensor, Tensor>
{
    private readonly int nd;

    protected MaxPoolNd(string name, int nd, SizeArg kernel_size, SizeArg? stride, SizeArg padding, SizeArg dilation, bool ceil_mode) : base(name)
    {
        this.nd = nd;
        this.kernel_size = kernel_size;
        this.stride = stride ?? kernel_size;
        this.padding = padding;
        this.dilation = dilation;
        this.ceil_mode = ceil_mode;
    }

    public SizeArg kernel_size { get; }
    public SizeArg stride { get; }
    public SizeArg padding { get; }
    public SizeArg dilation { get; }
    public bool ceil_mode { get; }

    public override Tensor forward(Tensor input) => nn.functional.MaxPool(nd, input, kernel_size, stride, padding, dilation, ceil_mode);

    protected override string extra_repr() =>
        $"kernel_size={kernel_size}, stride={stride}, padding={padding}, dilation={dilation}, ceil_mode={PyRepr.Bool(ceil_mode)}";
}

public sealed class MaxPool1d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, SizeArg? dilation = null,
    bool ceil_mode = false) : MaxPoolNd(nameof(MaxPool1d), 1, kernel_size, stride, padding ?? 0, dilation ?? 1, ceil_mode);

public sealed class MaxPool2d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, SizeArg? dilation = null,
    bool ceil_mode = false) : MaxPoolNd(nameof(MaxPool2d), 2, kernel_size, stride, padding ?? 0, dilation ?? 1, ceil_mode);

public sealed class MaxPool3d(SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null, SizeArg? dilation = null,
    bool ceil_mode = false) : MaxPoolNd(nameof(MaxPool3d), 3, kernel_size, stride, padding ?? 0, dilation ?? 1, ceil_mode);

/// <summary>Average pooling to a fixed output size, whatever the input size.</summary>
public abstract class AdaptiveAvgPoolNd(string name, int nd, SizeArg output_size) : Module<Tensor, Tensor>(name)
{
    public SizeArg output_size { get; } = output_size;

    public override Tensor forward(Tensor input) => nn.functional.AdaptiveAvgPool(nd, input, output_size);

    protected override string extra_repr() => $"output_size={output_size}";
}

public sealed class AdaptiveAvgPool1d(SizeArg output_size) : AdaptiveAvgPoolNd(nameof(AdaptiveAvgPool1d), 1, output_size);
public sealed class AdaptiveAvgPool2d(SizeArg output_size) : AdaptiveAvgPoolNd(nameof(AdaptiveAvgPool2d), 2, output_size);
public sealed class AdaptiveAvgPool3d(SizeArg output_size) : AdaptiveAvgPoolNd(nameof(AdaptiveAvgPool3d), 3, output_size);
