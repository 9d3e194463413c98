namespace Dino.Repro.Signal;

/// <summary>
/// First-order pre-emphasis y[n] = x[n] − α·x[n−1] (lifts high frequencies by up to 20·log10((1+α)/(1−α)) dB,
/// ≈ 36 dB at α = 0.97) and its exact inverse, de-emphasis y[n] = x[n] + α·y[n−1]. The signal is taken to be 0
/// before its first sample (so y[0] = x[0] both ways), which makes de-emphasis(pre-emphasis(x)) = x exactly in
/// exact arithmetic. Tensors are filtered along the last dim, batched over the leading ones.
/// </summary>
public static class Emphasis
{
    /// <summary>The coefficient speech front ends use (SEGAN, Wav2Pix, HTK's PREEMCOEF).</summary>
    public const float DefaultAlpha = 0.97f;

    public static float[] PreEmphasis(ReadOnlySpan<float> x, float alpha = DefaultAlpha)
    {
        var y = new float[x.Length];
        var previous = 0f;
        for (var n = 0; n < x.Length; n++)
        {
            y[n] = x[n] - alpha * previous;
            previous = x[n];
        }
        return y;
    }

    public static float[] DeEmphasis(ReadOnlySpan<float> x, float alpha = DefaultAlpha)
    {
        var y = new float[x.Length];
        var previous = 0.0; // the recursion accumulates, so it runs in double
        for (var n = 0; n < x.Length; n++)
        {
            previous = x[n] + alpha * previous;
            y[n] = (float)previous;
        }
        return y;
    }

    /// <summary>Pre-emphasis of a [..., time] tensor, on its own device (differentiable).</summary>
    public static Tensor PreEmphasis(Tensor x, double alpha = DefaultAlpha)
    {
        var length = x.size(-1);
        if (length < 2)
            return x.clone(); // nothing precedes the first sample
        using var scope = torch.NewDisposeScope();
        var head = x.narrow(-1, 0, 1);
        var rest = x.narrow(-1, 1, length - 1) - x.narrow(-1, 0, length - 1) * Scalars.Of(alpha);
        return scope.MoveToOuter(torch.cat(new[] { head, rest }, -1));
    }

    /// <summary>De-emphasis of a [..., time] tensor: a recursive filter, so it runs on the CPU and returns to the input's device.</summary>
    public static Tensor DeEmphasis(Tensor x, double alpha = DefaultAlpha)
    {
        using var scope = torch.NewDisposeScope();
        var shape = x.shape;
        var length = (int)shape[^1];
        var values = x.detach().to(ScalarType.Float64, torch.CPU).contiguous().ToArray<double>();
        for (var start = 0; start < values.Length; start += length)
        {
            var previous = 0.0;
            for (var n = start; n < start + length; n++)
            {
                previous = values[n] + alpha * previous;
                values[n] = previous;
            }
        }
        var result = torch.tensor(values, shape).to(x.dtype, x.device);
        return scope.MoveToOuter(result);
    }
}
