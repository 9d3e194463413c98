using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>Pads the last nd dims with F.pad; padding is an int (all sides) or (left, right, top, bottom, front, back).</summary>
public abstract class PadNd : Module<Tensor, Tensor>
{
    private readonly string mode;
    private readonly double value;

    protected PadNd(string name, int nd, SizeArg padding, string mode, double value = 0) : base(name)
    {
        this.padding = padding.Expand(2 * nd, nameof(padding));
        this.mode = mode;
        this.value = value;
    }

    public long[] padding { get; }

    public override Tensor forward(Tensor input) => nn.functional.pad(input, padding, mode, value);

    protected override string extra_repr() => mode == "constant" ? $"padding={PyRepr.Tuple(padding)}, value={PyRepr.Float(value)}" : PyRepr.Tuple(padding);
}

public sealed class ReflectionPad1d(SizeArg padding) : PadNd(nameof(ReflectionPad1d), 1, padding, "reflect");
public sealed class ReflectionPad2d(SizeArg padding) : PadNd(nameof(ReflectionPad2d), 2, padding, "reflect");
public sealed class ReflectionPad3d(SizeArg padding) : PadNd(nameof(ReflectionPad3d), 3, padding, "reflect");
public sealed class ReplicationPad1d(SizeArg padding) : PadNd(nameof(ReplicationPad1d), 1, padding, "replicate");
public sealed class ReplicationPad2d(SizeArg padding) : PadNd(nameof(ReplicationPad2d), 2, padding, "replicate");
public sealed class ReplicationPad3d(SizeArg padding) : PadNd(nameof(ReplicationPad3d), 3, padding, "replicate");
public sealed class ZeroPad2d(SizeArg padding) : PadNd(nameof(ZeroPad2d), 2, padding, "constant");
