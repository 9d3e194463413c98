using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

public class NNNormTests
{
    private const double Eps = 1e-5;

    // Two channels: channel 0 has mean 3, biased var 3.5, unbiased 14/3; channel 1 mean 25, biased 125, unbiased 500/3.
    private static readonly double[] Batch = { 1, 10, 2, 20, 3, 30, 6, 40 };
    private static readonly double[] Mean = { 3, 25 };
    private static readonly double[] BiasedVar = { 3.5, 125 };
    private static readonly double[] UnbiasedVar = { 14.0 / 3, 500.0 / 3 };

    private static double[] Normalise(double[] x, double[] mean, double[] variance, double[] weight, double[] bias) =>
        x.Select((v, i) => (v - mean[i % 2]) / Math.Sqrt(variance[i % 2] + Eps) * weight[i % 2] + bias[i % 2]).ToArray();

    // Built in float32 and moved with .to(float64), as the kit does: TorchSharp's dtype: argument would also make
    // num_batches_tracked float64 (PyTorch keeps it int64), while .to() leaves integer buffers alone.
    // momentum = null (PyTorch's momentum=None) is TorchSharp's settable momentum property.
    private static TorchSharp.Modules.BatchNorm1d MakeBatchNorm(double? momentum = 0.1, bool track = true)
    {
        var bn = nn.BatchNorm1d(2, track_running_stats: track).to(float64);
        bn.momentum = momentum;
        using (no_grad())
        {
            bn.weight!.copy_(tensor(new[] { 2.0, 0.5 }));
            bn.bias!.copy_(tensor(new[] { 1.0, -1 }));
        }
        return bn;
    }

