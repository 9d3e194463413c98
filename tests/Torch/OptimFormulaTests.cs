using Dino.Repro.Tests.Support;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// Each optimiser's first steps against its update rule written out independently in C# doubles (float64
/// tensors, so only rounding separates the two).
/// </summary>
public class OptimFormulaTests
{
    private const int Steps = 4;

    /// <summary>One parameter's reference update, element by element.</summary>
    private abstract class Reference(int n)
    {
        protected readonly int n = n;
        public abstract void Step(double[] p, double[] g, int t);
    }

    private sealed class AdamRef(int n, double lr, double b1, double b2, double eps, double wd, bool amsgrad, bool decoupled, bool maximize = false)
        : Reference(n)
    {
        private readonly double[] m = new double[n],
            v = new double[n],
            vmax = new double[n];

        public override void Step(double[] p, double[] g, int t)
        {
            for (var i = 0; i < n; i++)
            {
                var grad = maximize ? -g[i] : g[i];
                if (decoupled)
                    p[i] *= 1 - lr * wd;
                else
                    grad += wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * grad;
                v[i] = b2 * v[i] + (1 - b2) * grad * grad;
                vmax[i] = Math.Max(vmax[i], v[i]);
                var bc1 = 1 - Math.Pow(b1, t);
                var bc2 = 1 - Math.Pow(b2, t);
                var denom = Math.Sqrt(amsgrad ? vmax[i] : v[i]) / Math.Sqrt(bc2) + eps;
                p[i] -= lr / bc1 * m[i] / denom;
            }
        }
    }

    private sealed class SgdRef(int n, double lr, double momentum, double dampening, double wd, bool nesterov) : Reference(n)
    {
        private readonly double[] buf = new double[n];

        public override void Step(double[] p, double[] g, int t)
        {
            for (var i = 0; i < n; i++)
            {
                var d = g[i] + wd * p[i];
                if (momentum != 0)
                {
                    buf[i] = t == 1 ? d : momentum * buf[i] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * buf[i] : buf[i];
                }
                p[i] -= lr * d;
            }
        }
    }

    private sealed class RmspropRef(int n, double lr, double alpha, double eps, double wd, double momentum, bool centered) : Reference(n)
    {
        private readonly double[] sq = new double[n],
            avgGrad = new double[n],
            buf = new double[n];

        public override void Step(double[] p, double[] g, int t)
        {
            for (var i = 0; i < n; i++)
            {
                var grad = g[i] + wd * p[i];
                sq[i] = alpha * sq[i] + (1 - alpha) * grad * grad;
                avgGrad[i] = alpha * avgGrad[i] + (1 - alpha) * grad;
                var avg = Math.Sqrt(centered ? sq[i] - avgGrad[i] * avgGrad[i] : sq[i]) + eps;
                if (momentum > 0)
                {
                    buf[i] = momentum * buf[i] + grad / avg;
                    p[i] -= lr * buf[i];
                }
                else
                {
                    p[i] -= lr * grad / avg;
                }
            }
        }
    }

