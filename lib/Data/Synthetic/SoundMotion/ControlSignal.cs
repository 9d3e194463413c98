namespace Dino.Repro.Data.Synthetic.SoundMotion;

/// <summary>
/// The corpus' motion with memory: a target signal sampled on a fine grid and smoothed by a one-pole low-pass
/// (y += (1 − e^(−Δt/τ)) (x − y)), so the picture keeps following where the sound was for about τ.
/// </summary>
public static class ControlSignal
{
    /// <summary>Grid rate of the control signals (Hz): fine enough that a frame's state is not quantised.</summary>
    public const double Rate = 1000;

    /// <summary>The target at every grid point of <paramref name="seconds"/>: <paramref name="target"/>(t).</summary>
    public static double[] Sample(double seconds, Func<double, double> target) =>
        [.. Enumerable.Range(0, (int)Math.Ceiling(seconds * Rate)).Select(i => target(i / Rate))];

    /// <summary>One-pole low-pass of time constant <paramref name="tau"/> seconds, starting at the first value.</summary>
    public static double[] LowPass(double[] x, double tau)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new double[x.Length];
        if (x.Length == 0)
            return y;
        var alpha = 1 - Math.Exp(-1 / (Rate * tau));
        y[0] = x[0];
        for (var i = 1; i < x.Length; i++)
            y[i] = y[i - 1] + alpha * (x[i] - y[i - 1]);
        return y;
    }

    /// <summary>The signal at the middle of each video frame's 1/fps interval.</summary>
    public static double[] PerFrame(double[] signal, int frames, double fps) =>
        [.. Enumerable.Range(0, frames).Select(k => signal[Math.Min(signal.Length - 1, (int)Math.Floor((k + 0.5) / fps * Rate))])];

    /// <summary>Holds the last defined value where <paramref name="value"/> returns null (a rest keeps the last pitch).</summary>
    public static Func<double, double> Holding(Func<double, double?> value, double initial)
    {
        var last = initial;
        return t => last = value(t) ?? last;
    }
}
