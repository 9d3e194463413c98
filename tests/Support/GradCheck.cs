namespace Dino.Repro.Tests.Support;

/// <summary>
/// Compares autograd's gradient with central finite differences in float64, the way
/// torch.autograd.gradcheck does: the function is reduced to a scalar with fixed random weights so every
/// output element's gradient is checked.
/// </summary>
public static class GradCheck
{
    public static void Assert(
        Func<Tensor[], Tensor> f,
        Tensor[] inputs,
        double eps = 1e-6,
        double atol = 1e-5,
        double rtol = 1e-3,
        string? name = null
    )
    {
        using var scope = torch.NewDisposeScope();
        var xs = inputs.Select(x => x.detach().to(torch.float64).requires_grad_()).ToArray();
        var probe = f(xs);
        // Fixed weights make the scalar depend on every output element with a distinct coefficient.
        using var g = new Generator(1234);
        var weights = torch.randn(probe.shape, torch.float64, generator: g);
        var loss = (probe * weights).sum();
        var analytic = torch.autograd.grad(new[] { loss }, xs, allow_unused: true);

        for (var k = 0; k < xs.Length; k++)
        {
            var values = xs[k].detach().ToArray<double>();
            var numeric = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                numeric[i] = (Evaluate(f, xs, k, values, i, +eps, weights) - Evaluate(f, xs, k, values, i, -eps, weights)) / (2 * eps);
            }
            // An unused input's gradient is zero; TorchSharp returns it as a Tensor with an empty handle.
            var got = analytic[k] is null || analytic[k].IsInvalid ? new double[values.Length] : analytic[k].ToArray<double>();
            for (var i = 0; i < values.Length; i++)
            {
                var tolerance = atol + rtol * Math.Abs(numeric[i]);
                if (Math.Abs(got[i] - numeric[i]) > tolerance)
                    throw new Xunit.Sdk.XunitException(
                        $"{name ?? "gradient"}: input {k} element {i}: autograd {got[i]:G10} vs finite difference {numeric[i]:G10}"
                    );
            }
        }
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, Tensor[] xs, int k, double[] values, int i, double delta, Tensor weights)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var shifted = (double[])values.Clone();
        shifted[i] += delta;
        var args = (Tensor[])xs.Clone();
        args[k] = torch.tensor(shifted, xs[k].shape);
        return (f(args) * weights).sum().item<double>();
    }
}
