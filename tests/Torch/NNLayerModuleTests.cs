using Dino.Repro.Torch.Modules;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

public class NNLayerModuleTests
{
    public static IEnumerable<object[]> Layers() => new (Func<Module>, string[], long)[]
    {
        // PyTorch's parameter counts: conv k^d·in/groups·out + out; transposed in·out/groups·k^d + out.
        (() => nn.Linear(10, 5), new[] { "weight", "bias" }, 10 * 5 + 5),
        (() => nn.Linear(10, 5, bias: false), new[] { "weight" }, 50),
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
        (() => nn.InstanceNorm3d(8, affine: true, track_running_stats: true),
            new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }, 16),
        (() => nn.LayerNorm(new long[] { 4, 5 }), new[] { "weight", "bias" }, 40),
        (() => nn.GroupNorm(2, 8), new[] { "weight", "bias" }, 16),
        (() => nn.Dropout(), Array.Empty<string>(), 0),
        (() => nn.ReLU(), Array.Empty<string>(), 0),
    }.Select(t => new object[] { t.Item1, t.Item2, t.Item3 });

    [Theory]
    [MemberData(nameof(Layers))]
    public void State_dict_keys_and_parameter_counts_match_pytorch(Func<Module> make, string[] keys, long count)
    {
        using var layer = make();
        Assert.Equal(keys, layer.state_dict().Keys);
        Assert.Equal(count, layer.parameter_count());
    }

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
        Assert.Equal(new[]
        {
            "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "4.weight", "4.bias",
        }, net.state_dict().Keys);
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
        Assert.True(conv.weight.equal(w));
        Assert.True(conv.bias!.equal(b));
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
        using var gn = nn.GroupNorm(1, 3);
        foreach (var (w, b) in new[] { (bn.weight!, bn.bias!), (ln.weight!, ln.bias!), (gn.weight!, gn.bias!) })
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
        Assert.False(net.call(x).equal(net.call(x)));  // dropout masks differ
        net.eval();
        var runningMean = bn.running_mean!.clone();
        Assert.False(runningMean.equal(zeros(16)));     // training moved the running statistics
        Assert.True(net.call(x).equal(net.call(x)));     // eval: no dropout, fixed statistics
        Assert.True(bn.running_mean.equal(runningMean));
        Assert.Equal(3L, bn.num_batches_tracked!.item<long>());  // three training passes, none in eval
    }

    [Fact]
    public void Reprs_read_like_pytorch()
    {
        var cases = new (Module module, string repr)[]
        {
            (nn.Linear(10, 5), "Linear(in_features=10, out_features=5, bias=True)"),
            (nn.Conv2d(3, 64, 4, stride: 2, padding: 1, bias: false), "Conv2d(3, 64, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), bias=False)"),
            (nn.Conv1d(3, 8, 3, padding: "same", padding_mode: "reflect"), "Conv1d(3, 8, kernel_size=(3,), stride=(1,), padding=same, padding_mode=reflect)"),
            (nn.ConvTranspose2d(8, 4, 4, stride: 2, padding: 1, output_padding: 1, groups: 2),
                "ConvTranspose2d(8, 4, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), groups=2)"),
            (nn.BatchNorm2d(64), "BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)"),
            (nn.BatchNorm1d(4, momentum: null), "BatchNorm1d(4, eps=1e-05, momentum=None, affine=True, track_running_stats=True)"),
            (nn.InstanceNorm2d(64), "InstanceNorm2d(64, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)"),
            (nn.LayerNorm(16), "LayerNorm((16,), eps=1e-05, elementwise_affine=True)"),
            (nn.GroupNorm(4, 16), "GroupNorm(4, 16, eps=1e-05, affine=True)"),
            (nn.Dropout(), "Dropout(p=0.5, inplace=False)"),
            (nn.Dropout2d(0.25, inplace: true), "Dropout2d(p=0.25, inplace=True)"),
            (nn.Upsample(scale_factor: 2), "Upsample(scale_factor=2.0, mode='nearest')"),
            (nn.Upsample(size: (4, 6), mode: "bilinear"), "Upsample(size=(4, 6), mode='bilinear')"),
            (nn.AvgPool1d(3), "AvgPool1d(kernel_size=(3,), stride=(3,), padding=(0,))"),
            (nn.AvgPool2d(2), "AvgPool2d(kernel_size=2, stride=2, padding=0)"),
            (nn.MaxPool2d(3, stride: 2, padding: 1), "MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)"),
            (nn.AdaptiveAvgPool2d((1, 1)), "AdaptiveAvgPool2d(output_size=(1, 1))"),
            (nn.ReflectionPad2d(3), "ReflectionPad2d((3, 3, 3, 3))"),
            (nn.ReplicationPad1d(new long[] { 1, 2 }), "ReplicationPad1d((1, 2))"),
            (nn.ZeroPad2d(1), "ZeroPad2d(padding=(1, 1, 1, 1), value=0.0)"),
            (nn.Identity(), "Identity()"),
            (nn.Flatten(), "Flatten(start_dim=1, end_dim=-1)"),
            (nn.ReLU(), "ReLU()"),
            (nn.ReLU(inplace: true), "ReLU(inplace=True)"),
            (nn.LeakyReLU(0.2, inplace: true), "LeakyReLU(negative_slope=0.2, inplace=True)"),
            (nn.ELU(), "ELU(alpha=1.0)"),
            (nn.GELU(), "GELU(approximate='none')"),
            (nn.Tanh(), "Tanh()"),
            (nn.Sigmoid(), "Sigmoid()"),
            (nn.GLU(), "GLU(dim=-1)"),
            (nn.Softmax(1), "Softmax(dim=1)"),
            (nn.LogSoftmax(), "LogSoftmax(dim=None)"),
        };
        foreach (var (module, repr) in cases)
        {
            using (module) Assert.Equal(repr, module.ToString());
        }
    }

    [Fact]
    public void Shape_layers_and_padding()
    {
        using var scope = NewDisposeScope();
        var x = arange(0.0, 6.0, dtype: float64).reshape(1, 1, 2, 3);
        using var reflect = nn.ReflectionPad2d(1);
        using var replicate = nn.ReplicationPad2d(new long[] { 1, 0, 0, 0 });
        using var zero = nn.ZeroPad2d(new long[] { 0, 1, 0, 0 });
        using var reflect1 = nn.ReflectionPad1d(2);
        using var replicate3 = nn.ReplicationPad3d(1);
        using var reflect3 = nn.ReflectionPad3d(1);
        Assert.Equal(new long[] { 1, 1, 4, 5 }, reflect.call(x).shape);
        Assert.Equal(new[] { 4.0, 3, 4, 5 }, reflect.call(x).select(2, 0).flatten().ToArray<double>()[..4]);
        Assert.Equal(new[] { 0.0, 0, 1, 2, 3, 3, 4, 5 }, replicate.call(x).ToArray<double>());
        Assert.Equal(new[] { 0.0, 1, 2, 0, 3, 4, 5, 0 }, zero.call(x).ToArray<double>());
        Assert.Equal(new[] { 2.0, 1, 0, 1, 2, 1, 0 }, reflect1.call(arange(0.0, 3.0, dtype: float64).reshape(1, 1, 3)).ToArray<double>());
        Assert.Equal(new long[] { 1, 1, 4, 4, 5 }, replicate3.call(x.unsqueeze(2).expand(1, 1, 2, 2, 3)).shape);
        Assert.Equal(new long[] { 1, 1, 4, 4, 5 }, reflect3.call(x.unsqueeze(2).expand(1, 1, 2, 2, 3)).shape);
        using var flatten = nn.Flatten();
        using var identity = nn.Identity();
        Assert.Equal(new long[] { 1, 6 }, flatten.call(x).shape);
        Assert.True(identity.call(x).equal(x));
    }
}
