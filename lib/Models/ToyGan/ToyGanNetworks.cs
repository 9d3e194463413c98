using TorchSharp.Modules;

namespace Dino.Repro.Models.ToyGan;

/// <summary>DCGAN's generator and discriminator cut down to 16×16 images (three layers each).</summary>
public static class ToyGanNetworks
{
    /// <summary>z [B, latent, 1, 1] → images [B, 3, 16, 16] in (-1, 1).</summary>
    public static Sequential Generator(int latent, int width) =>
        nn.Sequential(
            ("0", nn.ConvTranspose2d(latent, 4 * width, 4, stride: 1, padding: 0, bias: false)), // 1×1 → 4×4
            ("1", nn.BatchNorm2d(4 * width)),
            ("2", nn.ReLU()),
            ("3", nn.ConvTranspose2d(4 * width, 2 * width, 4, stride: 2, padding: 1, bias: false)), // 4×4 → 8×8
            ("4", nn.BatchNorm2d(2 * width)),
            ("5", nn.ReLU()),
            ("6", nn.ConvTranspose2d(2 * width, ShapesDataset.Channels, 4, stride: 2, padding: 1)), // 8×8 → 16×16
            ("7", nn.Tanh())
        );

    /// <summary>images [B, 3, 16, 16] → real/fake logits [B, 1, 1, 1].</summary>
    public static Sequential Discriminator(int width) =>
        nn.Sequential(
            ("0", nn.Conv2d(ShapesDataset.Channels, width, 4, stride: 2, padding: 1)), // 16×16 → 8×8
            ("1", nn.LeakyReLU(0.2)),
            ("2", nn.Conv2d(width, 2 * width, 4, stride: 2, padding: 1, bias: false)), // 8×8 → 4×4
            ("3", nn.BatchNorm2d(2 * width)),
            ("4", nn.LeakyReLU(0.2)),
            ("5", nn.Conv2d(2 * width, 1, 4, stride: 1))
        ); // 4×4 → 1×1

    /// <summary>DCGAN's initialisation: convolution weights N(0, 0.02), batch-norm scales N(1, 0.02) and shifts 0.</summary>
    public static T WithDcganInit<T>(T network)
        where T : nn.Module
    {
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d or ConvTranspose2d:
                    nn.init.normal_(module.get_parameter("weight")!, 0, 0.02);
                    break;
                case BatchNorm2d:
                    nn.init.normal_(module.get_parameter("weight")!, 1, 0.02);
                    nn.init.zeros_(module.get_parameter("bias")!);
                    break;
            }
        }
        return network;
    }
}
