namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Disturbance of one frame (P.862): the loudness difference outside a deadzone of ¼ of
/// the smaller loudness (masking by the reference), aggregated over frequency with an L2 norm (symmetric D) and,
/// after the asymmetry factor ((P_deg + 50)/(P_ref + 50))^1.2 (0 below 3, at most 12), an L1 norm (asymmetric A).
/// </summary>
internal sealed class FrameDisturbance
{
    private readonly LoudnessModel loudness;
    private readonly float[] widths;

    public FrameDisturbance(PesqRate rate)
    {
        loudness = new LoudnessModel(rate);
        widths = rate.Bands.WidthBark.Select(w => (float)w).ToArray();
    }

    public (float symmetric, float asymmetric) Compute(float[] reference, float[] degraded)
    {
        var loudRef = loudness.Density(reference);
        var loudDeg = loudness.Density(degraded);
        var disturbance = new float[loudRef.Length];
        for (var b = 0; b < disturbance.Length; b++)
        {
            var d = loudDeg[b] - loudRef[b];
            var deadzone = Math.Min(loudDeg[b], loudRef[b]) * 0.25f;
            disturbance[b] =
                d > deadzone ? d - deadzone
                : d < -deadzone ? d + deadzone
                : 0f;
        }
        var symmetric = WeightedNorm(disturbance, 2);

        for (var b = 0; b < disturbance.Length; b++)
        {
            var ratio = (degraded[b] + 50f) / (reference[b] + 50f);
            var h = (float)Math.Pow(ratio, 1.2f);
            if (h > 12f)
                h = 12f;
            if (h < 3f)
                h = 0f;
            disturbance[b] *= h;
        }
        return (symmetric, WeightedNorm(disturbance, 1));
    }

    /// <summary>Bark-width-weighted Lp norm over bands 1.. (band 0 is left out), scaled back by the total width.</summary>
    private float WeightedNorm(float[] x, float p)
    {
        double sum = 0,
            totalWidth = 0;
        for (var b = 1; b < x.Length; b++)
        {
            var product = Math.Abs(x[b]) * widths[b];
            sum += Math.Pow(product, p);
            totalWidth += widths[b];
        }
        return (float)(Math.Pow(sum / totalWidth, 1 / p) * totalWidth);
    }
}
