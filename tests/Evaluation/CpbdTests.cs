using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>CPBD against python-cpbd 1.0.7 (+ scikit-image 0.19.3 canny), and its closed-form cases.</summary>
public class CpbdTests
{
    public static TheoryData<string> ReferenceImages =>
        new()
        {
            "astronaut",
            "astronaut_noise20",
            "astronaut_blur2",
            "astronaut_jpeg10",
            "coffee",
            "coffee_noise20",
            "coffee_blur2",
            "coffee_jpeg10",
            "chelsea",
            "chelsea_noise20",
            "chelsea_blur2",
            "chelsea_jpeg10",
            "rocket",
            "rocket_noise20",
            "rocket_blur2",
            "rocket_jpeg10",
        };

    private static Tensor PillowGrey(string relative) => Grayscale.PillowLuma(ImageIO.Read(TestData.PathOf(relative), ImageReadMode.Rgb));

    [Theory]
    [MemberData(nameof(ReferenceImages))]
    public void Matches_python_cpbd_on_the_pillow_grey_image(string image)
    {
        using var scope = torch.NewDisposeScope();
        var expected = TestData.Case($"cpbd/{image}");
        var value = Cpbd.Compute(PillowGrey(expected["image"]!.GetValue<string>()));
        // A ratio of edge counts: any edge found differently moves it by ≥ 1/edges, far above 1e-9.
        Assert.Equal(expected["cpbd_gray"]!.GetValue<double>(), value, 1e-9);
    }

    [Fact]
    public void The_cli_scores_one_image_as_python_cpbd_does()
    {
        var expected = TestData.Case("cpbd/coffee_jpeg10");
        var (code, stdout, stderr) = CliRunner.Run("metric", "cpbd", "--deg", TestData.PathOf(expected["image"]!.GetValue<string>()));
        Assert.True(code == 0, $"exit {code}: {stderr}");
        var result = JsonNode.Parse(stdout.Trim())!.AsObject();
        Assert.Equal("cpbd", result["metric"]!.GetValue<string>());
        Assert.Equal(expected["cpbd_gray"]!.GetValue<double>(), result["value"]!.GetValue<double>(), 1e-9);
    }

    [Fact]
    public void A_flat_image_has_no_edges_and_scores_zero()
    {
        // No Canny edge → no edge block → python-cpbd's histogram stays empty and its sum is 0.
        var flat = Filled(128, 128, (_, _) => 100);
        Assert.DoesNotContain(true, CannyEdges.Detect(flat).Cast<bool>());
        Assert.Equal(0.0, Cpbd.Compute(flat));
    }

    [Fact]
    public void Sharp_step_edges_score_one_and_their_blurred_copy_far_less()
    {
        // Bright stripe over columns 32..95 with one mid-grey pixel at each side (50 | 125 | 200): every Sobel edge
        // is the mid-grey pixel, its Marziliano width is 1 + 1 = 2, the contrast 150 > 50 gives w_JNB = 3, and
        // P_blur = 1 − exp(−(2/3)^3.6) ≈ 0.21 ≤ 0.63 for every edge, so CPBD = 1 exactly.
        static double Stripe(int _, int c) =>
            c is 31 or 96 ? 125
            : c is > 31 and < 96 ? 200
            : 50;
        var sharp = Filled(128, 128, Stripe);
        Assert.Equal(1.0, Cpbd.Compute(sharp));

        // Gaussian σ = 2 spreads each edge over ≳ 8 pixels: P_blur = 1 − exp(−(8/3)^3.6) > 0.99 for those widths.
        var blurred = BlurRows(sharp, sigma: 2);
        var score = Cpbd.Compute(blurred);
        Assert.InRange(score, 0.0, 0.05);
    }

