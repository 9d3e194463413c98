using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// StyleGAN's noise injection as Listen and Move uses it: x + w · n, with one learned scalar w (initialised to 0) and a
/// fresh N(0, 1) map n [B, 1, H, W] shared by all channels, drawn from torch's default generator (which checkpoints
/// save, so a resumed run draws the same noise).
/// </summary>
public sealed class NoiseInjection : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;

    public NoiseInjection()
        : base(nameof(NoiseInjection))
    {
        weight = new Parameter(torch.zeros(1));
        RegisterComponents();
    }

    /// <param name="input">[B, C, H, W].</param>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4)
            throw new ArgumentException($"noise injection takes maps [B, C, H, W], got [{string.Join(", ", input.shape)}]");
        using var scope = torch.NewDisposeScope();
        var noise = torch.randn([input.size(0), 1, input.size(2), input.size(3)], dtype: input.dtype, device: input.device);
        return input.add(weight.mul(noise)).MoveToOuterDisposeScope();
    }
}
