namespace Dino.Repro.Evaluation.Metrics.Image;

/// <summary>
/// Kernel Inception Distance (Bińkowski et al. 2018): the unbiased MMD² with the cubic polynomial kernel
/// k(x, y) = (xᵀy / d + 1)³, averaged over random subsets as stylegan2-ada's metrics/kernel_inception_distance.py
/// (numSubsets 100, maxSubsetSize 1000, subsets drawn without replacement).
/// </summary>
public static class KernelInceptionDistance
{
    public static double Compute(Tensor featuresA, Tensor featuresB, int numSubsets = 100, int maxSubsetSize = 1000, long seed = 0)
    {
        if (featuresA.dim() != 2 || featuresB.dim() != 2 || featuresA.size(1) != featuresB.size(1))
            throw new ArgumentException("KID needs two [samples, dims] feature matrices of the same width");
        using var scope = torch.NewDisposeScope();
        var a = featuresA.to(ScalarType.Float64);
        var b = featuresB.to(ScalarType.Float64);
        var n = a.size(1);
        var m = (int)Math.Min(Math.Min(a.size(0), b.size(0)), maxSubsetSize);
        if (m < 2)
            throw new ArgumentException("KID needs at least 2 samples on each side");
        using var generator = new Generator(unchecked((ulong)seed));
        double t = 0;
        for (var s = 0; s < numSubsets; s++)
        {
            using var inner = torch.NewDisposeScope();
            var x = a.index_select(0, torch.randperm(a.size(0), generator: generator).narrow(0, 0, m));
            var y = b.index_select(0, torch.randperm(b.size(0), generator: generator).narrow(0, 0, m));
            var kxx = PolynomialKernel(x, x, n);
            var kyy = PolynomialKernel(y, y, n);
            var kxy = PolynomialKernel(x, y, n);
            // Unbiased MMD²: off-diagonal means of k(x,x') and k(y,y') minus twice the mean of k(x,y).
            var offDiagonal = (kxx.sum() - kxx.diag().sum() + kyy.sum() - kyy.diag().sum()).ToDouble() / (m - 1);
            t += offDiagonal - kxy.sum().ToDouble() * 2 / m;
        }
        return t / numSubsets / m;
    }

    /// <summary>KID's cubic kernel k(x, y) = (xᵀy / d + 1)³ between the rows of <paramref name="p"/> and <paramref name="q"/>.</summary>
    private static Tensor PolynomialKernel(Tensor p, Tensor q, long d) => (p.mm(q.T) / Scalars.Of(d) + Scalars.Of(1)).pow(Scalars.Of(3));
}
