using Dino.Repro.Torch.Serialization;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Torch;

public class ModuleTests
{
    private sealed class Affine : nn.Module<Tensor, Tensor>
    {
        private readonly Parameter weight;
        private readonly Parameter bias;
        private readonly Tensor count;

        public Affine(int n)
            : base(nameof(Affine))
        {
            weight = new Parameter(ones(n));
            bias = new Parameter(zeros(n));
            count = zeros(new long[] { 1 }, int64);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => input * weight + bias;
    }

    private sealed class Net : nn.Module<Tensor, Tensor>
    {
        private readonly Affine first = new(3);
        private readonly Sequential body = nn.Sequential(new Affine(3), new Affine(3));
        private readonly Parameter scale = new(full(new long[] { 1 }, Scalars.Of(2.0)));

        public Net()
            : base(nameof(Net)) => RegisterComponents();

        public override Tensor forward(Tensor input) => body.call(first.call(input)) * scale;
    }

    [Fact]
    public void State_dict_names_match_pytorch_and_parameters_keep_its_order()
    {
        using var net = new Net();
        var pytorch = new[]
        {
            "scale",
            "first.weight",
            "first.bias",
            "first.count",
            "body.0.weight",
            "body.0.bias",
            "body.0.count",
            "body.1.weight",
            "body.1.bias",
            "body.1.count",
        };
        // TorchSharp lists all parameters before all buffers (PyTorch goes module by module): same names, other order.
        Assert.Equal(pytorch.Order(), net.state_dict().Keys.Order());
        // named_parameters() is in PyTorch's order (own first, then each child in registration order).
        Assert.Equal(
            new[] { "scale", "first.weight", "first.bias", "body.0.weight", "body.0.bias", "body.1.weight", "body.1.bias" },
            net.named_parameters().Select(p => p.name)
        );
        Assert.Equal(7, net.parameters().Count());
        Assert.Equal(3 * 6 + 1, net.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Networks_of_builtin_layers_built_inside_a_scope_survive_it()
    {
        // TorchSharp's own layers detach their parameters and buffers from the dispose scope they are built in.
        // (A custom module's `new Parameter(...)` made inside a scope is disposed with it, so Net is built outside.)
        Sequential net;
        using (var scope = NewDisposeScope())
            net = nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3), nn.Linear(3, 1));
        using (net)
        using (var scope = NewDisposeScope())
        {
            Assert.Equal(9, net.state_dict().Count);
            Assert.All(net.state_dict().Values, t => Assert.False(t.IsInvalid));
            Assert.Equal(new long[] { 4, 1 }, net.call(randn(4, 3)).shape);
        }
    }

    [Fact]
    public void Forward_passes_inside_scopes_leave_the_parameters_alone()
    {
        using var net = new Net();
        for (var i = 0; i < 2; i++)
        {
            using var scope = NewDisposeScope();
            Assert.Equal(new float[] { 2, 4, 6 }, net.call(tensor(new float[] { 1, 2, 3 })).ToArray<float>());
        }
        Assert.All(net.state_dict().Values, t => Assert.False(t.IsInvalid));
        Assert.Equal(10, net.state_dict().Count);
    }

    [Fact]
    public void Load_state_dict_copies_values_and_names_every_problem()
    {
        using var a = new Net();
        using var b = new Net();
        using var scope = NewDisposeScope();
        using (no_grad())
            a.get_parameter("first.weight")!.fill_(Scalars.Of(5));
        // The kit's checked LoadStateDict: TorchSharp's load_state_dict names no key and broadcasts shapes.
        b.LoadStateDict(a.state_dict());
        Assert.Equal(new float[] { 5, 5, 5 }, b.state_dict()["first.weight"].ToArray<float>());

        var broken = new Dictionary<string, Tensor>(a.state_dict());
        broken.Remove("scale");
        broken["extra.weight"] = ones(1);
        broken["first.bias"] = ones(4);
        var ex = Assert.Throws<InvalidDataException>(() => b.LoadStateDict(broken));
        Assert.Contains("missing keys: scale", ex.Message);
        Assert.Contains("unexpected keys: extra.weight", ex.Message);
        Assert.Contains("first.bias: checkpoint shape [4], model shape [3]", ex.Message);

        broken["first.bias"] = zeros(3);
        var (missing, unexpected) = b.LoadStateDict(broken, strict: false);
        Assert.Equal(new[] { "scale" }, missing);
        Assert.Equal(new[] { "extra.weight" }, unexpected);
    }

    [Fact]
    public void Train_eval_and_dtype_moves_reach_every_submodule()
    {
        using var net = new Net();
        net.eval();
        Assert.False(net.training);
        Assert.All(net.modules(), m => Assert.False(m.training)); // TorchSharp's modules() leaves out the root
        net.train();
        Assert.True(net.training);
        Assert.All(net.modules(), m => Assert.True(m.training));
        net.to(float64);
        // TorchSharp's to() swaps in new parameter objects (PyTorch keeps the object and replaces its data), so the
        // parameter is looked up again after the move.
        var weight = net.get_parameter("body.1.weight")!;
        Assert.Equal(ScalarType.Float64, weight.dtype);
        Assert.Equal(ScalarType.Float64, net.state_dict()["body.1.weight"].dtype);
        Assert.Equal(ScalarType.Int64, net.state_dict()["first.count"].dtype); // integer buffers keep their type
        Assert.True(weight.requires_grad && weight.is_leaf);
        Assert.Equal(new double[] { 2, 4, 6 }, net.call(tensor(new double[] { 1, 2, 3 })).ToArray<double>());
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