    // TorchSharp's AdamW defaults weight_decay to 0 where PyTorch's defaults it to 1e-2, so every AdamW here names it.
    private static readonly Dictionary<string, (Func<Parameter[], optim.Optimizer> kit, Func<int, Reference> reference)> Configs = new()
    {
        ["adam"] = (ps => optim.Adam(ps, lr: 0.01), n => new AdamRef(n, 0.01, 0.9, 0.999, 1e-8, 0, false, false)),
        ["adam_weight_decay"] = (
            ps => optim.Adam(ps, lr: 0.05, beta1: 0.8, beta2: 0.9, eps: 1e-4, weight_decay: 0.3),
            n => new AdamRef(n, 0.05, 0.8, 0.9, 1e-4, 0.3, false, false)
        ),
        ["adam_amsgrad"] = (
            ps => optim.Adam(ps, lr: 0.05, beta1: 0.5, beta2: 0.7, amsgrad: true),
            n => new AdamRef(n, 0.05, 0.5, 0.7, 1e-8, 0, true, false)
        ),
        ["adam_maximize"] = (
            ps => optim.Adam(ps, lr: 0.05, maximize: true),
            n => new AdamRef(n, 0.05, 0.9, 0.999, 1e-8, 0, false, false, maximize: true)
        ),
        ["adamw"] = (ps => optim.AdamW(ps, lr: 0.05, weight_decay: 0.2), n => new AdamRef(n, 0.05, 0.9, 0.999, 1e-8, 0.2, false, true)),
        ["adamw_amsgrad"] = (
            ps => optim.AdamW(ps, lr: 0.05, beta1: 0.5, beta2: 0.7, weight_decay: 0.01, amsgrad: true),
            n => new AdamRef(n, 0.05, 0.5, 0.7, 1e-8, 0.01, true, true)
        ),
        ["sgd"] = (ps => optim.SGD(ps, 0.1), n => new SgdRef(n, 0.1, 0, 0, 0, false)),
        ["sgd_momentum"] = (ps => optim.SGD(ps, 0.1, momentum: 0.9), n => new SgdRef(n, 0.1, 0.9, 0, 0, false)),
        ["sgd_dampening_weight_decay"] = (
            ps => optim.SGD(ps, 0.1, momentum: 0.8, dampening: 0.3, weight_decay: 0.05),
            n => new SgdRef(n, 0.1, 0.8, 0.3, 0.05, false)
        ),
        ["sgd_nesterov"] = (ps => optim.SGD(ps, 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.01), n => new SgdRef(n, 0.1, 0.9, 0, 0.01, true)),
        ["rmsprop"] = (ps => optim.RMSProp(ps, lr: 0.01), n => new RmspropRef(n, 0.01, 0.99, 1e-8, 0, 0, false)),
        ["rmsprop_centered"] = (ps => optim.RMSProp(ps, lr: 0.01, alpha: 0.9, centered: true), n => new RmspropRef(n, 0.01, 0.9, 1e-8, 0, 0, true)),
        ["rmsprop_momentum_weight_decay"] = (
            ps => optim.RMSProp(ps, lr: 0.02, alpha: 0.8, eps: 1e-3, weight_decay: 0.1, momentum: 0.7),
            n => new RmspropRef(n, 0.02, 0.8, 1e-3, 0.1, 0.7, false)
        ),
        ["rmsprop_centered_momentum"] = (
            ps => optim.RMSProp(ps, lr: 0.02, momentum: 0.5, centered: true),
            n => new RmspropRef(n, 0.02, 0.99, 1e-8, 0, 0.5, true)
        ),
    };

    public static TheoryData<string> ConfigNames => new(Configs.Keys);

    // Distinct, sign-changing gradients so momentum, maxima and centring all matter.
    private static double[] Gradient(int parameter, int step, int n) =>
        Enumerable.Range(0, n).Select(i => Math.Sin(1.7 * i + 0.9 * step + 2.3 * parameter) + 0.1 * parameter).ToArray();

    [Theory]
    [MemberData(nameof(ConfigNames))]
    public void First_steps_follow_the_update_rule(string config)
    {
        using var scope = NewDisposeScope();
        var (kit, reference) = Configs[config];
        double[][] expected = { new[] { 0.5, -1.0, 2.0, 0.0, -0.3, 1.2 }, new[] { 1.5, -0.25 } };
        var ps = expected.Select(v => new Parameter(tensor((double[])v.Clone()))).ToArray();
        using var opt = kit(ps);
        var refs = expected.Select(v => reference(v.Length)).ToArray();

        for (var t = 1; t <= Steps; t++)
        {
            for (var k = 0; k < ps.Length; k++)
            {
                var g = Gradient(k, t, expected[k].Length);
                ps[k].grad = tensor(g);
                refs[k].Step(expected[k], g, t);
            }
            opt.step();
            for (var k = 0; k < ps.Length; k++)
                Close.All(expected[k], ps[k].detach().ToArray<double>(), atol: 1e-12, rtol: 1e-10, what: $"{config} step {t} param {k}");
        }
    }

