namespace Dino.Repro.Evaluation.SoundToVideo;

/// <summary>
/// The smoke/cpu stand-ins of LPIPS, FID and FVD, all on the <see cref="StateReader"/>'s features (the paper's AlexNet,
/// Inception and I3D are downloads): LPIPS with uniform weights on the reader's maps; FID on its pooled features; FVD on
/// a clip's mean, spread and mean change of those features.
/// </summary>
public sealed class StandInFeatureSpace(StateReader reader) : IVideoFeatureSpace
{
    public string Description => "the state reader's features (stand-ins for AlexNet-LPIPS, Inception and I3D)";

    // Unit-normalise each pixel's channel vector, square the difference, sum over channels, average over the map, sum over layers.
    public double[] FrameDistances(Tensor real, Tensor fake)
    {
        using var scope = torch.NewDisposeScope();
        var (a, b) = (reader.Maps(real), reader.Maps(fake));
        var total = torch.zeros(real.size(0));
        for (var l = 0; l < a.Count; l++)
            total = total.add(Unit(a[l]).sub(Unit(b[l])).pow(Scalars.Of(2)).sum(1).mean([1, 2]));
        return total.to(ScalarType.Float64).data<double>().ToArray();
    }

    private static Tensor Unit(Tensor map) => map.div(map.pow(Scalars.Of(2)).sum(1, keepdim: true).sqrt().add(Scalars.Of(1e-10)));

    public Tensor FrameFeatures(Tensor frames) => reader.Pooled(frames).to(ScalarType.Float64);

    public Tensor ClipFeature(Tensor frames)
    {
        using var scope = torch.NewDisposeScope();
        var f = FrameFeatures(frames); // [T, D]
        var change = f.narrow(0, 1, f.size(0) - 1).sub(f.narrow(0, 0, f.size(0) - 1)).abs().mean([0]);
        return torch.cat([f.mean([0]), f.std(0), change]).MoveToOuterDisposeScope();
    }
}
