namespace Dino.Repro.Signal;

/// <summary>
/// The low-pass filter a <see cref="Resampler"/> designs, in fractions of the lower of the two Nyquist
/// frequencies (min(from, to) / 2).
/// </summary>
/// <param name="PassbandEdge">Where the pass band ends (default 0.9: 0–3.6 kHz kept for 16 k → 8 k) — ripple there ≤ 10^(−A/20).</param>
/// <param name="StopbandEdge">Where the stop band begins (default 1.0: nothing above the new Nyquist can alias back).</param>
/// <param name="StopbandAttenuationDb">A, the Kaiser design target for the stop band (default 80 dB; also bounds the pass-band ripple to
/// 1e-4).</param>
public sealed record ResamplerOptions(double PassbandEdge = 0.9, double StopbandEdge = 1.0, double StopbandAttenuationDb = 80)
{
    public static ResamplerOptions Default { get; } = new();

    internal void Validate()
    {
        if (!(PassbandEdge > 0 && PassbandEdge < StopbandEdge))
            throw new ArgumentException($"the pass band edge ({PassbandEdge}) must be positive and below the stop band edge ({StopbandEdge})");
        if (StopbandEdge > 1.5)
            throw new ArgumentException($"a stop band edge of {StopbandEdge} × the lower Nyquist would let aliases through");
        if (StopbandAttenuationDb < 21)
            throw new ArgumentException($"a stop band attenuation of {StopbandAttenuationDb} dB is below what any windowed sinc gives (21 dB)");
    }
}
