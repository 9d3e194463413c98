using Dino.Repro.Torch;
using Dino.Repro.Torch.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// The references' initialisation (pix2pix <c>init_weights(net, "normal", 0.02)</c>, DINO <c>initialize_weights(net,
/// "normal", [0, 0.02])</c>): convolution and linear weights N(0, std), their biases 0, batch-norm scales N(1, std)
/// and shifts 0. DINO's networks have no biases and no affine norms, so the one function serves both.
/// </summary>
public static class WeightInit
{
    public const double ReferenceStd = 0.02;

    public static T Normal<T>(T network, double std = ReferenceStd, Generator? generator = null) where T : Module
    {
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d or ConvTranspose2d or Linear:
                    torch.nn.init.normal_(module.get_parameter("weight")!, 0, std, generator);
                    if (module.get_parameter("bias") is { } bias) torch.nn.init.zeros_(bias);
                    break;
                case BatchNorm2d:
                    torch.nn.init.normal_(module.get_parameter("weight")!, 1, std, generator);
                    torch.nn.init.zeros_(module.get_parameter("bias")!);
                    break;
            }
        }
        return network;
    }
}
