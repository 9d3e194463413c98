using TorchSharp.Modules;

namespace Dino.Repro.Models.SpeechToImage;

/// <summary>StackGAN-v2's gated linear unit: the first half of the channels times the sigmoid of the second half.</summary>
public sealed class Glu : nn.Module<Tensor, Tensor>
{
    public Glu()
        : base(nameof(Glu)) { }

    public override Tensor forward(Tensor input)
    {
        if (input.size(1) % 2 != 0)
            throw new ArgumentException($"a GLU halves the channels, so they must be even (got {input.size(1)})");
        using var scope = torch.NewDisposeScope();
        var half = input.size(1) / 2;
        return input.narrow(1, 0, half).mul(input.narrow(1, half, half).sigmoid()).MoveToOuterDisposeScope();
    }
}

/// <summary>StackGAN-v2's generator blocks (reference <c>model.py</c>): every conv3×3 without bias, each GLU after batch norm.</summary>
public static class GluBlocks
{
    public static Conv2d Conv3x3(int inChannels, int outChannels) => nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false);

    /// <summary><c>Block3x3_relu</c>: conv3×3 to 2C, batch norm, GLU → C.</summary>
    public static Sequential Joint(int inChannels, int outChannels) =>
        nn.Sequential(Conv3x3(inChannels, 2 * outChannels), nn.BatchNorm2d(2 * outChannels), new Glu());

    /// <summary><c>upBlock</c>: nearest ×2, then <see cref="Joint"/>.</summary>
    public static Sequential Up(int inChannels, int outChannels) =>
        nn.Sequential(
            nn.Upsample(scale_factor: [2, 2], mode: UpsampleMode.Nearest),
            Conv3x3(inChannels, 2 * outChannels),
            nn.BatchNorm2d(2 * outChannels),
            new Glu()
        );
}

/// <summary>StackGAN-v2's <c>ResBlock</c>: x + BN(conv3×3(GLU(BN(conv3×3(x) to 2C)))).</summary>
public sealed class GluResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Sequential block;

    public GluResidualBlock(int channels)
        : base(nameof(GluResidualBlock))
    {
        block = nn.Sequential(GluBlocks.Joint(channels, channels), GluBlocks.Conv3x3(channels, channels), nn.BatchNorm2d(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        return block.call(input).add(input).MoveToOuterDisposeScope();
    }
}
