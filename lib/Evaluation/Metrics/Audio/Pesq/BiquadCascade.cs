namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Cascaded second-order IIR sections in single precision, direct form II, state starting at zero.
/// Each section is five floats (b0, b1, b2, a1, a2) of H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²).
/// </summary>
internal static class BiquadCascade
{
    public static void FilterInPlace(Span<float> x, ReadOnlySpan<float> sections)
    {
        if (sections.Length % 5 != 0)
            throw new ArgumentException("PESQ: IIR sections must come in groups of five coefficients", nameof(sections));
        for (var s = 0; s < sections.Length; s += 5)
        {
            float b0 = sections[s],
                b1 = sections[s + 1],
                b2 = sections[s + 2],
                a1 = sections[s + 3],
                a2 = sections[s + 4];
            float z1 = 0,
                z2 = 0;
            for (var i = 0; i < x.Length; i++)
            {
                var z0 = x[i] - a1 * z1 - a2 * z2;
                x[i] = b0 * z0 + b1 * z1 + b2 * z2;
                z2 = z1;
                z1 = z0;
            }
        }
    }
}
