using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// The references' initialisation (pix2pix <c>init_weights(net, "normal", 0.02)</c>, DINO <c>initialize_weights(net,
/// "normal", [0, 0.02])</c>): convolution and linear weights N(0, std), their biases 0, batch-norm scales N(1, std)
/// and shifts 0. DINO's networks have no biases and no affine norms, so the one function serves both.
/// </summary>
public static class WeightInit
{
    public const double ReferenceStd = 0.02;

    /// <param name="volumetric">
    /// Also Conv3d and BatchNorm3d (Listen and Move's initialiser names them). Off by default, which leaves the
    /// Table 3 CycleGAN video critic's Conv3d at PyTorch's default where pix2pix's initialiser would reach it — a
    /// departure kept so Table 3's measured run stays reproducible.
    /// </param>
    public static T Normal<T>(T network, double std = ReferenceStd, Generator? generator = null, bool volumetric = false)
        where T : nn.Module => Apply(network, weight => Normal(weight, 0, std, generator), std, generator, volumetric);

    /// <summary>
    /// BicycleGAN's <c>init_weights(net, "xavier", 0.02)</c>: conv and linear weights xavier_normal_ with that gain,
    /// biases 0, batch-norm scales N(1, gain) and shifts 0.
    /// </summary>
    public static T XavierNormal<T>(T network, double gain = ReferenceStd, Generator? generator = null)
        where T : nn.Module => Apply(network, weight => XavierNormal(weight, gain, generator), gain, generator, volumetric: false);

    /// <summary>
    /// StackGAN-v2's <c>weights_init</c>: convolution and linear weights orthogonal with gain 1, batch-norm scales N(1, 0.02)
    /// and shifts 0, biases 0 (the reference leaves a convolution's bias at PyTorch's default — only its logit layers have one).
    /// </summary>
    public static T Orthogonal<T>(T network)
        where T : nn.Module
    {
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d or Linear:
                    using (torch.no_grad())
                        torch.nn.init.orthogonal_(module.get_parameter("weight")!, 1.0);
                    if (module.get_parameter("bias") is { } bias)
                        torch.nn.init.zeros_(bias);
                    break;
                case BatchNorm1d or BatchNorm2d:
                    Normal(module.get_parameter("weight")!, 1, ReferenceStd, null);
                    torch.nn.init.zeros_(module.get_parameter("bias")!);
                    break;
            }
        }
        return network;
    }

    // torch.nn.init.normal_: TorchSharp 0.107's ignores its generator argument (draws from the default one), the
    // tensor method honours it.
    private static void Normal(Tensor weight, double mean, double std, Generator? generator)
    {
        using var _ = torch.no_grad();
        weight.normal_(mean, std, generator);
    }

    // torch.nn.init.xavier_normal_ with a generator (TorchSharp's takes none): std = gain·sqrt(2 / (fan_in + fan_out)),
    // fans as PyTorch's _calculate_fan_in_and_fan_out (dims 1 and 0 times the receptive field).
    private static void XavierNormal(Tensor weight, double gain, Generator? generator)
    {
        if (weight.dim() < 2)
            throw new ArgumentException("xavier_normal_ needs a weight with at least 2 dimensions", nameof(weight));
        var receptive = weight.shape.Skip(2).Aggregate(1L, (a, b) => a * b);
        var fanIn = weight.size(1) * receptive;
        var fanOut = weight.size(0) * receptive;
        Normal(weight, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    private static T Apply<T>(T network, Action<Tensor> initWeight, double normStd, Generator? generator, bool volumetric)
        where T : nn.Module
    {
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d or ConvTranspose2d or Linear:
                case Conv3d when volumetric:
                    initWeight(module.get_parameter("weight")!);
                    if (module.get_parameter("bias") is { } bias)
                        torch.nn.init.zeros_(bias);
                    break;
                case BatchNorm2d:
                case BatchNorm3d when volumetric:
                    Normal(module.get_parameter("weight")!, 1, normStd, generator);
                    torch.nn.init.zeros_(module.get_parameter("bias")!);
                    break;
            }
        }
        return network;
    }
}
