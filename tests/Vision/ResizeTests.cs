using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

/// <summary>Each interpolation mode against a closed form it must satisfy.</summary>
public class ResizeTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();

    public void Dispose() => scope.Dispose();

    [Theory]
    [InlineData(7, 5, 3, 2)]
    [InlineData(4, 6, 9, 13)]
    public void Nearest_copies_source_pixel_floor_of_scaled_index(int hs, int ws, int hd, int wd)
    {
        var source = arange(Scalars.Of(0), Scalars.Of(hs * ws * 3), dtype: ScalarType.Int64)
            .remainder(Scalars.Of(256))
            .to(ScalarType.Byte)
            .reshape(hs, ws, 3);
        var src = source.ToArray<byte>();

        var values = Resize.Hwc(source, hd, wd, ResizeMode.Nearest).ToArray<byte>();

        for (var y = 0; y < hd; y++)
        for (var x = 0; x < wd; x++)
        {
            var sy = (int)Math.Floor(y * (double)hs / hd);
            var sx = (int)Math.Floor(x * (double)ws / wd);
            for (var c = 0; c < 3; c++)
                Assert.Equal(src[(sy * ws + sx) * 3 + c], values[(y * wd + x) * 3 + c]);
        }
    }

    [Theory]
    [InlineData(ResizeMode.Bilinear, 6, 16)]
    [InlineData(ResizeMode.Bilinear, 16, 6)]
    public void A_linear_ramp_stays_linear_in_the_interior(ResizeMode mode, int ws, int wd)
    {
        // f(x) = 3x + 10 along the width; half-pixel centres map output column x to source (x + 0.5)·ws/wd − 0.5.
        var ramp = arange(Scalars.Of(0), Scalars.Of(ws), dtype: ScalarType.Float32)
            .mul(Scalars.Of(3))
            .add(Scalars.Of(10))
            .reshape(1, ws, 1)
            .expand(4, ws, 1)
            .contiguous();

        var values = Resize.Hwc(ramp, 4, wd, mode).ToArray<float>();

        var scale = (double)ws / wd;
        for (var x = 0; x < wd; x++)
        {
            var sx = (x + 0.5) * scale - 0.5;
            if (sx < 0 || sx > ws - 1)
                continue; // beyond the outer centres the edge pixel is repeated
            for (var y = 0; y < 4; y++)
                Assert.Equal(3 * sx + 10, values[y * wd + x], 3);
        }
    }

    [Fact]
    public void Bicubic_is_keys_cubic_convolution_with_a_minus_three_quarters_and_replicated_edges()
    {
        const int ws = 6,
            wd = 16;
        var row = new float[] { 3, -1, 4, 1, -5, 9 };
        var values = Resize.Hwc(tensor(row, [1, ws, 1]), 1, wd, ResizeMode.Bicubic).ToArray<float>();

        for (var x = 0; x < wd; x++)
        {
            var sx = (x + 0.5) * ws / wd - 0.5;
            var i0 = (int)Math.Floor(sx);
            var expected = 0.0;
            for (var i = i0 - 1; i <= i0 + 2; i++)
                expected += Keys(sx - i) * row[Math.Clamp(i, 0, ws - 1)];
            Assert.Equal(expected, values[x], 1e-4);
        }

        static double Keys(double t)
        {
            const double a = -0.75;
            t = Math.Abs(t);
            return t <= 1 ? ((a + 2) * t - (a + 3)) * t * t + 1
                : t < 2 ? ((a * t - 5 * a) * t + 8 * a) * t - 4 * a
                : 0;
        }
    }

    [Fact]
    public void Bilinear_on_bytes_is_within_one_level_of_the_exact_ramp()
    {
        var ramp = arange(Scalars.Of(0), Scalars.Of(8), dtype: ScalarType.Float32).mul(Scalars.Of(30)).reshape(1, 8, 1).expand(2, 8, 1).contiguous();
        var exact = Resize.Hwc(ramp, 2, 20, ResizeMode.Bilinear);
        var bytes = Resize.Hwc(ramp.to(ScalarType.Byte), 2, 20, ResizeMode.Bilinear);
        Assert.True(bytes.to(ScalarType.Float32).sub(exact).abs().max().ToDouble() <= 1.0);
    }

    [Fact]
    public void Area_of_each_two_by_two_block_is_its_mean()
    {
        var source = tensor(new float[] { 1, 2, 10, 20, 3, 4, 30, 40, 5, 7, 0, 0, 9, 11, 0, 8 }, [4, 4, 1]);
        var area = Resize.Hwc(source, 2, 2, ResizeMode.Area);
        Assert.Equal(new[] { 2.5f, 25f, 8f, 2f }, area.ToArray<float>());

        var bytes = tensor(new byte[] { 0, 4, 100, 200, 8, 12, 50, 250, 1, 1, 9, 9, 1, 1, 9, 9 }, [4, 4, 1]);
        Assert.Equal(new byte[] { 6, 150, 1, 9 }, Resize.Hwc(bytes, 2, 2, ResizeMode.Area).ToArray<byte>());
    }

    [Fact]
    public void Gray_hw_images_keep_two_dimensions()
    {
        var resized = Resize.Hwc(ones([5, 7], ScalarType.Byte), 10, 3, ResizeMode.Bicubic);
        Assert.Equal(new long[] { 10, 3 }, resized.shape);
        Assert.Equal(1, resized.min().ToInt32());
        Assert.Equal(1, resized.max().ToInt32());
    }

    [Fact]
    public void Chw_and_wide_channel_stacks_resize_each_plane_like_hwc()
    {
        var chw = rand([6, 8, 10], generator: new Generator(5)); // six planes: more than OpenCV takes at once
        var resized = Resize.Chw(chw, 4, 5, ResizeMode.Area);
        Assert.Equal(new long[] { 6, 4, 5 }, resized.shape);
        for (var c = 0; c < 6; c++)
        {
            var plane = Resize.Hwc(chw.select(0, c).contiguous(), 4, 5, ResizeMode.Area);
            Assert.True(resized.select(0, c).Equals(plane), $"plane {c}");
        }

        var batch = Resize.Chw(stack([chw, chw.mul(Scalars.Of(2))]), 4, 5, ResizeMode.Area);
        Assert.Equal(new long[] { 2, 6, 4, 5 }, batch.shape);
        Assert.True(batch.select(0, 0).Equals(resized));
    }

    [Fact]
    public void Unsupported_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Resize.Hwc(zeros([4, 4, 3], ScalarType.Int64), 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resize.Hwc(zeros(4, 4, 3), 0, 2));
    }
}
