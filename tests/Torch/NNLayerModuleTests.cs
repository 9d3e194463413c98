using TorchSharp.Modules;

namespace Dino.Repro.Tests.Torch;

public class NNLayerModuleTests
{
    public static IEnumerable<object[]> Layers() =>
        new (Func<nn.Module>, string[], long)[]
        {
            // PyTorch's parameter counts: conv k^d·in/groups·out + out; transposed in·out/groups·k^d + out.
            (() => nn.Linear(10, 5), new[] { "weight", "bias" }, 10 * 5 + 5),
            (() => nn.Linear(10, 5, hasBias: false), new[] { "weight" }, 50),
            (() => nn.Conv1d(3, 8, 5), new[] { "weight", "bias" }, 3 * 8 * 5 + 8),
            (() => nn.Conv2d(3, 64, 4), new[] { "weight", "bias" }, 3 * 64 * 16 + 64),
            (() => nn.Conv2d(4, 8, 3, groups: 2, bias: false), new[] { "weight" }, 2 * 8 * 9),
            (() => nn.Conv3d(2, 4, (1, 2, 3)), new[] { "weight", "bias" }, 2 * 4 * 6 + 4),
            (() => nn.ConvTranspose1d(8, 4, 3), new[] { "weight", "bias" }, 8 * 4 * 3 + 4),
            (() => nn.ConvTranspose2d(64, 32, 4), new[] { "weight", "bias" }, 64 * 32 * 16 + 32),
            (() => nn.ConvTranspose3d(4, 6, 2, groups: 2), new[] { "weight", "bias" }, 4 * 3 * 8 + 6),
            (() => nn.BatchNorm1d(8), new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }, 16),
            (() => nn.BatchNorm2d(64), new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }, 128),
            (() => nn.BatchNorm3d(4, affine: false), new[] { "running_mean", "running_var", "num_batches_tracked" }, 0),
            (() => nn.InstanceNorm1d(8), Array.Empty<string>(), 0),
            (() => nn.InstanceNorm2d(8, affine: true), new[] { "weight", "bias" }, 16),
            (
                () => nn.InstanceNorm3d(8, affine: true, track_running_stats: true),
                new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" },
                16
            ),
            (() => nn.LayerNorm(new long[] { 4, 5 }), new[] { "weight", "bias" }, 40),
            (() => nn.GroupNorm(2, 8), new[] { "weight", "bias" }, 16),
            (() => nn.Dropout(), Array.Empty<string>(), 0),
            (() => nn.ReLU(), Array.Empty<string>(), 0),
        }.Select(t => new object[] { t.Item1, t.Item2, t.Item3 });

    [Theory]
    [MemberData(nameof(Layers))]
    public void State_dict_keys_and_parameter_counts_match_pytorch(Func<nn.Module> make, string[] keys, long count)
    {
        using var layer = make();
        Assert.Equal(keys, layer.state_dict().Keys);
        Assert.Equal(count, ParameterCount(layer));
    }

    private static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());

    [Fact]
    public void Weight_shapes_follow_pytorch()
    {
        using var conv = nn.Conv2d(4, 8, (3, 5), groups: 2);
        using var deconv = nn.ConvTranspose2d(4, 8, 3, groups: 2);
        using var bn = nn.BatchNorm2d(3);
        Assert.Equal(new long[] { 8, 2, 3, 5 }, conv.weight.shape);
        Assert.Equal(new long[] { 4, 4, 3, 3 }, deconv.weight.shape);
        Assert.Equal(ScalarType.Int64, bn.num_batches_tracked!.dtype);
        Assert.Empty(bn.num_batches_tracked.shape);
        Assert.False(bn.running_mean!.requires_grad);
        Assert.True(bn.weight!.requires_grad);
    }

    [Fact]
    public void Nested_state_dict_names()
    {
        using var net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.LeakyReLU(0.2), nn.Flatten(), nn.Linear(8, 2));
        // PyTorch's names. TorchSharp lists every parameter before every buffer (PyTorch goes module by module), so the
        // names are compared as a set; loading and saving go by name.
        var pytorch = new[]
        {
            "0.weight",
            "0.bias",
            "1.weight",
            "1.bias",
            "1.running_mean",
            "1.running_var",
            "1.num_batches_tracked",
            "4.weight",
            "4.bias",
        };
        Assert.Equal(pytorch.Order(), net.state_dict().Keys.Order());
        // Parameters alone come in PyTorch's named_parameters() order, which optimizer state follows.
        Assert.Equal(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias" }, net.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Default_init_is_kaiming_uniform_with_a_sqrt5_and_bias_bound_one_over_sqrt_fan_in()
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        using var linear = nn.Linear(200, 300);
        using var deconv = nn.ConvTranspose2d(4, 6, 3);
        // a = √5 makes the weight bound gain·√3/√fan_in = 1/√fan_in, the same as the bias bound.
        AssertUniform(linear.weight, 1 / Math.Sqrt(200));
        AssertUniform(linear.bias!, 1 / Math.Sqrt(200));
        // A transposed conv's weight is [in, out/groups, k, k], so PyTorch's fan_in is (out/groups)·k² = 54.
        AssertUniform(deconv.weight, 1 / Math.Sqrt(54));

        // Same draws, same order (weight, then bias) from the default generator as PyTorch's reset_parameters.
        manual_seed(5);
        using var conv = nn.Conv2d(3, 4, 2);
        manual_seed(5);
        var bound = 1 / Math.Sqrt(12);
        var w = empty(new long[] { 4, 3, 2, 2 }).uniform_(-bound, bound);
        var b = empty(new long[] { 4 }).uniform_(-bound, bound);
        Assert.True(conv.weight.Equals(w));
        Assert.True(conv.bias!.Equals(b));
    }

    private static void AssertUniform(Tensor t, double bound)
    {
        var v = t.@double().ToArray<double>();
        Assert.InRange(v.Max(x => Math.Abs(x)), 0.9 * bound, bound);
        var std = Math.Sqrt(v.Select(x => x * x).Average());
        Assert.InRange(std, 0.9 * bound / Math.Sqrt(3), 1.1 * bound / Math.Sqrt(3));
    }

    [Fact]
    public void Norm_layers_start_at_weight_one_bias_zero_and_neutral_running_stats()
    {
        using var scope = NewDisposeScope();
        using var bn = nn.BatchNorm1d(3);
        using var ln = nn.LayerNorm(3);
        foreach (var (w, b) in new[] { (bn.weight!, bn.bias!), (ln.weight!, ln.bias!) })
        {
            Assert.Equal(new float[] { 1, 1, 1 }, w.ToArray<float>());
            Assert.Equal(new float[] { 0, 0, 0 }, b.ToArray<float>());
        }
        Assert.Equal(new float[] { 0, 0, 0 }, bn.running_mean!.ToArray<float>());
        Assert.Equal(new float[] { 1, 1, 1 }, bn.running_var!.ToArray<float>());
    }

    [Fact]
    public void Train_and_eval_switch_dropout_and_batch_norm_inside_a_network()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var net = nn.Sequential(nn.Linear(4, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 2));
        var x = randn(8, 4);
        var bn = (BatchNorm1d)net[1];
        net.call(x);
        Assert.False(net.call(x).Equals(net.call(x))); // dropout masks differ
        net.eval();
        var runningMean = bn.running_mean!.clone();
        Assert.False(runningMean.Equals(zeros(16))); // training moved the running statistics
        Assert.True(net.call(x).Equals(net.call(x))); // eval: no dropout, fixed statistics
        Assert.True(bn.running_mean.Equals(runningMean));
        Assert.Equal(3L, bn.num_batches_tracked!.item<long>()); // three training passes, none in eval
    }

    [Fact]
    public void The_kits_group_norms_start_at_weight_one_bias_zero()
    {
        // PyTorch's GroupNorm.reset_parameters: weight 1, bias 0. TorchSharp 0.107's GroupNorm allocates both with
        // torch.empty and never initialises them, so the GRID recogniser (the kit's only user) sets them itself.
        using var scope = NewDisposeScope();
        for (var i = 0; i < 8; i++)
            full(new long[] { 64 }, Scalars.Of(7f)).Dispose(); // leave freed memory dirty first
        using var network = new Dino.Repro.Models.GridRecogniser.GridRecogniserNetwork(mel_bands: 8, channels: 64, hidden: 8, segments: 2);
        var norms = network.modules().OfType<TorchSharp.Modules.GroupNorm>().ToList();
        Assert.Equal(3, norms.Count);
        foreach (var norm in norms)
        {
            Assert.All(norm.weight!.ToArray<float>(), w => Assert.Equal(1f, w));
            Assert.All(norm.bias!.ToArray<float>(), b => Assert.Equal(0f, b));
        }
    }

    [Fact]
    public void Constructor_arguments_and_defaults_match_pytorch()
    {
        // What PyTorch's reprs show for the same calls, read from TorchSharp's attributes (it has no module repr).
        using var linear = nn.Linear(10, 5);
        Assert.Equal((10L, 5L), (linear.in_features, linear.out_features));
        using var conv = nn.Conv2d(3, 64, 4, stride: 2, padding: 1, bias: false);
        Assert.Equal(new long[] { 4, 4 }, conv.kernel_size);
        Assert.Equal(new long[] { 2, 2 }, conv.stride);
        Assert.Equal(new long[] { 1, 1 }, conv.padding);
        Assert.Equal(new long[] { 1, 1 }, conv.dilation);
        Assert.Equal(1, conv.groups);
        Assert.Null(conv.bias);
        using var same = nn.Conv1d(3, 8, 3, padding: Padding.Same, padding_mode: PaddingModes.Reflect);
        Assert.Equal(Padding.Same, same.padding_type);
        Assert.Equal(PaddingModes.Reflect, same.padding_mode);
        using var deconv = nn.ConvTranspose2d(8, 4, 4, stride: 2, padding: 1, output_padding: 1, groups: 2);
        Assert.Equal(new long[] { 1, 1 }, deconv.output_padding);
        Assert.Equal(2, deconv.groups);
        using var bn = nn.BatchNorm2d(64);
        Assert.Equal((1e-5, (double?)0.1, true, true), (bn.eps, bn.momentum, bn.affine, bn.track_running_stats));
        using var instance = nn.InstanceNorm2d(64);
        Assert.Equal((1e-5, (double?)0.1, false, false), (instance.eps, instance.momentum, instance.affine, instance.track_running_stats));
        using var ln = nn.LayerNorm(16);
        Assert.Equal(new long[] { 16 }, ln.normalized_shape);
        Assert.Equal((1e-5, true), (ln.eps, ln.elementwise_affine));
        using var gn = nn.GroupNorm(4, 16);
        Assert.Equal((4L, 1e-5, true), (gn.num_groups, gn.eps, gn.affine));
        using var dropout = nn.Dropout();
        Assert.Equal((0.5, false), (dropout.p, dropout.inplace));
        using var up = nn.Upsample(scale_factor: new[] { 2.0, 2 });
        Assert.Equal(UpsampleMode.Nearest, up.mode);
        using var maxPool = nn.MaxPool2d(3, stride: 2, padding: 1);
        Assert.Equal(new long[] { 3, 3 }, maxPool.kernel_size);
        Assert.Equal(new long[] { 2, 2 }, maxPool.stride);
        Assert.Equal(new long[] { 1, 1 }, maxPool.padding);
        Assert.Equal(new long[] { 1, 1 }, maxPool.dilation);
        Assert.False(maxPool.ceil_mode);
        using var avgPool = nn.AvgPool2d(2);
        // TorchSharp keeps stride null and lets the op default it to the kernel size: 2×2 windows of a 4×4 ramp.
        using (var scope = NewDisposeScope())
        {
            var pooled = avgPool.call(arange(Scalars.Of(16f)).view(1, 1, 4, 4));
            Assert.Equal(new float[] { 2.5f, 4.5f, 10.5f, 12.5f }, pooled.ToArray<float>());
        }
        using var reflect = nn.ReflectionPad2d(3);
        Assert.Equal(new long[] { 3, 3, 3, 3 }, reflect.padding);
        using var zero = nn.ZeroPad2d(1);
        Assert.Equal(new long[] { 1, 1, 1, 1 }, zero.padding);
        Assert.Equal(0.0, zero.value);
        using var flatten = nn.Flatten();
        Assert.Equal((1L, -1L), (flatten.start_dim, flatten.end_dim));
        using var leaky = nn.LeakyReLU(0.2, inplace: true);
        Assert.Equal((0.2, true), (leaky.negative_slope, leaky.inplace));
        using var gelu = nn.GELU();
        Assert.Equal(TorchSharp.Modules.GELU.Approximate.none, gelu.approximate);
        using var softmax = nn.Softmax(1);
        Assert.Equal(1, softmax.dim);
    }

    [Fact]
    public void Shape_layers_and_padding()
    {
        using var scope = NewDisposeScope();
        var x = arange(Scalars.Of(0.0), Scalars.Of(6.0), dtype: float64).reshape(1, 1, 2, 3);
        using var reflect = nn.ReflectionPad2d(1);
        using var replicate = nn.ReplicationPad2d((1, 0, 0, 0));
        using var zero = nn.ZeroPad2d((0, 1, 0, 0));
        using var reflect1 = nn.ReflectionPad1d(2);
        using var replicate3 = nn.ReplicationPad3d(1);
        using var reflect3 = nn.ReflectionPad3d(1);
        Assert.Equal(new long[] { 1, 1, 4, 5 }, reflect.call(x).shape);
        Assert.Equal(new[] { 4.0, 3, 4, 5 }, reflect.call(x).select(2, 0).flatten().ToArray<double>()[..4]);
        Assert.Equal(new[] { 0.0, 0, 1, 2, 3, 3, 4, 5 }, replicate.call(x).ToArray<double>());
        Assert.Equal(new[] { 0.0, 1, 2, 0, 3, 4, 5, 0 }, zero.call(x).ToArray<double>());
        Assert.Equal(
            new[] { 2.0, 1, 0, 1, 2, 1, 0 },
            reflect1.call(arange(Scalars.Of(0.0), Scalars.Of(3.0), dtype: float64).reshape(1, 1, 3)).ToArray<double>()
        );
        Assert.Equal(new long[] { 1, 1, 4, 4, 5 }, replicate3.call(x.unsqueeze(2).expand(1, 1, 2, 2, 3)).shape);
        Assert.Equal(new long[] { 1, 1, 4, 4, 5 }, reflect3.call(x.unsqueeze(2).expand(1, 1, 2, 2, 3)).shape);
        using var flatten = nn.Flatten();
        using var identity = nn.Identity();
        Assert.Equal(new long[] { 1, 6 }, flatten.call(x).shape);
        Assert.True(identity.call(x).Equals(x));
    }
}
