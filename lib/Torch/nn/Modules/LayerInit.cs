using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>Shared pieces of the layers' constructors and reset_parameters.</summary>
internal static class LayerInit
{
    /// <summary>A new parameter of the given shape (values set by the caller's reset_parameters).</summary>
    public static Parameter Empty(long[] shape, Device? device, ScalarType? dtype) => new(empty(shape, dtype, device));

    /// <summary>
    /// PyTorch's default for Linear and every convolution: weight ~ kaiming_uniform_(a=√5), i.e. U(±1/√fan_in),
    /// and bias ~ U(±1/√fan_in), drawn in that order from the default generator.
    /// </summary>
    public static void KaimingUniformWithBias(Parameter weight, Parameter? bias)
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is null) return;
        var (fanIn, _) = nn.init.calculate_fan_in_and_fan_out(weight);
        var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        nn.init.uniform_(bias, -bound, bound);
    }
}
