using Dino.Repro.Torch.Optim;
using Dino.Repro.Tests.Support;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

/// <summary>Checkpoint and resume: a run restored from an optimizer state_dict continues bit-identically.</summary>
public class OptimStateDictTests
{
    private const int Steps = 6;
    private const int Split = 3;

    private static readonly Dictionary<string, Func<Tensor[], Optimizer>> Configs = new()
    {
        ["adam_amsgrad"] = ps => optim.Adam(ps, lr: 0.01, amsgrad: true, weight_decay: 0.01),
        ["adamw"] = ps => optim.AdamW(ps, lr: 0.01),
        ["sgd_nesterov"] = ps => optim.SGD(ps, lr: 0.1, momentum: 0.9, nesterov: true),
        ["rmsprop_centered_momentum"] = ps => optim.RMSprop(ps, lr: 0.01, momentum: 0.5, centered: true),
        ["two_groups"] = ps => optim.Adam(new[] { new ParamGroup(new[] { ps[0] }), new ParamGroup(new[] { ps[1] }, lr: 0.002) }, lr: 0.01),
    };

    public static TheoryData<string, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var config in Configs.Keys)
            {
                data.Add(config, true);
                data.Add(config, false);
            }
            return data;
        }
    }

    private static Tensor[] Initial()
    {
        using var g = new Generator(7);
        return new[] { randn(new long[] { 4, 3 }, generator: g).requires_grad_(), randn(new long[] { 3 }, generator: g).requires_grad_() };
    }

    private static void Step(Optimizer opt, Tensor[] ps, int step)
    {
        using var g = new Generator(100 + step);
        foreach (var p in ps) p.grad = randn(p.shape, generator: g);
        opt.step();
        // A schedule-like change: the resumed run must get the changed rate back from the state_dict.
        if (step == 1) opt.param_groups[0].lr *= 0.5;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resumed_run_continues_bit_identically(string config, bool throughFile)
    {
        using var scope = NewDisposeScope();
        using var folder = new Fixtures.TempFolder();

        var straight = Initial();
        double[] straightLrs;
        using (var opt = Configs[config](straight))
        {
            for (var s = 0; s < Steps; s++) Step(opt, straight, s);
            straightLrs = opt.param_groups.Select(g => g.lr).ToArray();
        }

        var first = Initial();
        OptimizerStateDict saved;
        using var opt1 = Configs[config](first);
        for (var s = 0; s < Split; s++) Step(opt1, first, s);
        if (throughFile)
        {
            opt1.state_dict().save(folder.File("optimizer.safetensors"));
            saved = OptimizerStateDict.load(folder.File("optimizer.safetensors"));
        }
        else
        {
            saved = opt1.state_dict();
        }

        var firstState = Snapshot(opt1);
        var resumed = first.Select(p => p.detach().clone().requires_grad_()).ToArray();
        using var opt2 = Configs[config](resumed);
        opt2.load_state_dict(saved);
        for (var s = Split; s < Steps; s++) Step(opt2, resumed, s);

        for (var i = 0; i < straight.Length; i++)
            Assert.Equal(straight[i].detach().ToArray<float>(), resumed[i].detach().ToArray<float>());
        Assert.Equal(straightLrs, opt2.param_groups.Select(g => g.lr));
        // The state was copied on load: stepping the resumed optimiser left the first one's state alone.
        Assert.Equal(firstState, Snapshot(opt1));
    }

    private static double[][] Snapshot(Optimizer opt) =>
        opt.state.Values.SelectMany(s => s.Values).Select(t => t.to(float64).ToArray<double>()).ToArray();

    [Fact]
    public void State_dict_lists_state_by_parameter_index_and_group_options()
    {
        using var scope = NewDisposeScope();
        var ps = Initial();
        using var opt = optim.Adam(new[] { new ParamGroup(new[] { ps[0] }), new ParamGroup(new[] { ps[1] }, lr: 0.5) }, amsgrad: true);
        ps[1].grad = ones(3);
        opt.step();
        var sd = opt.state_dict();
        Assert.Equal(new[] { 1 }, sd.state.Keys);
        Assert.Equal(new[] { "step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq" }, sd.state[1].Keys);
        Assert.Equal(new[] { 0 }, sd.param_groups[0].@params);
        Assert.Equal(new[] { 1 }, sd.param_groups[1].@params);
        Assert.Equal(0.5, sd.param_groups[1].options["lr"]);
        Assert.Equal((0.9, 0.999), sd.param_groups[1].options["betas"]);
        Assert.Equal(true, sd.param_groups[0].options["amsgrad"]);
    }

    [Fact]
    public void Loading_into_a_differently_shaped_optimizer_names_the_mismatch()
    {
        using var scope = NewDisposeScope();
        using var folder = new Fixtures.TempFolder();
        var ps = Initial();
        using var two = optim.SGD(new[] { new ParamGroup(new[] { ps[0] }), new ParamGroup(new[] { ps[1] }) }, lr: 0.1);
        using var one = optim.SGD(ps, lr: 0.1);
        var ex = Assert.Throws<InvalidDataException>(() => one.load_state_dict(two.state_dict()));
        Assert.Contains("2 parameter groups, but the optimizer has 1", ex.Message);
        using var single = optim.SGD(new[] { ps[0] }, lr: 0.1);
        ex = Assert.Throws<InvalidDataException>(() => single.load_state_dict(one.state_dict()));
        Assert.Contains("doesn't match the size of optimizer's group", ex.Message);

        save(new Dictionary<string, Tensor> { ["w"] = ones(1) }, folder.File("weights.safetensors"));
        ex = Assert.Throws<InvalidDataException>(() => OptimizerStateDict.load(folder.File("weights.safetensors")));
        Assert.Contains("not an optimizer state_dict", ex.Message);
    }
}
