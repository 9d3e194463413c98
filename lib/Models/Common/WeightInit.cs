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

    public static T Normal<T>(T network, double std = ReferenceStd, Generator? generator = null) where T : Module =>
        Apply(network, weight => torch.nn.init.normal_(weight, 0, std, generator), std, generator);

    /// <summary>
    /// BicycleGAN's <c>init_weights(net, "xavier", 0.02)</c>: conv and linear weights xavier_normal_ with that gain,
    /// biases 0, batch-norm scales N(1, gain) and shifts 0.
    /// </summary>
    public static T XavierNormal<T>(T network, double gain = ReferenceStd, Generator? generator = null) where T : Module =>
        Apply(network, weight => torch.nn.init.xavier_normal_(weight, gain, generator), gain, generator);

    private static T Apply<T>(T network, Action<Tensor> initWeight, double normStd, Generator? generator) where T : Module
    {
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d or ConvTranspose2d or Linear:
                    initWeight(module.get_parameter("weight")!);
                    if (module.get_parameter("bias") is { } bias) torch.nn.init.zeros_(bias);
                    break;
                case BatchNorm2d:
                    torch.nn.init.normal_(module.get_parameter("weight")!, 1, normStd, generator);
                    torch.nn.init.zeros_(module.get_parameter("bias")!);
                    break;
            }
        }
        return network;
    }
}
