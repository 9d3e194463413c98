namespace Dino.Repro.Tests.Support;

public static class Close
{
    /// <summary>Asserts element-wise |actual - expected| ≤ atol + rtol·|expected|.</summary>
    public static void All(double[] expected, double[] actual, double atol = 1e-6, double rtol = 0, string? what = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(actual[i] - expected[i]) > atol + rtol * Math.Abs(expected[i]))
                throw new Xunit.Sdk.XunitException($"{what ?? "values"}[{i}]: expected {expected[i]:G10}, got {actual[i]:G10}");
        }
    }

    public static void All(float[] expected, float[] actual, double atol = 1e-5, double rtol = 0, string? what = null) =>
        All(expected.Select(v => (double)v).ToArray(), actual.Select(v => (double)v).ToArray(), atol, rtol, what);
}
