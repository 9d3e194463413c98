namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Zwicker's law (P.862): loudness density
/// Sl · (P₀/0.5)^γ · ((0.5 + 0.5 P/P₀)^γ − 1) above the hearing threshold P₀, 0 below it, with γ = 0.23 raised
/// below 4 Bark by (6/(z+2))^0.15 (at most 2^0.15).
/// </summary>
internal sealed class LoudnessModel
{
    private const double ZwickerPower = 0.23;
    private readonly double[] exponent;
    private readonly float[] threshold;
    private readonly float scale;

    public LoudnessModel(PesqRate rate)
    {
        var bands = rate.Bands;
        scale = rate.LoudnessScale;
        exponent = new double[bands.Count];
        threshold = new float[bands.Count];
        for (var b = 0; b < bands.Count; b++)
        {
            threshold[b] = (float)bands.HearingThreshold[b];
            var h = bands.CentreBark[b] < 4f ? 6f / ((float)bands.CentreBark[b] + 2f) : 1f;
            h = Math.Min(h, 2f);
            h = (float)Math.Pow(h, 0.15f);
            exponent[b] = ZwickerPower * h;
        }
    }

    public float[] Density(float[] pitchPowerDensity)
    {
        var loudness = new float[exponent.Length];
        for (var b = 0; b < loudness.Length; b++)
        {
            var input = pitchPowerDensity[b];
            var p0 = threshold[b];
            loudness[b] = input > p0 ? (float)(Math.Pow(p0 / 0.5, exponent[b]) * (Math.Pow(0.5 + 0.5 * input / p0, exponent[b]) - 1)) : 0f;
            loudness[b] *= scale;
        }
        return loudness;
    }
}
