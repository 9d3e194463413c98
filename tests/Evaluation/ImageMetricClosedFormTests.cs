using Dino.Repro.Evaluation.Metrics.Image;

namespace Dino.Repro.Tests.Evaluation;

public class ImageMetricClosedFormTests
{
    [Fact]
    public void Psnr_of_identical_images_is_infinite_and_of_a_constant_offset_is_closed_form()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var image = randint(0, 200, new long[] { 16, 16, 3 }, uint8, generator: g);
        Assert.Equal(double.PositiveInfinity, PeakSignalToNoiseRatio.Compute(image, image));
        // Every value off by 5: MSE = 25, PSNR = 10·log10(255²/25).
        Assert.Equal(10 * Math.Log10(255.0 * 255 / 25), PeakSignalToNoiseRatio.Compute(image, image + Scalars.Of(5)), 12);
        Assert.Throws<ArgumentException>(() => PeakSignalToNoiseRatio.Compute(image, image[..8]));
    }

    [Fact]
    public void Ssim_is_one_for_identical_images_and_falls_with_noise()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var image = (rand(new long[] { 32, 32 }, float64, generator: g) * Scalars.Of(255)).round();
        Assert.Equal(1.0, StructuralSimilarity.Compute(image, image), 12);
        var noisy = (image + randn(new long[] { 32, 32 }, float64, generator: g) * Scalars.Of(20)).clamp(Scalars.Of(0), Scalars.Of(255));
        var ssim = StructuralSimilarity.Compute(image, noisy);
        Assert.InRange(ssim, 0.0, 0.99);
        Assert.Throws<ArgumentException>(() => StructuralSimilarity.Compute(zeros(8, 8), zeros(8, 8)));
    }

    [Fact]
    public void Ssim_of_two_flat_images_is_the_luminance_term()
    {
        // Constant images v and w: every variance and covariance is 0, so SSIM = (2vw + C1) / (v² + w² + C1)
        // with C1 = (0.01·255)² (the contrast-structure factor is C2/C2 = 1).
        using var scope = NewDisposeScope();
        const double v = 100,
            w = 140,
            c1 = 0.01 * 255 * 0.01 * 255;
        var expected = (2 * v * w + c1) / (v * v + w * w + c1);
        Assert.Equal(
            expected,
            StructuralSimilarity.Compute(
                full(new long[] { 16, 16, 3 }, Scalars.Of(v), float64),
                full(new long[] { 16, 16, 3 }, Scalars.Of(w), float64)
            ),
            12
        );
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "an infinite value")]
    [InlineData(double.NegativeInfinity, "an infinite value")]
    public void Psnr_ssim_and_cpbd_refuse_a_nan_or_infinite_pixel_naming_the_image(double bad, string what)
    {
        // One bad pixel would make PSNR ±∞ dB or NaN and SSIM NaN: an error, never a number.
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var image = (rand(new long[] { 64, 64, 3 }, float64, generator: g) * Scalars.Of(255)).round();
        var spoiled = image.clone();
        spoiled.index_put_(Scalars.Of(bad), 10, 20, 1);

        Assert.Equal(
            $"PSNR: the distorted image contains {what}",
            Assert.Throws<ArgumentException>(() => PeakSignalToNoiseRatio.Compute(image, spoiled)).Message
        );
        Assert.Equal(
            $"PSNR: the reference image contains {what}",
            Assert.Throws<ArgumentException>(() => PeakSignalToNoiseRatio.Compute(spoiled, image)).Message
        );
        Assert.Equal(
            $"SSIM: the distorted image contains {what}",
            Assert.Throws<ArgumentException>(() => StructuralSimilarity.Compute(image, spoiled)).Message
        );
        Assert.Equal(
            $"SSIM: the reference image contains {what}",
            Assert.Throws<ArgumentException>(() => StructuralSimilarity.Compute(spoiled[.., .., 1], image[.., .., 1])).Message
        );
        Assert.Contains("CPBD: the image contains NaN or infinity", Assert.Throws<ArgumentException>(() => Cpbd.Compute(spoiled[.., .., 1])).Message);
    }
}
