using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// Upsampling without checkerboard artefacts (DINO's <c>ResizeConv2D</c>): nearest ×scale, reflection pad, stride-1
/// conv. state_dict: "conv.weight" (and "conv.bias" when biased).
/// </summary>
public sealed class ResizeConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Upsample up;
    private readonly ReflectionPad2d pad;
    private readonly Conv2d conv;

    public ResizeConv2d(long in_channels, long out_channels, long kernel_size = 3, double scale_factor = 2, bool bias = true)
        : base(nameof(ResizeConv2d))
    {
        if (kernel_size % 2 == 0) throw new ArgumentException("only odd kernels keep the size with symmetric padding", nameof(kernel_size));
        up = torch.nn.Upsample(scale_factor: new[] { scale_factor, scale_factor }, mode: UpsampleMode.Nearest);
        pad = torch.nn.ReflectionPad2d(kernel_size / 2);
        conv = torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride: 1, bias: bias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var upsampled = up.call(input);
        using var padded = pad.call(upsampled);
        return conv.call(padded);
    }
}
