using Dino.Repro.Torch.Modules;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

public class ModuleTests
{
    private sealed class Affine : Module<Tensor, Tensor>
    {
        private readonly Parameter weight;
        private readonly Parameter bias;
        private readonly Tensor count;

        public Affine(int n) : base(nameof(Affine))
        {
            weight = new Parameter(ones(n));
            bias = new Parameter(zeros(n));
            count = zeros(new long[] { 1 }, int64);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => input * weight + bias;
    }

    private sealed class Net : Module<Tensor, Tensor>
    {
        private readonly Affine first = new(3);
        private readonly Sequential body = nn.Sequential(new Affine(3), new Affine(3));
        private readonly Parameter scale = new(full(new long[] { 1 }, 2.0));

        public Net() : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor input) => body.call(first.call(input)) * scale;
    }

    [Fact]
    public void State_dict_names_and_order_match_pytorch()
    {
        using var net = new Net();
        var expected = new[]
        {
            "scale",
            "first.weight", "first.bias", "first.count",
            "body.0.weight", "body.0.bias", "body.0.count",
            "body.1.weight", "body.1.bias", "body.1.count",
        };
        Assert.Equal(expected, net.state_dict().Keys);
        Assert.Equal(7, net.parameters().Count());
        Assert.Equal(3 * 6 + 1, net.parameter_count());
    }

    [Fact]
    public void Modules_built_inside_a_scope_survive_it()
    {
        Net net;
        using (var scope = NewDisposeScope()) net = new Net();
        using (net)
        using (var scope = NewDisposeScope())
        {
            Assert.All(net.state_dict().Values, t => Assert.False(t.IsInvalid));
            Assert.Equal(new float[] { 2, 4, 6 }, net.call(tensor(new float[] { 1, 2, 3 })).ToArray<float>());
        }
    }

    [Fact]
    public void Load_state_dict_copies_values_and_names_every_problem()
    {
        using var a = new Net();
        using var b = new Net();
        using var scope = NewDisposeScope();
        using (no_grad()) a.get_submodule("first")!.get_parameter("weight")!.fill_(5);
        b.load_state_dict(a.state_dict());
        Assert.Equal(new float[] { 5, 5, 5 }, b.state_dict()["first.weight"].ToArray<float>());

        var broken = new Dictionary<string, Tensor>(a.state_dict());
        broken.Remove("scale");
        broken["extra.weight"] = ones(1);
        broken["first.bias"] = ones(4);
        var ex = Assert.Throws<InvalidDataException>(() => b.load_state_dict(broken));
        Assert.Contains("missing keys: scale", ex.Message);
        Assert.Contains("unexpected keys: extra.weight", ex.Message);
        Assert.Contains("first.bias: checkpoint shape [4], model shape [3]", ex.Message);

        broken["first.bias"] = zeros(3);
        var (missing, unexpected) = b.load_state_dict(broken, strict: false);
        Assert.Equal(new[] { "scale" }, missing);
        Assert.Equal(new[] { "extra.weight" }, unexpected);
    }

    [Fact]
    public void Train_eval_and_dtype_moves_reach_every_submodule()
    {
        using var net = new Net();
        net.eval();
        Assert.All(net.modules(), m => Assert.False(m.training));
        net.train();
        Assert.All(net.modules(), m => Assert.True(m.training));
        var weight = net.state_dict()["body.1.weight"];
        net.to(float64);
        Assert.Equal(ScalarType.Float64, weight.dtype);                          // same object, new storage
        Assert.Equal(ScalarType.Int64, net.state_dict()["first.count"].dtype);    // integer buffers keep their type
        Assert.True(weight.requires_grad);
    }

    [Fact]
    public void Parameters_are_leaves_and_collect_gradients()
    {
        using var net = new Net();
        using var scope = NewDisposeScope();
        var y = net.call(tensor(new float[] { 1, 2, 3 })).sum();
        y.backward();
        // The affine layers start as identities, so y = scale·Σx and dy/dscale = Σx = 6.
        Assert.Equal(new float[] { 6 }, net.get_parameter("scale")!.grad!.ToArray<float>());
        net.zero_grad();
        Assert.Null(net.get_parameter("scale")!.grad);
    }
}
