using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>
/// The shared body of Conv1d/2d/3d and ConvTranspose1d/2d/3d (PyTorch's _ConvNd): settings are stored as tuples,
/// weight is [out, in/groups, *kernel] (transposed: [in, out/groups, *kernel]), initialised as PyTorch does.
/// </summary>
public abstract class ConvNd : Module<Tensor, Tensor>
{
    private static readonly string[] PaddingModes = { "zeros", "reflect", "replicate", "circular" };

    public readonly Parameter weight;
    public readonly Parameter? bias;

    // F.pad's argument for padding modes other than zeros: (last dim left, right, previous dim left, right, …).
    private readonly long[] reversedPaddingRepeatedTwice;

    protected ConvNd(string name, int nd, bool transposed, long in_channels, long out_channels, SizeArg kernel_size, SizeArg stride,
        SizeArg padding, SizeArg dilation, SizeArg output_padding, long groups, bool bias, string padding_mode, Device? device,
        ScalarType? dtype) : base(name)
    {
        if (groups <= 0) throw new ArgumentException("groups must be a positive integer", nameof(groups));
        if (in_channels % groups != 0) throw new ArgumentException("in_channels must be divisible by groups", nameof(in_channels));
        if (out_channels % groups != 0) throw new ArgumentException("out_channels must be divisible by groups", nameof(out_channels));
        if (Array.IndexOf(PaddingModes, padding_mode) < 0)
            throw new ArgumentException($"padding_mode must be one of {{'zeros', 'reflect', 'replicate', 'circular'}}, but got padding_mode='{padding_mode}'", nameof(padding_mode));
        if (transposed && padding_mode != "zeros") throw new ArgumentException($"Only \"zeros\" padding mode is supported for {name}", nameof(padding_mode));

        this.nd = nd;
        this.transposed = transposed;
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = kernel_size.Expand(nd, nameof(kernel_size));
        this.stride = stride.Expand(nd, nameof(stride));
        this.dilation = dilation.Expand(nd, nameof(dilation));
        this.output_padding = output_padding.Expand(nd, nameof(output_padding));
        this.groups = groups;
        this.padding_mode = padding_mode;
        if (padding.Text is { } text)
        {
            if (transposed || text is not ("same" or "valid"))
                throw new ArgumentException($"Invalid padding string '{text}', should be one of {{'valid', 'same'}}", nameof(padding));
            if (text == "same" && this.stride.Any(s => s != 1))
                throw new ArgumentException("padding='same' is not supported for strided convolutions", nameof(padding));
            this.padding = padding;
        }
        else
        {
            this.padding = padding.AsTuple(nd, nameof(padding));
        }
        reversedPaddingRepeatedTwice = ReversedPadding();

        var weightShape = transposed
            ? new[] { in_channels, out_channels / groups }.Concat(this.kernel_size).ToArray()
            : new[] { out_channels, in_channels / groups }.Concat(this.kernel_size).ToArray();
        weight = LayerInit.Empty(weightShape, device, dtype);
        this.bias = bias ? LayerInit.Empty(new[] { out_channels }, device, dtype) : null;
        reset_parameters();
        RegisterComponents();
    }

    public int nd { get; }
    public bool transposed { get; }
    public long in_channels { get; }
    public long out_channels { get; }
    public long[] kernel_size { get; }
    public long[] stride { get; }
    /// <summary>A tuple, or "same"/"valid".</summary>
    public SizeArg padding { get; }
    public long[] dilation { get; }
    public long[] output_padding { get; }
    public long groups { get; }
    public string padding_mode { get; }

    public void reset_parameters() => LayerInit.KaimingUniformWithBias(weight, bias);

    public override Tensor forward(Tensor input)
    {
        if (transposed)
            return nn.functional.Convolution(nd, input, weight, bias, stride, padding, dilation, true, output_padding, groups);
        if (padding_mode == "zeros")
            return nn.functional.Convolution(nd, input, weight, bias, stride, padding, dilation, false, null, groups);
        using var padded = nn.functional.pad(input, reversedPaddingRepeatedTwice, padding_mode);
        return nn.functional.Convolution(nd, padded, weight, bias, stride, 0, dilation, false, null, groups);
    }

