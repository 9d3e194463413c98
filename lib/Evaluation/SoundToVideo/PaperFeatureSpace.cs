using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Video;
using Dino.Repro.Vision;

namespace Dino.Repro.Evaluation.SoundToVideo;

/// <summary>
/// Listen and Move's own measures (eval_models.py): LPIPS with AlexNet per frame, FID on Inception pool3 features of
/// frames quantised as saved images, FVD on StyleGAN-V's I3D features of each clip. All three are TorchScript files in
/// the evaluators folder (data-scripts/evaluators.sh and CONVERSION.md); <see cref="Load"/> names every missing one at once.
/// </summary>
public sealed class PaperFeatureSpace : IVideoFeatureSpace, IDisposable
{
    private readonly Lpips lpips;
    private readonly FeatureExtractor inception,
        i3d;

    private PaperFeatureSpace(Lpips lpips, FeatureExtractor inception, FeatureExtractor i3d) =>
        (this.lpips, this.inception, this.i3d) = (lpips, inception, i3d);

    /// <summary>The evaluators the paper's columns need.</summary>
    public static IReadOnlyList<Evaluator> Needed { get; } = [Evaluators.LpipsAlex, Evaluators.Inception, Evaluators.I3d];

    public string Description => "AlexNet-LPIPS, Inception (FID) and StyleGAN-V's I3D (FVD), as the paper";

    /// <summary>
    /// Loads the three evaluators from <paramref name="folder"/> (default &lt;data root&gt;/evaluators); every missing file is named.
    /// </summary>
    public static PaperFeatureSpace Load(string? folder = null)
    {
        var missing = Needed.Select(e => e.Missing(folder)).OfType<string>().ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(string.Join("; ", missing));
        var loaded = new List<IDisposable>();
        try
        {
            var l = Lpips.Load(Evaluators.LpipsAlex, folder);
            loaded.Add(l);
            var inception = FeatureExtractor.Load(Evaluators.Inception, folder);
            loaded.Add(inception);
            return new PaperFeatureSpace(l, inception, FeatureExtractor.Load(Evaluators.I3d, folder));
        }
        catch
        {
            foreach (var network in loaded)
                network.Dispose();
            throw;
        }
    }

    public double[] FrameDistances(Tensor real, Tensor fake)
    {
        using var scope = torch.NewDisposeScope();
        return lpips.Distances(Signed(real), Signed(fake)).data<double>().ToArray();
    }

    public Tensor FrameFeatures(Tensor frames)
    {
        using var extracted = inception.ExtractAsSaved(Signed(frames), kinds: FeatureKinds.Features);
        return extracted.RequireFeatures(inception.Evaluator.Name).to(ScalarType.Float64);
    }

    public Tensor ClipFeature(Tensor frames)
    {
        using var scope = torch.NewDisposeScope();
        var clip = ImageTensor.ToHwc(Signed(frames)); // uint8 [T, S, S, 3], as a saved video
        return FrechetVideoDistance.Features(i3d, [clip], batchSize: 1)[0].to(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    private static Tensor Signed(Tensor unit) => unit.mul(Scalars.Of(2)).sub(Scalars.Of(1)).clamp(Scalars.Of(-1), Scalars.Of(1));

    public void Dispose()
    {
        lpips.Dispose();
        inception.Dispose();
        i3d.Dispose();
    }
}
