namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The listening-device filters in front of the perceptual model (P.862, P.862.2) and the
/// band-limiting filter in front of the time alignment (P.862).
/// </summary>
internal static class InputFilters
{
    /// <summary>P.862.2's input filter at 16 kHz, replacing the IRS receive filter: one high-pass section (b0 b1 b2 a1 a2).</summary>
    private static readonly float[] WidebandHighPass = { 2.740826f, -5.4816519f, 2.740826f, -1.9444777f, 0.94597794f };

    /// <summary>Narrowband: the modified IRS receive response, applied in the frequency domain.</summary>
    public static void IrsReceive(PesqSignal signal, PesqRate rate) =>
        FilterCurve.IrsReceive.ApplyInPlace(
            signal.Data,
            rate.SearchBuffer,
            signal.Length - 2 * rate.SearchBuffer + rate.DataPadding,
            rate.SampleRate
        );

    /// <summary>Wideband (P.862.2): 16-sample linear fades at both ends, then the high-pass IIR section.</summary>
    public static void Wideband(PesqSignal signal, PesqRate rate)
    {
        const int fade = 16;
        var first = rate.SearchBuffer;
        var last = signal.Length - rate.SearchBuffer - 1;
        // The fade starts one sample early (gain 0 on the zero before the signal), so the first sample gets 1/16.
        for (var i = 0; i < fade; i++)
        {
            signal.Data[first + i - 1] *= i / 16f;
            signal.Data[last + 1 - i] *= i / 16f;
        }
        BiquadCascade.FilterInPlace(signal.Data.AsSpan(first, signal.Length - 2 * rate.SearchBuffer), WidebandHighPass);
    }

    /// <summary>Before alignment: remove the mean (divided by the padded length, as the reference does), taper one
    /// envelope window at each end, then the IIR approximation of the IRS filter over the whole padded signal.</summary>
    public static void ForAlignment(PesqSignal signal, PesqRate rate)
    {
        var data = signal.Data;
        var start = rate.SearchBuffer;
        var end = signal.Length - rate.SearchBuffer;
        var mean = 0f;
        for (var i = start; i < end; i++)
            mean += data[i];
        mean /= signal.Length;
        for (var i = start; i < end; i++)
            data[i] -= mean;
        for (var i = 0; i < rate.Downsample; i++)
        {
            var gain = (0.5f + i) / rate.Downsample;
            data[start + i] *= gain;
            data[end - 1 - i] *= gain;
        }
        BiquadCascade.FilterInPlace(data.AsSpan(0, signal.Length + rate.DataPadding), rate.AlignmentInputFilter);
    }
}
