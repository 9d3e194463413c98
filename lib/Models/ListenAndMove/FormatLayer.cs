using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Listen and Move's format layer: the per-frame latent [B, Z, 1, 1] replicated to 4×4 (replication padding 2, 1, 2, 1,
/// as the reference), then conv3×3 → noise → batch norm → LeakyReLU 0.2 to the first stage's channels.
/// </summary>
public sealed class FormatLayer : nn.Module<Tensor, Tensor>
{
    public const int Side = 4;

    private readonly ReplicationPad2d replicate;
    private readonly Conv2d conv;
    private readonly NoiseInjection noise;
    private readonly BatchNorm2d norm;

    public FormatLayer(int latent, int channels)
        : base(nameof(FormatLayer))
    {
        replicate = nn.ReplicationPad2d((Side / 2, Side / 2 - 1, Side / 2, Side / 2 - 1));
        conv = nn.Conv2d(latent, channels, 3, padding: 1);
        noise = new NoiseInjection();
        norm = nn.BatchNorm2d(channels);
        RegisterComponents();
    }

    /// <param name="latent">[B, Z] or [B, Z, 1, 1].</param>
    /// <returns>[B, C, 4, 4].</returns>
    public override Tensor forward(Tensor latent)
    {
        using var scope = torch.NewDisposeScope();
        var x = latent.dim() == 2 ? latent.view(latent.size(0), latent.size(1), 1, 1) : latent;
        if (x.dim() != 4 || x.size(2) != 1 || x.size(3) != 1)
            throw new ArgumentException($"the format layer takes latents [B, Z] or [B, Z, 1, 1], got [{string.Join(", ", latent.shape)}]");
        var y = norm.call(noise.call(conv.call(replicate.call(x))));
        return nn.functional.leaky_relu(y, 0.2).MoveToOuterDisposeScope();
    }
}
