using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

public class CanvasTests
{
    private static readonly Rgb Black = new(0, 0, 0);
    private static readonly Rgb White = new(255, 255, 255);

    [Fact]
    public void Rectangles_cover_whole_pixels_fully_and_a_half_covered_column_by_half()
    {
        var canvas = new Canvas(8, 6, Black);
        // Pixel centres sit at i + 0.5: x from 1.5 to 4 covers column 1 by half, columns 2 and 3 fully, column 4 not.
        canvas.FillRectangle(1.5, 1, 4, 5, White);
        Assert.Equal(new Rgb(128, 128, 128), canvas[1, 2]);
        Assert.Equal(White, canvas[2, 2]);
        Assert.Equal(White, canvas[3, 4]);
        Assert.Equal(Black, canvas[4, 2]);
        Assert.Equal(Black, canvas[2, 5]);
        Assert.Equal(Black, canvas[0, 0]);
    }

    [Fact]
    public void An_ellipse_covers_its_area_pi_rx_ry()
    {
        var canvas = new Canvas(40, 40, Black);
        canvas.FillEllipse(20, 20, 12, 7, White);
        var covered = canvas.Pixels.ToArray().Where((_, i) => i % 3 == 0).Sum(v => v / 255.0);
        Assert.Equal(Math.PI * 12 * 7, covered, Math.PI * 12 * 7 * 0.02);
        Assert.Equal(White, canvas[20, 20]);
        Assert.Equal(Black, canvas[20, 28]);
        Assert.Equal(Black, canvas[33, 20]);
    }

    [Fact]
    public void Opacity_blends_and_scaling_clamps()
    {
        var canvas = new Canvas(4, 4, new Rgb(100, 100, 100));
        canvas.FillRectangle(0, 0, 4, 4, new Rgb(200, 0, 100), opacity: 0.25);
        Assert.Equal(new Rgb(125, 75, 100), canvas[3, 3]);
        Assert.Equal(new Rgb(120, 240, 255), new Rgb(100, 200, 250).Scale(1.2));
        Assert.Equal(new Rgb(50, 100, 125), new Rgb(100, 200, 250).Scale(0.5));
        using var tensor = canvas.ToTensor();
        Assert.Equal([4L, 4, 3], tensor.shape);
        Assert.Equal(canvas.Pixels.ToArray(), tensor.ToArray<byte>());
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas[4, 0]);
    }
}
