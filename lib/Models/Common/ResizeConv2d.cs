using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// Upsampling without checkerboard artefacts (DINO's <c>ResizeConv2D</c>): nearest ×scale, reflection pad, stride-1
/// conv. state_dict: "conv.weight" (and "conv.bias" when biased).
/// <para>
/// On maps of side ≥ <see cref="AdjointFromSide"/> the stride-1, unpadded convolution is computed as the transposed
/// convolution with the flipped, transposed kernel and padding k − 1 (the same operator, so the same values and
/// gradients up to float rounding): with oneDNN off (NativeEnvironment), ATen's conv2d is far slower there — measured
/// at batch 8, fwd + bwd: 64→3 channels at 66² 1,039 ms against 13 ms, 128→64 at 34² 300 against 94 — while on small
/// maps it is the faster one (512→256 at 10²: 165 against 602).
/// </para>
/// </summary>
public sealed class ResizeConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Upsample up;
    private readonly ReflectionPad2d pad;
    private readonly Conv2d conv;

    public ResizeConv2d(long in_channels, long out_channels, long kernel_size = 3, double scale_factor = 2, bool bias = true)
        : base(nameof(ResizeConv2d))
    {
        if (kernel_size % 2 == 0)
            throw new ArgumentException("only odd kernels keep the size with symmetric padding", nameof(kernel_size));
        up = torch.nn.Upsample(scale_factor: new[] { scale_factor, scale_factor }, mode: UpsampleMode.Nearest);
        pad = torch.nn.ReflectionPad2d(kernel_size / 2);
        conv = torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride: 1, bias: bias);
        RegisterComponents();
    }

    /// <summary>The smallest padded side at which the convolution runs as its adjoint (see the class notes).</summary>
    public const long AdjointFromSide = 16;

    public override Tensor forward(Tensor input)
    {
        using var upsampled = up.call(input);
        using var padded = pad.call(upsampled);
        if (padded.dim() != 4 || padded.size(-1) < AdjointFromSide || padded.size(-2) < AdjointFromSide)
            return conv.call(padded);
        var k = conv.weight!.size(-1);
        using var adjointWeight = conv.weight.transpose(0, 1).flip(2, 3);
        return torch.nn.functional.conv_transpose2d(padded, adjointWeight, conv.bias, padding: new[] { k - 1, k - 1 });
    }
}
