using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// One generative layer of Listen and Move (reference <c>ResConvBlock</c> with noise): conv3×3 → noise → norm →
/// LeakyReLU 0.2 → conv3×3 → noise → norm, plus a 1×1 convolution of the input, summed and scaled by 1/√2, then
/// LeakyReLU 0.2. The norm is batch norm, or the audio-conditional instance norm when the layer is given a condition.
/// </summary>
public sealed class ResidualGenerativeBlock : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly Conv2d conv1,
        conv2,
        residual;
    private readonly NoiseInjection noise1,
        noise2;
    private readonly BatchNorm2d? norm1,
        norm2;

    public ResidualGenerativeBlock(int inChannels, int outChannels, bool audioConditional)
        : base(nameof(ResidualGenerativeBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, padding: 1);
        noise1 = new NoiseInjection();
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1);
        noise2 = new NoiseInjection();
        residual = nn.Conv2d(inChannels, outChannels, 1);
        if (!audioConditional)
        {
            norm1 = nn.BatchNorm2d(outChannels);
            norm2 = nn.BatchNorm2d(outChannels);
        }
        AudioConditional = audioConditional;
        OutChannels = outChannels;
        RegisterComponents();
    }

    public bool AudioConditional { get; }
    public int OutChannels { get; }

    /// <param name="input">[B, C_in, H, W].</param>
    /// <param name="meanStd">[B, 2·C_out] for acIN; null with batch norm.</param>
    public override Tensor forward(Tensor input, Tensor? meanStd)
    {
        if (AudioConditional != meanStd is not null)
            throw new ArgumentException(
                AudioConditional ? "this layer's acIN needs a condition [B, 2C]" : "this layer uses batch norm: no condition"
            );
        using var scope = torch.NewDisposeScope();
        var x = Norm(noise1.call(conv1.call(input)), norm1, meanStd);
        x = nn.functional.leaky_relu(x, 0.2);
        x = Norm(noise2.call(conv2.call(x)), norm2, meanStd);
        var sum = x.add(residual.call(input)).mul(Scalars.Of(1 / Math.Sqrt(2)));
        return nn.functional.leaky_relu(sum, 0.2).MoveToOuterDisposeScope();
    }

    private static Tensor Norm(Tensor x, BatchNorm2d? batchNorm, Tensor? meanStd) =>
        batchNorm is null ? AudioConditionalInstanceNorm.Apply(x, meanStd!) : batchNorm.call(x);
}
