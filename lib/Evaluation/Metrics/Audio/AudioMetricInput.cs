namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>Input checks shared by the audio metrics: a wrong input is an error naming the problem, never a wrong number.</summary>
internal static class AudioMetricInput
{
    public static double[] ToDouble(float[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var result = new double[samples.Length];
        for (var i = 0; i < samples.Length; i++)
            result[i] = samples[i];
        return result;
    }

    public static void RequireSameLength(double[] reference, double[] degraded, string metric)
    {
        if (reference.Length != degraded.Length)
            throw new ArgumentException($"{metric}: reference and degraded lengths differ: {reference.Length} vs {degraded.Length} samples");
    }

    /// <summary>Every sample must be a number; <paramref name="which"/> names the signal in the message.</summary>
    public static void RequireFinite(double[] samples, string which, string metric)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (double.IsNaN(samples[i]))
                throw new ArgumentException($"{metric}: the {which} signal contains NaN (sample {i})");
            if (double.IsInfinity(samples[i]))
                throw new ArgumentException($"{metric}: the {which} signal contains an infinite value (sample {i})");
        }
    }

    /// <summary>An all-zero signal has no level to compare against: the metric would return a meaningless number.</summary>
    public static void RequireNotSilent(double[] samples, string which, string metric)
    {
        if (samples.Length == 0)
            throw new ArgumentException($"{metric}: the {which} signal is empty");
        foreach (var s in samples)
        {
            if (s != 0)
                return;
        }
        throw new ArgumentException($"{metric}: the {which} signal is silent (every sample is 0)");
    }

    public static void RequirePositiveRate(int sampleRate, string metric)
    {
        if (sampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, $"{metric}: the sample rate must be positive");
    }
}
