using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Signal;

public class EmphasisTests
{
    [Fact]
    public void Pre_emphasis_subtracts_alpha_times_the_previous_sample()
    {
        Close.All(new[] { 1f, 1.5f, 2f, -3.5f }, Emphasis.PreEmphasis(new[] { 1f, 2f, 3f, -2f }, 0.5f), 1e-7);
        Close.All(new[] { 1f, 2.5f, 4.25f }, Emphasis.DeEmphasis(new[] { 1f, 2f, 3f }, 0.5f), 1e-7);
        Assert.Equal(0.97f, Emphasis.DefaultAlpha);
    }

    [Fact]
    public void De_emphasis_undoes_pre_emphasis_on_spans_and_tensors()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 4000).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        Close.All(x, Emphasis.DeEmphasis(Emphasis.PreEmphasis(x)), 1e-5, what: "span round trip");

        using var scope = NewDisposeScope();
        var batch = randn(new long[] { 2, 3, 500 }, float64);
        var emphasised = Emphasis.PreEmphasis(batch);
        Close.All(batch.ToArray<double>(), Emphasis.DeEmphasis(emphasised).ToArray<double>(), 1e-12, what: "tensor round trip");
        // The tensor form is the span form row by row.
        var row = batch[1, 2].to(float32).ToArray<float>();
        Close.All(Emphasis.PreEmphasis(row), emphasised[1, 2].to(float32).ToArray<float>(), 1e-6, what: "row");
        Assert.Equal(float64, emphasised.dtype);
        Assert.Equal(new[] { 2f }, Emphasis.PreEmphasis(tensor(new[] { 2f })).ToArray<float>()); // one sample: nothing precedes it
    }

    [Fact]
    public void Pre_emphasis_tilts_the_spectrum_by_the_closed_form_gain()
    {
        // |1 − α e^{−iω}| at ω = π (Nyquist) is 1 + α, at ω = π/2 √(1 + α²).
        var nyquist = Enumerable.Range(0, 64).Select(n => n % 2 == 0 ? 1f : -1f).ToArray();
        Assert.Equal(1.97f, Emphasis.PreEmphasis(nyquist)[10], 5);
        var quarter = Enumerable.Range(0, 64).Select(n => (float)Math.Cos(Math.PI / 2 * n)).ToArray();
        var y = Emphasis.PreEmphasis(quarter);
        var amplitude = Math.Sqrt(2 * y.Skip(8).Average(v => (double)v * v)); // 56 samples = 14 whole periods
        Assert.Equal(Math.Sqrt(1 + 0.97 * 0.97), amplitude, 5);
    }
}
