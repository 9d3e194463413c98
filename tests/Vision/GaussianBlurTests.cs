using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

public class GaussianBlurTests
{
    [Fact]
    public void A_point_spreads_into_the_normalised_gaussian_in_both_directions()
    {
        const double sigma = 1.0;
        using var image = torch.zeros(1, 1, 15, 15, dtype: ScalarType.Float64);
        image[0, 0, 7, 7] = torch.tensor(1.0, dtype: ScalarType.Float64);
        using var blurred = GaussianBlur.Apply(image, sigma);
        // Closed form: g(x) = exp(−x²/2σ²) / Σ over the radius ⌈3σ⌉ = 3; the 2-D response is g(dy)·g(dx).
        double G(int x) => Math.Exp(-x * x / (2 * sigma * sigma)) / Enumerable.Range(-3, 7).Sum(t => Math.Exp(-t * t / (2 * sigma * sigma)));
        foreach (var (dy, dx) in new[] { (0, 0), (0, 1), (2, -1), (3, 3) })
            Assert.Equal(G(dy) * G(dx), blurred[0, 0, 7 + dy, 7 + dx].ToDouble(), 12);
        Assert.Equal(0.0, blurred[0, 0, 7, 11].ToDouble()); // beyond the radius
        Assert.Equal(1.0, blurred.sum().ToDouble(), 12); // nothing lost inside the image
    }

    [Fact]
    public void A_flat_image_stays_flat_and_sigma_zero_copies()
    {
        using var flat = torch.full(2, 3, 8, 8, Scalars.Of(0.25f));
        using var blurred = GaussianBlur.Apply(flat, 2.5); // radius capped at 7 by the 8-pixel side: reflection still works
        Assert.True(blurred.allclose(flat, rtol: 0, atol: 1e-6));
        using var copy = GaussianBlur.Apply(flat, 0);
        Assert.True(copy.eq(flat).all().ToBoolean());
        Assert.NotEqual(flat.Handle, copy.Handle);
    }

    [Fact]
    public void Anything_but_a_floating_point_batch_is_refused()
    {
        using var bytes = torch.zeros(1, 3, 8, 8, dtype: ScalarType.Byte);
        Assert.Throws<ArgumentException>(() => GaussianBlur.Apply(bytes, 1));
        using var chw = torch.zeros(3, 8, 8);
        Assert.Throws<ArgumentException>(() => GaussianBlur.Apply(chw, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianBlur.Kernel(-1, 3));
    }
}
