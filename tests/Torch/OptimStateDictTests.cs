using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// Checkpoint and resume: a run restored from an optimizer's saved state continues bit-identically, through each way
/// TorchSharp offers (its in-memory state_dict, its binary save_state_dict/load_state_dict) and the way the kit's
/// checkpoints carry it (those bytes as a byte tensor in a safetensors file, lib/Training/Checkpoint.cs).
/// </summary>
public class OptimStateDictTests
{
    private const int Steps = 6;
    private const int Split = 3;

    public enum Route
    {
        /// <summary>
        /// optimizer.state_dict() handed to another optimizer's load_state_dict. Its copies of every state tensor (Adam's too)
        /// join the caller's DisposeScope, so it is only safe where that scope outlives the optimizer, as here.
        /// </summary>
        InMemory,

        /// <summary>TorchSharp's save_state_dict(path) / load_state_dict(path).</summary>
        TorchSharpFile,

        /// <summary>
        /// save_state_dict(BinaryWriter) bytes as a uint8 tensor in a safetensors file, loaded inside a DisposeScope, as Checkpoint does.
        /// </summary>
        KitCheckpoint,
    }

    // AdamW names its weight decay: TorchSharp's default is 0, PyTorch's 1e-2.
    private static readonly Dictionary<string, Func<Parameter[], optim.Optimizer>> Configs = new()
    {
        ["adam"] = ps => optim.Adam(ps, lr: 2e-4, beta1: 0.5, beta2: 0.999), // the kit's own setting (pix2pix)
        ["adam_amsgrad"] = ps => optim.Adam(ps, lr: 0.01, amsgrad: true, weight_decay: 0.01),
        ["adamw"] = ps => optim.AdamW(ps, lr: 0.01, weight_decay: 0.01),
        ["sgd_nesterov"] = ps => optim.SGD(ps, 0.1, momentum: 0.9, nesterov: true),
        ["rmsprop_centered_momentum"] = ps => optim.RMSProp(ps, lr: 0.01, momentum: 0.5, centered: true),
        ["two_groups"] = ps =>
            optim.Adam(
                new[]
                {
                    new Adam.ParamGroup { Parameters = new[] { ps[0] } },
                    new Adam.ParamGroup(new[] { ps[1] }, new Adam.Options { LearningRate = 0.002 }),
                },
                lr: 0.01
            ),
    };

    public static TheoryData<string, Route> Cases
    {
        get
        {
            var data = new TheoryData<string, Route>();
            foreach (var config in Configs.Keys)
            {
                data.Add(config, Route.InMemory);
                data.Add(config, Route.TorchSharpFile);
            }
            return data;
        }
    }

    // TorchSharp 0.107's OptimizerState.LoadConditionalStateTensor (Adam's max_exp_avg_sq, SGD's momentum_buffer, RMSProp's
    // momentum_buffer and grad_avg) replaces the state tensor by `result.to(device, disposeAfter: true)`: a new Tensor that
    // belongs to the caller's DisposeScope, so a load inside one (as Checkpoint.Load does) leaves those optimisers holding
    // disposed state ("Tensor invalid -- empty handle" at the next step). Adam/AdamW without amsgrad, the kit's, load in place.

    private static Parameter[] Initial()
    {
        using var g = new Generator(7UL);
        return new[] { new Parameter(randn(new long[] { 4, 3 }, generator: g)), new Parameter(randn(new long[] { 3 }, generator: g)) };
    }

