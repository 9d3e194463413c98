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
        var covered = canvas.ToBytes().Where((_, i) => i % 3 == 0).Sum(v => v / 255.0);
        Assert.Equal(Math.PI * 12 * 7, covered, Math.PI * 12 * 7 * 0.02);
        Assert.Equal(White, canvas[20, 20]);
        Assert.Equal(Black, canvas[20, 28]);
        Assert.Equal(Black, canvas[33, 20]);
    }

    [Fact]
    public void A_rotated_ellipse_is_the_upright_one_at_angle_zero_and_swaps_its_axes_at_a_right_angle()
    {
        Canvas Drawn(Action<Canvas> draw)
        {
            var canvas = new Canvas(40, 40, Black);
            draw(canvas);
            return canvas;
        }
        var upright = Drawn(c => c.FillEllipse(20.3, 19.6, 12, 7, White, 0.8)).ToBytes();
        Assert.Equal(upright, Drawn(c => c.FillRotatedEllipse(20.3, 19.6, 12, 7, 0, White, 0.8)).ToBytes());
        var swapped = Drawn(c => c.FillEllipse(20, 20, 7, 12, White)).ToBytes();
        var turned = Drawn(c => c.FillRotatedEllipse(20, 20, 12, 7, Math.PI / 2, White)).ToBytes();
        Assert.All(swapped.Zip(turned), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1));
        // At 30° the area stays π·rx·ry and the long axis points down-right (y grows downwards).
        var tilted = Drawn(c => c.FillRotatedEllipse(20, 20, 12, 4, Math.PI / 6, White));
        Assert.Equal(Math.PI * 12 * 4, tilted.ToBytes().Where((_, i) => i % 3 == 0).Sum(v => v / 255.0), Math.PI * 12 * 4 * 0.03);
        Assert.Equal(White, tilted[28, 24]);
        Assert.Equal(Black, tilted[28, 15]);
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
        Assert.Equal(canvas.ToBytes(), tensor.ToArray<byte>());
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas[4, 0]);
    }

    [Fact]
    public void Translucent_layers_accumulate_in_floating_point()
    {
        // 50 layers of grey 10 at opacity 0.04 over black give 10·(1 − 0.96⁵⁰) = 8.70; rounding each layer to bytes
        // would add 0.4 and round it away every time, leaving black.
        var canvas = new Canvas(2, 2, Black);
        for (var k = 0; k < 50; k++)
            canvas.FillRectangle(0, 0, 2, 2, new Rgb(10, 10, 10), opacity: 0.04);
        Assert.Equal(new Rgb(9, 9, 9), canvas[1, 1]);
        Assert.Equal(Enumerable.Repeat((byte)9, 12), canvas.ToBytes());
        Assert.Throws<ArgumentException>(() => canvas.CopyTo(new byte[11]));
    }

    [Fact]
    public void Colours_from_hue_unit_components_and_mixing_and_their_luma()
    {
        Assert.Equal(new Rgb(255, 0, 0), Rgb.FromHue(0));
        Assert.Equal(new Rgb(255, 255, 0), Rgb.FromHue(1.0 / 6));
        Assert.Equal(new Rgb(0, 255, 0), Rgb.FromHue(1.0 / 3));
        Assert.Equal(new Rgb(0, 0, 255), Rgb.FromHue(2.0 / 3));
        Assert.Equal(new Rgb(102, 0, 102), Rgb.FromHue(5.0 / 6, value: 0.4));
        Assert.Equal(new Rgb(0, 128, 255), Rgb.FromUnit(-0.2, 0.5, 1.7));
        Assert.Equal(new Rgb(100, 50, 25), Black.Mix(new Rgb(200, 100, 50), 0.5));
        // BT.601 weights: 0.299 R + 0.587 G + 0.114 B, summing to 1 so white keeps 255.
        Assert.Equal(0.299 * 255, new Rgb(255, 0, 0).Luma, 1e-9);
        Assert.Equal(0.587 * 100 + 0.114 * 200, new Rgb(0, 100, 200).Luma, 1e-9);
        Assert.Equal(255, White.Luma, 1e-9);
    }
}
