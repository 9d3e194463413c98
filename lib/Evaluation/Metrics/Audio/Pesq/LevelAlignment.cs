namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Scales a signal so that its power in the 350 Hz – 3.25 kHz band (after <see cref="FilterCurve.LevelAlignment"/>)
/// averages the target level 10⁷ over the longer signal's duration (P.862).
/// </summary>
internal static class LevelAlignment
{
    public const double TargetPower = 1e7;

    /// <param name="which">"reference" or "degraded", for the error message.</param>
    public static void Apply(PesqSignal signal, int longerLength, PesqRate rate, string which)
    {
        var filtered = (float[])signal.Data.Clone();
        FilterCurve.LevelAlignment.ApplyInPlace(
            filtered,
            rate.SearchBuffer,
            signal.Length - 2 * rate.SearchBuffer + rate.DataPadding,
            rate.SampleRate
        );
        var power = (float)
            PesqSignal.MeanPower(
                filtered,
                rate.SearchBuffer,
                signal.Length - rate.SearchBuffer + rate.DataPadding,
                longerLength - 2 * rate.SearchBuffer + rate.DataPadding
            );
        if (!(power > 0))
            throw new ArgumentException($"pesq: the {which} signal has no energy between 350 Hz and 3.25 kHz, so its level cannot be aligned");
        var scale = (float)Math.Sqrt(TargetPower / power);
        for (var i = 0; i < signal.Length; i++)
            signal.Data[i] *= scale;
    }
}