    [Fact]
    public void Groups_use_their_own_learning_rate_and_options()
    {
        using var scope = NewDisposeScope();
        var a = new Parameter(tensor(new[] { 1.0, 2.0 }));
        var b = new Parameter(tensor(new[] { 3.0 }));
        // Options a group leaves unset come from the optimizer's defaults (PyTorch's param_group semantics); the
        // ParamGroup(params, lr, momentum, ...) constructor would set them all, so the groups give only what they change.
        using var opt = optim.SGD(
            new[]
            {
                new SGD.ParamGroup { Parameters = new[] { a } },
                new SGD.ParamGroup(new[] { b }, new SGD.Options { LearningRate = 0.5 }),
            },
            0.1,
            momentum: 0.9
        );
        var groups = opt.ParamGroups.Cast<SGD.ParamGroup>().ToArray();
        Assert.Equal(0.1, groups[0].LearningRate);
        Assert.Equal(0.5, groups[1].LearningRate);
        Assert.Equal(0.9, groups[1].Momentum); // filled from the defaults

        a.grad = tensor(new[] { 1.0, 1.0 });
        b.grad = tensor(new[] { 1.0 });
        opt.step();
        Assert.Equal(new[] { 0.9, 1.9 }, a.detach().ToArray<double>());
        Assert.Equal(new[] { 2.5 }, b.detach().ToArray<double>());
    }

    [Fact]
    public void Parameters_without_a_gradient_are_skipped_and_their_state_does_not_advance()
    {
        using var scope = NewDisposeScope();
        var a = new Parameter(tensor(new[] { 1.0 }));
        var b = new Parameter(tensor(new[] { 1.0 }));
        using var opt = optim.Adam(new[] { a, b }, lr: 0.1);
        a.grad = tensor(new[] { 1.0 });
        opt.step();
        Assert.Equal(new[] { 1.0 }, b.detach().ToArray<double>());
        Assert.NotEqual(1.0, a.detach().item<double>());
        // TorchSharp creates every parameter's state up front (PyTorch lazily): the skipped one's must stay at step 0
        // with zero moments, or its bias corrections would be off by a step once it does get a gradient.
        var states = opt.state_dict().State.Cast<Adam.State>().ToArray();
        Assert.Equal(1, states[0].step);
        Assert.Equal(0, states[1].step);
        Assert.Equal(new[] { 0.0 }, states[1].exp_avg.ToArray<double>());
        Assert.Equal(new[] { 0.0 }, states[1].exp_avg_sq.ToArray<double>());
        Assert.Null(states[1].max_exp_avg_sq); // amsgrad off: no maximum kept
    }

    [Fact]
    public void Zero_grad_zeroes_the_gradients()
    {
        using var scope = NewDisposeScope();
        var a = new Parameter(tensor(new[] { 1.0, 2.0 }));
        using var opt = optim.SGD(new[] { a }, 0.1);
        a.grad = tensor(new[] { 3.0, 4.0 });
        opt.zero_grad();
        Assert.Equal(new[] { 0.0, 0.0 }, a.grad!.ToArray<double>());
    }

    [Fact]
    public void Bad_hyper_parameters_are_rejected()
    {
        using var scope = NewDisposeScope();
        var a = new[] { new Parameter(tensor(new[] { 1.0 })) };
        Assert.Contains("beta2", Assert.Throws<ArgumentException>(() => optim.Adam(a, beta2: 1.0)).Message);
        Assert.Contains("beta1", Assert.Throws<ArgumentException>(() => optim.Adam(a, beta1: -0.1)).Message);
        Assert.Contains("learning rate", Assert.Throws<ArgumentException>(() => optim.Adam(a, lr: -1)).Message);
        Assert.Contains("weight_decay", Assert.Throws<ArgumentException>(() => optim.SGD(a, 0.1, weight_decay: -1)).Message);
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => optim.SGD(a, 0.1, nesterov: true)).Message);
    }

    [Fact]
    public void State_tensors_outlive_the_step_scope_and_die_with_the_optimizer()
    {
        var a = new Parameter(tensor(new[] { 1.0 }));
        var opt = optim.RMSProp(new[] { a }, momentum: 0.5, centered: true);
        using (var scope = NewDisposeScope())
        {
            a.grad = tensor(new[] { 1.0 });
            opt.step();
        }
        var s = (RMSProp.State)opt.state_dict().State[0];
        var state = new[] { s.square_avg, s.grad_avg, s.momentum_buffer };
        Assert.Equal(1, s.step);
        Assert.All(state, t => Assert.False(t.IsInvalid));
        Assert.All(state, t => Assert.NotEqual(0.0, t.item<double>())); // the step wrote them
        opt.Dispose();
        Assert.All(state, t => Assert.True(t.IsInvalid));
        a.Dispose();
    }
}