    private long[] ReversedPadding()
    {
        var result = new long[2 * nd];
        for (var i = 0; i < nd; i++)
        {
            long left, right;
            if (padding.Text == "same")
            {
                // "same" puts the odd pixel of padding on the right, as PyTorch does.
                var total = dilation[i] * (kernel_size[i] - 1);
                left = total / 2;
                right = total - left;
            }
            else if (padding.Text == "valid")
            {
                left = right = 0;
            }
            else
            {
                left = right = padding.Expand(nd, nameof(padding))[i];
            }
            var k = nd - 1 - i;
            result[2 * k] = left;
            result[2 * k + 1] = right;
        }
        return result;
    }

    protected override string extra_repr()
    {
        var s = $"{in_channels}, {out_channels}, kernel_size={PyRepr.Tuple(kernel_size)}, stride={PyRepr.Tuple(stride)}";
        if (padding.Text is not null || padding.Expand(nd, nameof(padding)).Any(p => p != 0)) s += $", padding={padding}";
        if (dilation.Any(d => d != 1)) s += $", dilation={PyRepr.Tuple(dilation)}";
        if (output_padding.Any(p => p != 0)) s += $", output_padding={PyRepr.Tuple(output_padding)}";
        if (groups != 1) s += $", groups={groups}";
        if (bias is null) s += ", bias=False";
        if (padding_mode != "zeros") s += $", padding_mode={padding_mode}";
        return s;
    }
}

public sealed class Conv1d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
    SizeArg? dilation = null, long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    : ConvNd(nameof(Conv1d), 1, false, in_channels, out_channels, kernel_size, stride ?? 1, padding ?? 0, dilation ?? 1, 0, groups, bias,
        padding_mode, device, dtype);

public sealed class Conv2d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
    SizeArg? dilation = null, long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    : ConvNd(nameof(Conv2d), 2, false, in_channels, out_channels, kernel_size, stride ?? 1, padding ?? 0, dilation ?? 1, 0, groups, bias,
        padding_mode, device, dtype);

public sealed class Conv3d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
    SizeArg? dilation = null, long groups = 1, bool bias = true, string padding_mode = "zeros", Device? device = null, ScalarType? dtype = null)
    : ConvNd(nameof(Conv3d), 3, false, in_channels, out_channels, kernel_size, stride ?? 1, padding ?? 0, dilation ?? 1, 0, groups, bias,
        padding_mode, device, dtype);

public sealed class ConvTranspose1d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
    SizeArg? output_padding = null, long groups = 1, bool bias = true, SizeArg? dilation = null, string padding_mode = "zeros",
    Device? device = null, ScalarType? dtype = null)
    : ConvNd(nameof(ConvTranspose1d), 1, true, in_channels, out_channels, kernel_size, stride ?? 1, padding ?? 0, dilation ?? 1,
        output_padding ?? 0, groups, bias, padding_mode, device, dtype);

public sealed class ConvTranspose2d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
    SizeArg? output_padding = null, long groups = 1, bool bias = true, SizeArg? dilation = null, string padding_mode = "zeros",
    Device? device = null, ScalarType? dtype = null)
    : ConvNd(nameof(ConvTranspose2d), 2, true, in_channels, out_channels, kernel_size, stride ?? 1, padding ?? 0, dilation ?? 1,
        output_padding ?? 0, groups, bias, padding_mode, device, dtype);

public sealed class ConvTranspose3d(long in_channels, long out_channels, SizeArg kernel_size, SizeArg? stride = null, SizeArg? padding = null,
    SizeArg? output_padding = null, long groups = 1, bool bias = true, SizeArg? dilation = null, string padding_mode = "zeros",
    Device? device = null, ScalarType? dtype = null)
    : ConvNd(nameof(ConvTranspose3d), 3, true, in_channels, out_channels, kernel_size, stride ?? 1, padding ?? 0, dilation ?? 1,
        output_padding ?? 0, groups, bias, padding_mode, device, dtype);
