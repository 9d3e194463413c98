using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

/// <summary>HWC uint8 ↔ CHW float conversions, checked element by element against the formulas.</summary>
public class ImageTensorTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();

    public void Dispose() => scope.Dispose();

    [Fact]
    public void Hwc_to_chw_moves_each_value_to_its_channel_plane_and_scales_to_minus_one_one()
    {
        const int h = 3,
            w = 4,
            c = 3;
        var bytes = Enumerable.Range(0, h * w * c).Select(i => (byte)(i * 7 % 256)).ToArray();
        var hwc = tensor(bytes, [h, w, c]);

        var chw = ImageTensor.ToChw(hwc);

        Assert.Equal(new long[] { c, h, w }, chw.shape);
        Assert.Equal(ScalarType.Float32, chw.dtype);
        var values = chw.ToArray<float>();
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        for (var k = 0; k < c; k++)
        {
            var expected = bytes[(y * w + x) * c + k] / 127.5 - 1.0;
            Assert.Equal(expected, values[(k * h + y) * w + x], 1e-6); // float32 rounding of the exact value
        }
    }

    [Fact]
    public void Zero_one_range_divides_by_255_and_sixteen_bit_by_65535()
    {
        var eight = ImageTensor.ToChw(tensor(new byte[] { 0, 51, 255 }, [1, 1, 3]), PixelRange.ZeroToOne);
        Assert.Equal(new[] { 0f, 0.2f, 1f }, eight.ToArray<float>());
        var sixteen = ImageTensor.ToChw(tensor(new[] { 0, 13107, 65535 }, [1, 1, 3]), PixelRange.ZeroToOne);
        Assert.Equal(new[] { 0f, 0.2f, 1f }, sixteen.ToArray<float>());
    }

    [Theory]
    [InlineData(PixelRange.MinusOneToOne)]
    [InlineData(PixelRange.ZeroToOne)]
    public void Every_byte_value_survives_the_round_trip(PixelRange range)
    {
        var all = tensor(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), [16, 16, 1]);
        var back = ImageTensor.ToHwc(ImageTensor.ToChw(all, range), range);
        Assert.True(back.Equals(all));
    }

    [Fact]
    public void Chw_to_hwc_clamps_and_rounds_to_the_nearest_level()
    {
        var chw = tensor(new[] { -2f, -1f, 0f, 1f, 3f, 0.5f / 127.5f - 1f + 0.2f / 127.5f }, [6, 1, 1]);
        var hwc = ImageTensor.ToHwc(chw);
        Assert.Equal(new long[] { 1, 1, 6 }, hwc.shape);
        // -2 → 0 (clamped); -1 → 0; 0 → 127.5 → 128 (round half to even); 1 → 255; 3 → 255; 0.7 → 1.
        Assert.Equal(new byte[] { 0, 0, 128, 255, 255, 1 }, hwc.ToArray<byte>());
    }

    [Fact]
    public void Batched_layouts_convert_with_the_batch_dimension_first()
    {
        var batch = randint(0, 256, [2, 5, 6, 3], ScalarType.Byte, generator: new Generator(3));
        var nchw = ImageTensor.ToChw(batch);
        Assert.Equal(new long[] { 2, 3, 5, 6 }, nchw.shape);
        Assert.True(ImageTensor.ToChw(batch.select(0, 1)).Equals(nchw.select(0, 1)));
        Assert.True(ImageTensor.ToHwc(nchw).Equals(batch));
    }

    [Fact]
    public void Batch_stacks_equal_shapes_and_names_the_odd_one_out()
    {
        var a = zeros(3, 4, 4);
        var b = ones(3, 4, 4);
        var batch = ImageTensor.Batch([a, b]);
        Assert.Equal(new long[] { 2, 3, 4, 4 }, batch.shape);
        Assert.Equal(16 * 3, batch.select(0, 1).sum().ToDouble());

        var e = Assert.Throws<ArgumentException>(() => ImageTensor.Batch([a, zeros(3, 4, 5)]));
        Assert.Contains("image 1", e.Message);
    }

    [Fact]
    public void Wrong_dtypes_and_ranks_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageTensor.ToChw(zeros(2, 2, 3))); // float given as stored image
        Assert.Throws<ArgumentException>(() => ImageTensor.ToHwc(zeros([3, 2, 2], ScalarType.Byte))); // bytes given as network image
        Assert.Throws<ArgumentException>(() => ImageTensor.ToChw(zeros([2, 3], ScalarType.Byte)));
    }
}
