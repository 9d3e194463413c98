using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Tests.Torch;

public class NNPoolingTests
{
    private static Tensor Grid4x4() => arange(Scalars.Of(0.0), Scalars.Of(16.0), dtype: float64).reshape(1, 1, 4, 4);

    private static Tensor Row(params double[] values) => tensor(values, new long[] { 1, 1, values.Length });

    [Fact]
    public void Max_and_average_pooling_of_a_4x4_grid()
    {
        using var scope = NewDisposeScope();
        var x = Grid4x4();
        Assert.Equal(new[] { 5.0, 7, 13, 15 }, F.max_pool2d(x, 2).ToArray<double>());
        Assert.Equal(new[] { 2.5, 4.5, 10.5, 12.5 }, F.avg_pool2d(x, 2).ToArray<double>());
        Assert.Equal(new[] { 5.0, 9, 21, 25 }, F.avg_pool2d(x, 2, divisor_override: 2).ToArray<double>());
        // The corner window of a padded 3×3 pool holds 0, 1, 4, 5 and five zeros of padding.
        Assert.Equal(10.0 / 9, F.avg_pool2d(x, 3, stride: 1, padding: 1).ToArray<double>()[0], 12);
        Assert.Equal(10.0 / 4, F.avg_pool2d(x, 3, stride: 1, padding: 1, count_include_pad: false).ToArray<double>()[0], 12);
        using var maxPool = nn.MaxPool2d(2);
        using var avgPool = nn.AvgPool2d((2, 2), stride: (2, 2));
        Assert.Equal(new[] { 5.0, 7, 13, 15 }, maxPool.call(x).ToArray<double>());
        Assert.Equal(new[] { 2.5, 4.5, 10.5, 12.5 }, avgPool.call(x).ToArray<double>());
    }