    private static void Step(optim.Optimizer opt, Parameter[] ps, int step)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)(100 + step));
        foreach (var p in ps)
            p.grad = randn(p.shape, generator: g);
        opt.step();
        // A schedule-like change: the resumed run must get the changed rate back from the saved state.
        if (step == 1)
            opt.ParamGroups.First().LearningRate *= 0.5;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resumed_run_continues_bit_identically(string config, Route route) => ResumeAndCompare(config, route);

    [Theory]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("two_groups")]
    [InlineData("adam_amsgrad")] // TorchSharp creates these states while loading, inside the caller's
    [InlineData("sgd_nesterov")] // scope; the kit detaches them (TorchSharp's own route below does not)
    [InlineData("rmsprop_centered_momentum")]
    public void Resumed_run_through_a_kit_checkpoint_continues_bit_identically(string config) => ResumeAndCompare(config, Route.KitCheckpoint);

    private static void ResumeAndCompare(string config, Route route)
    {
        using var scope = NewDisposeScope();
        using var folder = new Fixtures.TempFolder();

        var straight = Initial();
        using var straightOpt = Configs[config](straight);
        for (var s = 0; s < Steps; s++)
            Step(straightOpt, straight, s);

        var first = Initial();
        using var opt1 = Configs[config](first);
        for (var s = 0; s < Split; s++)
            Step(opt1, first, s);
        var firstState = Snapshot(opt1);

        var resumed = first.Select(p => new Parameter(p.detach().clone())).ToArray();
        using var opt2 = Configs[config](resumed);
        Restore(opt1, opt2, route, folder);
        Assert.Equal(firstState, Snapshot(opt2)); // restored exactly, step counts included
        for (var s = Split; s < Steps; s++)
            Step(opt2, resumed, s);

        for (var i = 0; i < straight.Length; i++)
            Assert.Equal(straight[i].detach().ToArray<float>(), resumed[i].detach().ToArray<float>());
        Assert.Equal(Snapshot(straightOpt), Snapshot(opt2));
        Assert.Equal(
            straightOpt.ParamGroups.Select(g => (g.LearningRate, g.InitialLearningRate)),
            opt2.ParamGroups.Select(g => (g.LearningRate, g.InitialLearningRate))
        );
        // The state was copied on load: stepping the resumed optimiser left the first one's state alone.
        Assert.Equal(firstState, Snapshot(opt1));
    }

    private static void Restore(optim.Optimizer from, optim.Optimizer to, Route route, Fixtures.TempFolder folder)
    {
        var source = (OptimizerHelper)from;
        var target = (OptimizerHelper)to;
        switch (route)
        {
            case Route.InMemory:
                target.load_state_dict(source.state_dict());
                break;
            case Route.TorchSharpFile:
                source.save_state_dict(folder.File("optimizer.bin"));
                target.load_state_dict(folder.File("optimizer.bin"));
                break;
            case Route.KitCheckpoint:
                // The kit's own path: the optimiser's bytes in a safetensors file, loaded inside a dispose scope as
                // Checkpoint.Load does; the restored state must outlive that scope.
                var path = folder.File("checkpoint.safetensors");
                using (var bytes = Dino.Repro.Training.Checkpoint.OptimizerBytes(source))
                    SafeTensors.Save(new Dictionary<string, Tensor> { ["optimizers.G"] = bytes }, path);
                using (var loadScope = NewDisposeScope())
                    Dino.Repro.Training.Checkpoint.LoadOptimizer(target, SafeTensors.Load(path)["optimizers.G"], path, "G");
                break;
        }
    }

    // Every state value of every parameter, in parameter order, as doubles (steps too).
    private static double[][] Snapshot(optim.Optimizer opt) => ((OptimizerHelper)opt).state_dict().State.SelectMany(StateValues).ToArray();

    private static IEnumerable<double[]> StateValues(OptimizerState state)
    {
        (long? step, Tensor?[] tensors) parts = state switch
        {
            Adam.State s => (s.step, new[] { s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq }),
            AdamW.State s => (s.step, new[] { s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq }),
            SGD.State s => (null, new[] { s.momentum_buffer }),
            RMSProp.State s => (s.step, new[] { s.square_avg, s.grad_avg, s.momentum_buffer }),
            _ => throw new NotSupportedException(state.GetType().FullName),
        };
        if (parts.step is { } step)
            yield return new[] { (double)step };
        foreach (var t in parts.tensors)
        {
            if (t is null)
                yield return Array.Empty<double>();
            else
            {
                using var asDouble = t.to(float64);
                yield return asDouble.ToArray<double>();
            }
        }
    }

    [Fact]
    public void State_dict_lists_state_by_parameter_and_group_options()
    {
        using var scope = NewDisposeScope();
        var ps = Initial();
        using var opt = optim.Adam(
            new[]
            {
                new Adam.ParamGroup { Parameters = new[] { ps[0] } },
                new Adam.ParamGroup(new[] { ps[1] }, new Adam.Options { LearningRate = 0.5 }),
            },
            amsgrad: true
        );
        ps[1].grad = ones(3);
        opt.step();
        var sd = opt.state_dict();
        Assert.Equal(new[] { new[] { 0 }, new[] { 1 } }, sd.StateIndexRef.Select(r => r.ToArray()));
        var states = sd.State.Cast<Adam.State>().ToArray();
        Assert.Equal(new long[] { 0, 1 }, states.Select(s => s.step)); // parameter 0 had no gradient
        Assert.All(states, s => Assert.NotNull(s.max_exp_avg_sq));
        var options = sd.Options.Cast<Adam.Options>().ToArray();
        Assert.Equal(new[] { 1e-3, 0.5 }, options.Select(o => o.LearningRate!.Value));
        Assert.Equal((0.9, 0.999), (options[1].beta1, options[1].beta2)); // filled from the defaults
        Assert.True(options[0].amsgrad);
    }

    [Fact]
    public void Loading_into_a_differently_shaped_optimizer_is_refused()
    {
        using var scope = NewDisposeScope();
        var ps = Initial();
        using var two = optim.SGD(
            new[]
            {
                new SGD.ParamGroup { Parameters = new[] { ps[0] } },
                new SGD.ParamGroup { Parameters = new[] { ps[1] } },
            },
            0.1
        );
        using var one = optim.SGD(ps, 0.1);
        var ex = Assert.Throws<ArgumentException>(() => one.load_state_dict(two.state_dict()));
        Assert.Contains("different number of parameter groups", ex.Message);
        using var single = optim.SGD(new[] { ps[0] }, 0.1);
        ex = Assert.Throws<ArgumentException>(() => single.load_state_dict(one.state_dict()));
        Assert.Contains("different number of states", ex.Message);

        // The binary form names the optimizer type and checks every state tensor's shape.
        static BinaryReader Saved(OptimizerHelper opt)
        {
            var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
                opt.save_state_dict(writer);
            stream.Position = 0;
            return new BinaryReader(stream);
        }

        using var adam = optim.Adam(ps);
        using (var reader = Saved(one))
            Assert.Contains("Mismatched optimizer type", Assert.Throws<InvalidDataException>(() => adam.load_state_dict(reader)).Message);
        using var swapped = optim.Adam(new[] { ps[1], ps[0] });
        using (var reader = Saved(adam))
            Assert.Contains("Mismatched tensor shape", Assert.Throws<ArgumentException>(() => swapped.load_state_dict(reader)).Message);
    }
}