    [Fact]
    public void Canny_finds_a_square_on_its_boundary_only()
    {
        const int top = 20,
            size = 24;
        static bool Inside(int r, int c) => r >= top && r < top + size && c >= top && c < top + size;
        var square = Filled(64, 64, (r, c) => Inside(r, c) ? 200 : 0);
        var edges = CannyEdges.Detect(square);

        var onSides = new int[4];
        for (var r = 0; r < 64; r++)
        for (var c = 0; c < 64; c++)
        {
            if (!edges[r, c])
                continue;
            // On the boundary: the 3×3 neighbourhood holds both square and background pixels.
            var neighbours = Enumerable.Range(-1, 3).SelectMany(dr => Enumerable.Range(-1, 3).Select(dc => Inside(r + dr, c + dc))).ToList();
            Assert.True(neighbours.Contains(true) && neighbours.Contains(false), $"edge pixel ({r}, {c}) is off the square's boundary");
            if (r is top - 1 or top)
                onSides[0]++;
            if (r is top + size - 1 or top + size)
                onSides[1]++;
            if (c is top - 1 or top)
                onSides[2]++;
            if (c is top + size - 1 or top + size)
                onSides[3]++;
        }
        // Each side is traced along (at least) the 16 pixels away from its corners.
        Assert.All(onSides, count => Assert.True(count >= 16, $"side edge counts {string.Join(", ", onSides)}"));
    }

    [Fact]
    public void Canny_hysteresis_keeps_only_edges_reaching_the_high_threshold_and_clears_the_border()
    {
        // A weak step (10 levels) at column 16 and a strong one (100 levels) at column 48, over all rows. The Sobel
        // magnitude of a σ-1 smoothed step of height h peaks near 4·h·erf(1/√2) ≈ 2.7·h: about 27 and 270.
        var steps = Filled(64, 64, (_, c) => (c >= 16 ? 10 : 0) + (c >= 48 ? 100 : 0));
        static int[] EdgeColumns(bool[,] edges, int row) => Enumerable.Range(0, 64).Where(c => edges[row, c]).ToArray();

        var both = CannyEdges.Detect(steps, lowThreshold: 5, highThreshold: 20);
        Assert.Contains(EdgeColumns(both, 32), c => c is 15 or 16);
        Assert.Contains(EdgeColumns(both, 32), c => c is 47 or 48);

        var strongOnly = CannyEdges.Detect(steps, lowThreshold: 5, highThreshold: 100);
        Assert.DoesNotContain(EdgeColumns(strongOnly, 32), c => c < 40);
        Assert.Contains(EdgeColumns(strongOnly, 32), c => c is 47 or 48);

        // skimage's eroded mask: nothing on the outermost rows, although the step runs through them.
        Assert.Empty(EdgeColumns(strongOnly, 0));
        Assert.Empty(EdgeColumns(strongOnly, 63));
        Assert.NotEmpty(EdgeColumns(strongOnly, 1));
    }

    [Fact]
    public void Bad_images_are_an_error()
    {
        Assert.Throws<ArgumentException>(() => Cpbd.Compute(Filled(63, 128, (_, _) => 0)));
        var withNaN = Filled(64, 64, (_, _) => 10);
        withNaN[5, 5] = double.NaN;
        Assert.Throws<ArgumentException>(() => Cpbd.Compute(withNaN));
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => Cpbd.Compute(torch.zeros(new long[] { 64, 64, 3 })));
    }

    private static double[,] Filled(int rows, int cols, Func<int, int, double> value)
    {
        var image = new double[rows, cols];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++)
            image[r, c] = value(r, c);
        return image;
    }

    /// <summary>A horizontal Gaussian blur (edge-clamped), rounded to 8-bit levels as a saved image would be.</summary>
    private static double[,] BlurRows(double[,] image, double sigma)
    {
        var radius = (int)(4 * sigma + 0.5);
        var taps = Enumerable.Range(-radius, 2 * radius + 1).Select(x => Math.Exp(-0.5 * x * x / (sigma * sigma))).ToArray();
        var total = taps.Sum();
        int rows = image.GetLength(0),
            cols = image.GetLength(1);
        return Filled(rows, cols, (r, c) =>
            Math.Round(Enumerable.Range(-radius, 2 * radius + 1).Sum(k => taps[k + radius] * image[r, Math.Clamp(c + k, 0, cols - 1)]) / total)
        );
    }
}