    [Fact]
    public void One_and_three_dimensional_pooling()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(new[] { 4.0, 1, 5, 9, 5 }, F.max_pool1d(Row(3, 1, 4, 1, 5, 9, 2), 2, stride: 1, dilation: 2).ToArray<double>());
        Assert.Equal(new[] { 2.0, 5 }, F.avg_pool1d(Row(1, 2, 3, 4, 5, 6), 3).ToArray<double>());
        var cube = arange(Scalars.Of(0.0), Scalars.Of(8.0), dtype: float64).reshape(1, 1, 2, 2, 2);
        Assert.Equal(new[] { 7.0 }, F.max_pool3d(cube, new long[] { 2, 2, 2 }).ToArray<double>());
        Assert.Equal(new[] { 3.5 }, F.avg_pool3d(cube, new long[] { 2, 2, 2 }).ToArray<double>());
        using var pool1 = nn.AvgPool1d(3);
        using var pool3 = nn.MaxPool3d(2);
        Assert.Equal(new[] { 2.0, 5 }, pool1.call(Row(1, 2, 3, 4, 5, 6)).ToArray<double>());
        Assert.Equal(new[] { 7.0 }, pool3.call(cube).ToArray<double>());
    }

    [Fact]
    public void Ceil_mode_keeps_the_partial_last_window()
    {
        using var scope = NewDisposeScope();
        var x = arange(Scalars.Of(0.0), Scalars.Of(25.0), dtype: float64).reshape(1, 1, 5, 5);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, F.max_pool2d(x, 2).shape);
        Assert.Equal(new[] { 6.0, 8, 9, 16, 18, 19, 21, 23, 24 }, F.max_pool2d(x, 2, ceil_mode: true).ToArray<double>());
    }

    [Fact]
    public void Adaptive_average_pooling_uses_overlapping_bins()
    {
        using var scope = NewDisposeScope();
        // Length 5 into 3 bins: [0, 2), [1, 4), [3, 5).
        Assert.Equal(new[] { 0.5, 2, 3.5 }, F.adaptive_avg_pool1d(Row(0, 1, 2, 3, 4), 3).ToArray<double>());
        var x = Grid4x4();
        Assert.Equal(new[] { 7.5 }, F.adaptive_avg_pool2d(x, 1L).ToArray<double>());
        Assert.Equal(new[] { 2.5, 4.5, 10.5, 12.5 }, F.adaptive_avg_pool2d(x, 2L).ToArray<double>());
        using var pool = nn.AdaptiveAvgPool3d((1, 1, 2));
        Assert.Equal(new[] { 3.0, 4 }, pool.call(arange(Scalars.Of(0.0), Scalars.Of(8.0), dtype: float64).reshape(1, 1, 2, 2, 2)).ToArray<double>());
    }

    [Fact]
    public void Nearest_upsampling_repeats_pixels()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3, 4 }, new long[] { 1, 1, 2, 2 });
        var expected = new double[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 };
        Assert.Equal(expected, F.interpolate(x, scale_factor: new[] { 2.0, 2.0 }).ToArray<double>());
        Assert.Equal(expected, F.interpolate(x, size: new long[] { 4, 4 }).ToArray<double>());
        using var up = nn.Upsample(scale_factor: new[] { 2.0, 2.0 });
        Assert.Equal(expected, up.call(x).ToArray<double>());
        Assert.Equal(new[] { 1.0, 1, 2, 3, 3, 4 }, F.interpolate(x, size: new long[] { 2, 3 }).ToArray<double>());
    }

    [Fact]
    public void Bilinear_upsampling_with_and_without_aligned_corners()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3, 4 }, new long[] { 1, 1, 2, 2 });
        Close.All(
            new[] { 1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4 },
            F.interpolate(x, size: new long[] { 3, 3 }, mode: InterpolationMode.Bilinear, align_corners: true).ToArray<double>(),
            1e-12
        );
        // Half-pixel centres: source coordinate (d + 0.5)/2 − 0.5, clamped at the edges.
        Close.All(
            new[] { 1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4 },
            F.interpolate(x, scale_factor: new[] { 2.0, 2.0 }, mode: InterpolationMode.Bilinear).ToArray<double>(),
            1e-12
        );
    }

    [Fact]
    public void Linear_interpolation_of_a_ramp_returns_the_source_coordinates()
    {
        using var scope = NewDisposeScope();
        var ramp = Row(0, 1, 2);
        static double Clamp(double v) => Math.Clamp(v, 0, 2);
        // The given scale drives the sampling; recompute_scale_factor uses in/out instead.
        Close.All(
            Enumerable.Range(0, 5).Select(d => Clamp((d + 0.5) / 1.7 - 0.5)).ToArray(),
            F.interpolate(ramp, scale_factor: new[] { 1.7 }, mode: InterpolationMode.Linear).ToArray<double>(),
            1e-12,
            what: "scale 1.7"
        );
        Close.All(
            Enumerable.Range(0, 5).Select(d => Clamp((d + 0.5) * 3 / 5 - 0.5)).ToArray(),
            F.interpolate(ramp, scale_factor: new[] { 1.7 }, mode: InterpolationMode.Linear, recompute_scale_factor: true).ToArray<double>(),
            1e-12,
            what: "recomputed"
        );
        Close.All(
            Enumerable.Range(0, 5).Select(d => d * 0.5).ToArray(),
            F.interpolate(ramp, size: new long[] { 5 }, mode: InterpolationMode.Linear, align_corners: true).ToArray<double>(),
            1e-12,
            what: "aligned"
        );
    }

    [Fact]
    public void Trilinear_upsampling_reproduces_a_linear_function()
    {
        using var scope = NewDisposeScope();
        var values = new double[8];
        for (var z = 0; z < 2; z++)
        for (var y = 0; y < 2; y++)
        for (var x = 0; x < 2; x++)
            values[z * 4 + y * 2 + x] = z + 2 * y + 3 * x;
        var up = F.interpolate(
            tensor(values, new long[] { 1, 1, 2, 2, 2 }),
            size: new long[] { 3, 3, 3 },
            mode: InterpolationMode.Trilinear,
            align_corners: true
        );
        var expected = new double[27];
        for (var z = 0; z < 3; z++)
        for (var y = 0; y < 3; y++)
        for (var x = 0; x < 3; x++)
            expected[z * 9 + y * 3 + x] = 0.5 * (z + 2 * y + 3 * x);
        Close.All(expected, up.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void Area_mode_is_adaptive_average_pooling()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(
            new[] { 2.5, 4.5, 10.5, 12.5 },
            F.interpolate(Grid4x4(), scale_factor: new[] { 0.5, 0.5 }, mode: InterpolationMode.Area).ToArray<double>()
        );
    }

    [Fact]
    public void Interpolate_names_bad_arguments()
    {
        using var scope = NewDisposeScope();
        var x = Grid4x4();
        // Modes are an enum in TorchSharp, so an unknown mode name can no longer be passed; libtorch checks the rest.
        Assert.Contains(
            "bilinear mode needs 4D input",
            Assert.Throws<ExternalException>(() => F.interpolate(Row(1, 2), size: new long[] { 4 }, mode: InterpolationMode.Bilinear)).Message
        );
        Assert.Contains(
            "align_corners option can only be set",
            Assert.Throws<ExternalException>(() => F.interpolate(x, size: new long[] { 8, 8 }, align_corners: true)).Message
        );
        Assert.Contains(
            "only one of size or scale_factor",
            Assert.Throws<ExternalException>(() => F.interpolate(x, size: new long[] { 8, 8 }, scale_factor: new[] { 2.0, 2.0 })).Message
        );
    }
}
