namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// WaveGAN's phase shuffle (Donahue et al. 2019): each example's feature maps are shifted in time by a random k in
/// [−n, n], the gap filled by reflection, so the discriminator cannot key on the generator's periodic artefacts. Training
/// only; the draws come from torch's default generator, which a checkpoint restores.
/// </summary>
public sealed class PhaseShuffle : nn.Module<Tensor, Tensor>
{
    public PhaseShuffle(int radius)
        : base(nameof(PhaseShuffle))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        Radius = radius;
    }

    public int Radius { get; }

    /// <param name="x">[B, C, L], L &gt; radius.</param>
    public override Tensor forward(Tensor x)
    {
        if (!training || Radius == 0)
            return x.alias();
        using var scope = torch.NewDisposeScope();
        var shifts = torch.randint(-Radius, Radius + 1, [x.size(0)]).data<long>().ToArray();
        var length = x.size(2);
        var shifted = shifts.Select(
            (k, b) =>
            {
                var example = x.narrow(0, b, 1);
                // k > 0 moves the signal right: reflect k samples in at the start and drop k at the end.
                var padded = nn.functional.pad(example, [Math.Max(0, (int)k), Math.Max(0, -(int)k)], PaddingModes.Reflect);
                return padded.narrow(2, Math.Max(0, -k), length);
            }
        );
        return torch.cat(shifted.ToList(), 0).MoveToOuterDisposeScope();
    }
}
