using TorchSharp.Modules;

namespace Dino.Repro.Models.AcGan;

/// <summary>
/// The convolutional trunk that D and the encoder E share in design (each with its own weights): four 5×5 stride-2
/// convolutions w, 2w, 4w, 8w with LeakyReLU(0.2), batch norm on all but the first, flattened — 8192 features at 64²
/// and w = 64. The first keeps its bias (no norm follows it); the others drop it before batch norm.
/// </summary>
public sealed class AcGanTrunk : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public AcGanTrunk(long width, long resolution)
        : base(nameof(AcGanTrunk))
    {
        Features = 8 * width * (resolution / 16) * (resolution / 16);
        layers = torch.nn.Sequential(torch.nn.Conv2d(3, width, 5, stride: 2, padding: 2), torch.nn.LeakyReLU(0.2));
        var channels = width;
        foreach (var next in new[] { 2 * width, 4 * width, 8 * width })
        {
            layers.append(torch.nn.Conv2d(channels, next, 5, stride: 2, padding: 2, bias: false));
            layers.append(AcGanLayers.Norm(next));
            layers.append(torch.nn.LeakyReLU(0.2));
            channels = next;
        }
        layers.append(torch.nn.Flatten());
        RegisterComponents();
    }

    /// <summary>Length of the flattened output.</summary>
    public long Features { get; }

    /// <summary>images [B, 3, R, R] → features [B, <see cref="Features"/>].</summary>
    public override Tensor forward(Tensor images) => layers.call(images);
}

/// <summary>The layers every AC-GAN network builds the same way.</summary>
internal static class AcGanLayers
{
    /// <summary>Keras' BatchNormalization as the reference uses it: momentum 0.9 (PyTorch's 0.1), ε 1e-5.</summary>
    public static BatchNorm2d Norm(long channels) => torch.nn.BatchNorm2d(channels, eps: 1e-5, momentum: 0.1);
}