    [Fact]
    public void Batch_norm_training_uses_batch_statistics_and_updates_running_ones_with_momentum_and_unbiased_variance()
    {
        using var scope = NewDisposeScope();
        using var bn = MakeBatchNorm();
        var y = bn.call(tensor(Batch, new long[] { 4, 2 }));
        Close.All(Normalise(Batch, Mean, BiasedVar, new[] { 2.0, 0.5 }, new[] { 1.0, -1 }), y.ToArray<double>(), 1e-9);
        Close.All(new[] { 0.1 * 3, 0.1 * 25 }, bn.running_mean!.ToArray<double>(), 1e-12, what: "running_mean");
        Close.All(new[] { 0.9 + 0.1 * 14 / 3, 0.9 + 0.1 * 500 / 3 }, bn.running_var!.ToArray<double>(), 1e-12, what: "running_var");
        Assert.Equal(1L, bn.num_batches_tracked!.item<long>());
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked.dtype);
    }

    [Fact]
    public void Batch_norm_eval_uses_running_statistics_and_leaves_them_alone()
    {
        using var scope = NewDisposeScope();
        using var bn = MakeBatchNorm();
        using (no_grad())
        {
            bn.running_mean!.copy_(tensor(new[] { 1.0, 2 }));
            bn.running_var!.copy_(tensor(new[] { 4.0, 9 }));
        }
        bn.eval();
        var y = bn.call(tensor(Batch, new long[] { 4, 2 }));
        Close.All(Normalise(Batch, new[] { 1.0, 2 }, new[] { 4.0, 9 }, new[] { 2.0, 0.5 }, new[] { 1.0, -1 }), y.ToArray<double>(), 1e-9);
        Assert.Equal(new[] { 1.0, 2 }, bn.running_mean.ToArray<double>());
        Assert.Equal(0L, bn.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void Batch_norm_with_momentum_none_keeps_a_cumulative_average()
    {
        using var scope = NewDisposeScope();
        using var bn = MakeBatchNorm(momentum: null);
        var x = tensor(Batch, new long[] { 4, 2 });
        bn.call(x);
        bn.call(x + Scalars.Of(1));
        Close.All(new[] { 3.5, 25.5 }, bn.running_mean!.ToArray<double>(), 1e-12);
        Close.All(UnbiasedVar, bn.running_var!.ToArray<double>(), 1e-9);
        Assert.Equal(2L, bn.num_batches_tracked!.item<long>());
    }

    [Fact]
    public void Batch_norm_without_running_statistics_uses_the_batch_in_eval_too()
    {
        using var scope = NewDisposeScope();
        using var bn = MakeBatchNorm(track: false);
        Assert.Null(bn.running_mean);
        Assert.Equal(new[] { "weight", "bias" }, bn.state_dict().Keys);
        bn.eval();
        var y = bn.call(tensor(Batch, new long[] { 4, 2 }));
        Close.All(Normalise(Batch, Mean, BiasedVar, new[] { 2.0, 0.5 }, new[] { 1.0, -1 }), y.ToArray<double>(), 1e-9);
    }

    [Fact]
    public void Batch_norm_2d_normalises_each_channel_over_batch_and_space()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm2d(3, dtype: float64);
        var y = bn.call(randn(new long[] { 4, 3, 5, 5 }, float64) * Scalars.Of(3) + Scalars.Of(7));
        Close.All(new double[3], y.mean(new long[] { 0, 2, 3 }).ToArray<double>(), 1e-9, what: "channel means");
        Close.All(new[] { 1.0, 1, 1 }, y.var(new long[] { 0, 2, 3 }, unbiased: false).ToArray<double>(), 1e-4, what: "channel variances");
    }

    [Fact]
    public void Batch_norm_rejects_bad_input_with_named_problems()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm2d(3);
        // libtorch checks the channel count; TorchSharp's modules check the rank themselves (ArgumentException).
        Assert.Contains("running_mean should contain 4 elements not 3", Assert.Throws<ExternalException>(() => bn.call(randn(2, 4, 3, 3))).Message);
        Assert.Contains("expected 4D input, but got 3D input", Assert.Throws<ArgumentException>(() => bn.call(randn(3, 3, 3))).Message);
        using var bn1 = nn.BatchNorm1d(3);
        Assert.Contains("expected 2D or 3D input, but got 4D input", Assert.Throws<ArgumentException>(() => bn1.call(randn(2, 3, 3, 3))).Message);
    }

    [Fact]
    public void Instance_norm_normalises_each_sample_and_channel_over_space()
    {
        using var scope = NewDisposeScope();
        using var norm = nn.InstanceNorm1d(2, track_running_stats: true).to(float64);
        var x = tensor(new double[] { 1, 2, 3, 2, 4, 6 }, new long[] { 1, 2, 3 });
        var s = Math.Sqrt(2.0 / 3 + Eps);
        var expected = new[] { -1 / s, 0, 1 / s, -2 / Math.Sqrt(8.0 / 3 + Eps), 0, 2 / Math.Sqrt(8.0 / 3 + Eps) };
        Close.All(expected, norm.call(x).ToArray<double>(), 1e-9);
        // Running statistics average the instances' means and unbiased variances (1 and 4) with momentum 0.1.
        Close.All(new[] { 0.2, 0.4 }, norm.running_mean!.ToArray<double>(), 1e-12);
        Close.All(new[] { 1.0, 1.3 }, norm.running_var!.ToArray<double>(), 1e-12);
        norm.eval();
        var byRunning = x.ToArray<double>().Select((v, i) => (v - new[] { 0.2, 0.4 }[i / 3]) / Math.Sqrt(new[] { 1.0, 1.3 }[i / 3] + Eps)).ToArray();
        Close.All(byRunning, norm.call(x).ToArray<double>(), 1e-9, what: "eval output");
        // Unbatched (C, L) input gives the same values.
        Close.All(byRunning, norm.call(x.squeeze(0)).ToArray<double>(), 1e-9, what: "unbatched eval output");
        Assert.Equal(0L, norm.num_batches_tracked!.item<long>()); // PyTorch counts batches only in batch norm
    }

    [Fact]
    public void Instance_norm_defaults_have_no_state_and_affine_checks_channels()
    {
        using var scope = NewDisposeScope();
        using var plain = nn.InstanceNorm2d(3);
        Assert.Empty(plain.state_dict());
        using var affine = nn.InstanceNorm2d(3, affine: true);
        var ex = Assert.Throws<ArgumentException>(() => affine.call(randn(2, 4, 3, 3)));
        Assert.Contains("match num_features (3), but got: 4", ex.Message);
        Assert.Contains("expected 3D or 4D input, but got 2D input", Assert.Throws<ArgumentException>(() => plain.call(randn(3, 3))).Message);
    }

    [Fact]
    public void Layer_norm_normalises_the_trailing_dims()
    {
        using var scope = NewDisposeScope();
        using var norm = nn.LayerNorm(4, dtype: float64);
        using (no_grad())
        {
            norm.weight!.fill_(Scalars.Of(2));
            norm.bias!.fill_(Scalars.Of(1));
        }
        var y = norm.call(tensor(new double[] { 1, 2, 3, 4, 10, 10, 10, 10 }, new long[] { 2, 4 }));
        var s = Math.Sqrt(1.25 + Eps);
        Close.All(new[] { 1 - 3 / s, 1 - 1 / s, 1 + 1 / s, 1 + 3 / s, 1, 1, 1, 1 }, y.ToArray<double>(), 1e-9);
        using var norm2 = nn.LayerNorm(new long[] { 2, 3 }, elementwise_affine: false);
        var z = norm2.call(randn(4, 2, 3) * Scalars.Of(5));
        Close.All(new double[4], z.@double().mean(new long[] { 1, 2 }).ToArray<double>(), 1e-6);
    }

    [Fact]
    public void Group_norm_normalises_groups_of_channels()
    {
        using var scope = NewDisposeScope();
        using var norm = nn.GroupNorm(2, 4, dtype: float64);
        // Set the affine part explicitly: TorchSharp 0.107 leaves GroupNorm's weight and bias uninitialised (see
        // NNLayerModuleTests.Group_norm_starts_at_weight_one_bias_zero); this test is about the normalisation.
        using (no_grad())
        {
            norm.weight.fill_(Scalars.Of(1));
            norm.bias!.zero_();
        }
        var y = norm.call(tensor(new double[] { 1, 3, 10, 20 }, new long[] { 1, 4, 1 }));
        Close.All(
            new[] { -1 / Math.Sqrt(1 + Eps), 1 / Math.Sqrt(1 + Eps), -5 / Math.Sqrt(25 + Eps), 5 / Math.Sqrt(25 + Eps) },
            y.ToArray<double>(),
            1e-9
        );
        Assert.Throws<ExternalException>(() => norm.call(randn(1, 6, 2)));
        // PyTorch refuses GroupNorm(4, 6) in the constructor; TorchSharp builds it and libtorch refuses the forward.
        using var uneven = nn.GroupNorm(4, 6, affine: false);
        Assert.Contains("divisible by num_groups", Assert.Throws<ExternalException>(() => uneven.call(randn(1, 6, 2))).Message);
    }
}
