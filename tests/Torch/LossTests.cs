using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;
using Reduction = TorchSharp.torch.nn.Reduction;

namespace Dino.Repro.Tests.Torch;

public class LossTests
{
    private static readonly double[] X = { 0.3, -1.2, 2.5, 0.05, -0.4, 1.1 };
    private static readonly double[] Y = { 0.1, -0.2, 0.5, 0.9, -2.0, 1.15 };

    // TorchSharp's tensor(values, null) makes a 0-d tensor of values[0], so a vector is built without dims.
    private static Tensor T(double[] values, params long[] shape) => shape.Length == 0 ? tensor(values) : tensor(values, shape);

    /// <summary>Checks a loss for all three reductions against its per-element values (mean divides by <paramref name="count"/>).</summary>
    private static void CheckReductions(Func<Reduction, Tensor> loss, double[] pointwise, double? count = null, double atol = 1e-12)
    {
        Close.All(pointwise, loss(Reduction.None).ToArray<double>(), atol, what: "none");
        Close.All(new[] { pointwise.Sum() }, loss(Reduction.Sum).ToArray<double>(), atol, what: "sum");
        Close.All(new[] { pointwise.Sum() / (count ?? pointwise.Length) }, loss(Reduction.Mean).ToArray<double>(), atol, what: "mean");
    }

    private static double[] Zip(Func<double, double, double> f) => X.Zip(Y, f).ToArray();

    // ---- regression losses -------------------------------------------------------------------------

    [Fact]
    public void L1_MSE_and_smooth_L1_follow_their_formulas()
    {
        using var scope = NewDisposeScope();
        var x = T(X, 2, 3);
        var y = T(Y, 2, 3);
        CheckReductions(r => F.l1_loss(x, y, r), Zip((a, b) => Math.Abs(a - b)));
        CheckReductions(r => F.mse_loss(x, y, r), Zip((a, b) => (a - b) * (a - b)));
        const double beta = 0.5;
        CheckReductions(
            r => F.smooth_l1_loss(x, y, r, beta),
            Zip((a, b) => Math.Abs(a - b) < beta ? 0.5 * (a - b) * (a - b) / beta : Math.Abs(a - b) - 0.5 * beta)
        );
        using var module = nn.SmoothL1Loss(beta: beta);
        Assert.Equal(F.smooth_l1_loss(x, y, beta: beta).item<double>(), module.call(x, y).item<double>());
    }

    // ---- binary cross entropy ----------------------------------------------------------------------

    [Fact]
    public void BCE_with_weight_follows_its_formula()
    {
        using var scope = NewDisposeScope();
        var p = X.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        var y = new[] { 1.0, 0, 0.3, 1, 0, 0.8 };
        var w = new[] { 0.5, 2.0, 1.0 };
        var expected = p.Select((pi, i) => -w[i % 3] * (y[i] * Math.Log(pi) + (1 - y[i]) * Math.Log(1 - pi))).ToArray();
        CheckReductions(r => F.binary_cross_entropy(T(p, 2, 3), T(y, 2, 3), T(w), r), expected);
        // TorchSharp's loss modules keep weight as a plain property, not a registered buffer as PyTorch does, so
        // state_dict() is empty here; the kit saves no loss modules, so only the module's value is checked.
        using var module = nn.BCELoss(T(w));
        Assert.Equal(expected.Average(), module.call(T(p, 2, 3), T(y, 2, 3)).item<double>(), 12);
    }

    [Fact]
    public void BCE_with_logits_and_pos_weight_follows_its_formula()
    {
        using var scope = NewDisposeScope();
        var y = new[] { 1.0, 0, 0.3, 1, 0, 0.8 };
        var pos = new[] { 3.0, 1.0, 0.5 };
        static double LogSigmoid(double v) => -Math.Log(1 + Math.Exp(-v));
        var expected = X.Select((v, i) => -(pos[i % 3] * y[i] * LogSigmoid(v) + (1 - y[i]) * LogSigmoid(-v))).ToArray();
        CheckReductions(r => F.binary_cross_entropy_with_logits(T(X, 2, 3), T(y, 2, 3), reduction: r, pos_weights: T(pos)), expected);
        // pos_weight is a plain property of TorchSharp's module (PyTorch registers it as a buffer); see BCE above.
        using var module = nn.BCEWithLogitsLoss(pos_weights: T(pos));
        Assert.Equal(expected.Average(), module.call(T(X, 2, 3), T(y, 2, 3)).item<double>(), 12);
    }

    // ---- classification ----------------------------------------------------------------------------

    private static readonly double[] Logits = { 1.0, 2.0, 0.5, -1.0, 0.3, 0.0, 2.2, -0.7, -0.5, 1.5, 0.1, 0.9 }; // (4, 3)

    private static double[] LogSoftmaxRow(double[] logits, int row, int classes)
    {
        var r = logits.Skip(row * classes).Take(classes).ToArray();
        var lse = Math.Log(r.Sum(Math.Exp));
        return r.Select(v => v - lse).ToArray();
    }

    [Fact]
    public void Cross_entropy_with_ignore_index_and_label_smoothing_follows_its_formula()
    {
        using var scope = NewDisposeScope();
        var target = new long[] { 1, -100, 0, 2 };
        const double eps = 0.2;
        var pointwise = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (target[i] == -100)
                continue; // ignored rows contribute 0 and are not counted by the mean
            var lp = LogSoftmaxRow(Logits, i, 3);
            pointwise[i] = (1 - eps) * -lp[target[i]] + eps * -lp.Average();
        }
        CheckReductions(r => F.cross_entropy(T(Logits, 4, 3), tensor(target), reduction: r, label_smoothing: eps), pointwise, count: 3);
        // nn.CrossEntropyLoss(...) has no label_smoothing parameter in TorchSharp 0.107; the module's constructor does.
        using var module = new CrossEntropyLoss(label_smoothing: eps);
        Assert.Equal(pointwise.Sum() / 3, module.call(T(Logits, 4, 3), tensor(target)).item<double>(), 12);
    }

    [Fact]
    public void Cross_entropy_with_class_weights_divides_by_the_weight_sum()
    {
        using var scope = NewDisposeScope();
        var target = new long[] { 1, 2, 0, 2 };
        var w = new[] { 0.2, 1.0, 3.0 };
        var num = 0.0;
        var den = 0.0;
        for (var i = 0; i < 4; i++)
        {
            num += w[target[i]] * -LogSoftmaxRow(Logits, i, 3)[target[i]];
            den += w[target[i]];
        }
        Assert.Equal(num / den, F.cross_entropy(T(Logits, 4, 3), tensor(target), weight: T(w)).item<double>(), 12);
    }

    [Fact]
    public void Cross_entropy_with_probability_targets_follows_its_formula()
    {
        using var scope = NewDisposeScope();
        var probs = new[] { 0.2, 0.5, 0.3, 1, 0, 0, 0.1, 0.1, 0.8, 0.25, 0.25, 0.5 };
        var pointwise = Enumerable.Range(0, 4).Select(i => -LogSoftmaxRow(Logits, i, 3).Select((lp, c) => probs[i * 3 + c] * lp).Sum()).ToArray();
        CheckReductions(r => F.cross_entropy(T(Logits, 4, 3), T(probs, 4, 3), reduction: r), pointwise);
    }

    [Fact]
    public void NLL_loss_picks_the_target_log_probability_and_skips_ignored_rows()
    {
        using var scope = NewDisposeScope();
        // TorchSharp's nll_loss/NLLLoss take no ignore_index; libtorch's default (-100, as PyTorch's) still applies.
        var target = new long[] { 2, 0, -100, 1 };
        var pointwise = target.Select((t, i) => t == -100 ? 0 : -Logits[i * 3 + t]).ToArray();
        CheckReductions(r => F.nll_loss(T(Logits, 4, 3), tensor(target), reduction: r), pointwise, count: 3);
        using var module = nn.NLLLoss();
        Assert.Equal(pointwise.Sum() / 3, module.call(T(Logits, 4, 3), tensor(target)).item<double>(), 12);
    }

    [Fact]
    public void KL_divergence_follows_its_formula_for_both_target_forms()
    {
        using var scope = NewDisposeScope();
        var input = Enumerable.Range(0, 2).SelectMany(i => LogSoftmaxRow(Logits, i, 3)).ToArray(); // log q
        var target = Enumerable.Range(2, 2).SelectMany(i => LogSoftmaxRow(Logits, i, 3)).Select(v => Math.Exp(v)).ToArray(); // p
        var pointwise = target.Select((p, i) => p * (Math.Log(p) - input[i])).ToArray();
        // TorchSharp defaults log_target to true (PyTorch: false), so it is always passed explicitly here.
        CheckReductions(r => F.kl_div(T(input, 2, 3), T(target, 2, 3), log_target: false, reduction: r), pointwise);
        var logTarget = target.Select(v => Math.Log(v)).ToArray();
        CheckReductions(r => F.kl_div(T(input, 2, 3), T(logTarget, 2, 3), log_target: true, reduction: r), pointwise);
        // TorchSharp has no "batchmean" reduction (PyTorch applies it in Python as sum / batch size); the module's
        // sum is checked instead.
        using var module = nn.KLDivLoss(log_target: true, reduction: Reduction.Sum);
        Assert.Equal(pointwise.Sum(), module.call(T(input, 2, 3), T(logTarget, 2, 3)).item<double>(), 12);
    }

    // ---- CTC ---------------------------------------------------------------------------------------

    /// <summary>−log Σ over every path of length T whose collapse (merge repeats, drop blanks) is the target.</summary>
    private static double CtcBruteForce(double[][] logProbs, int[] target, int blank)
    {
        int steps = logProbs.Length,
            classes = logProbs[0].Length;
        var total = 0.0;
        var path = new int[steps];
        for (var code = 0; code < (int)Math.Pow(classes, steps); code++)
        {
            for (int t = 0, c = code; t < steps; t++, c /= classes)
                path[t] = c % classes;
            var collapsed = path.Where((s, t) => s != blank && (t == 0 || s != path[t - 1])).ToArray();
            if (collapsed.SequenceEqual(target))
                total += Math.Exp(path.Select((s, t) => logProbs[t][s]).Sum());
        }
        return -Math.Log(total);
    }

    /// <summary>Log-probabilities (T, N, C) for N = 2 as a tensor and as [n][t][c] arrays.</summary>
    private static (Tensor tensor, double[][][] rows) CtcInput(int steps, int classes)
    {
        using var g = new Generator(7UL);
        var logits = randn(new long[] { steps, 2, classes }, float64, generator: g).ToArray<double>();
        var rows = new double[2][][];
        for (var n = 0; n < 2; n++)
            rows[n] = Enumerable.Range(0, steps).Select(t => LogSoftmaxRow(logits, t * 2 + n, classes)).ToArray();
        var flat = new double[steps * 2 * classes];
        for (var t = 0; t < steps; t++)
        for (var n = 0; n < 2; n++)
        for (var c = 0; c < classes; c++)
            flat[(t * 2 + n) * classes + c] = rows[n][t][c];
        return (tensor(flat, new long[] { steps, 2, classes }), rows);
    }

    [Fact]
    public void CTC_loss_matches_brute_force_alignment_enumeration()
    {
        using var scope = NewDisposeScope();
        var (logProbs, rows) = CtcInput(steps: 4, classes: 3);
        // Sample 0: target [1, 1] over all 4 frames (needs a blank between the repeats); sample 1: target [2] over 3 frames.
        var targets = tensor(new long[] { 1, 1, 2, 0 }, new long[] { 2, 2 });
        var inputLengths = tensor(new long[] { 4, 3 });
        var targetLengths = tensor(new long[] { 2, 1 });
        var l0 = CtcBruteForce(rows[0], new[] { 1, 1 }, 0);
        var l1 = CtcBruteForce(rows[1][..3], new[] { 2 }, 0);
        Close.All(new[] { l0, l1 }, F.ctc_loss(logProbs, targets, inputLengths, targetLengths, reduction: Reduction.None).ToArray<double>(), 1e-10);
        Assert.Equal(l0 + l1, F.ctc_loss(logProbs, targets, inputLengths, targetLengths, reduction: Reduction.Sum).item<double>(), 10);
        // "mean" divides each loss by its target length before averaging the batch.
        Assert.Equal((l0 / 2 + l1 / 1) / 2, F.ctc_loss(logProbs, targets, inputLengths, targetLengths).item<double>(), 10);
        using var module = nn.CTCLoss(reduction: Reduction.Sum);
        Assert.Equal(l0 + l1, module.call(logProbs, targets, inputLengths, targetLengths).item<double>(), 10);
    }

    [Fact]
    public void CTC_loss_is_infinite_for_impossible_alignments_unless_zero_infinity()
    {
        using var scope = NewDisposeScope();
        var (logProbs, _) = CtcInput(steps: 4, classes: 3);
        var targets = tensor(new long[] { 1, 1, 1, 1 }, new long[] { 2, 2 });
        var inputLengths = tensor(new long[] { 2, 4 }); // [1, 1] needs 3 frames; sample 0 has 2
        var targetLengths = tensor(new long[] { 2, 2 });
        var raw = F.ctc_loss(logProbs, targets, inputLengths, targetLengths, reduction: Reduction.None).ToArray<double>();
        Assert.True(double.IsPositiveInfinity(raw[0]));
        Assert.True(double.IsFinite(raw[1]));
        var zeroed = F.ctc_loss(logProbs, targets, inputLengths, targetLengths, reduction: Reduction.None, zero_infinity: true).ToArray<double>();
        Assert.Equal(new[] { 0, raw[1] }, zeroed);
    }

    // ---- gradients ---------------------------------------------------------------------------------

    [Fact]
    public void Loss_gradients_match_finite_differences()
    {
        using var scope = NewDisposeScope();
        var x = T(X, 2, 3);
        var y = T(Y, 2, 3);
        GradCheck.Assert(t => F.l1_loss(t[0], t[1]), new[] { x, y }, name: "l1_loss");
        GradCheck.Assert(t => F.mse_loss(t[0], t[1], Reduction.Sum), new[] { x, y }, name: "mse_loss");
        GradCheck.Assert(t => F.smooth_l1_loss(t[0], t[1], Reduction.None, beta: 0.5), new[] { x, y }, name: "smooth_l1_loss");

        var target = T(new[] { 1.0, 0, 0.3, 1, 0, 0.8 }, 2, 3);
        GradCheck.Assert(t => F.binary_cross_entropy(t[0].sigmoid(), target, T(new[] { 0.5, 2.0, 1.0 })), new[] { x }, name: "binary_cross_entropy");
        var posWeight = T(new[] { 3.0, 1.0, 0.5 });
        GradCheck.Assert(
            t => F.binary_cross_entropy_with_logits(t[0], target, pos_weights: posWeight),
            new[] { x },
            name: "binary_cross_entropy_with_logits"
        );

        var logits = T(Logits, 4, 3);
        var classes = tensor(new long[] { 1, -100, 0, 2 });
        var classWeight = T(new[] { 0.2, 1.0, 3.0 });
        GradCheck.Assert(t => F.cross_entropy(t[0], classes, classWeight, label_smoothing: 0.2), new[] { logits }, name: "cross_entropy (indices)");
        GradCheck.Assert(t => F.cross_entropy(t[0], t[1].softmax_rows()), new[] { logits, randn(4, 3) }, name: "cross_entropy (probabilities)");
        GradCheck.Assert(t => F.nll_loss(t[0], classes, reduction: Reduction.Sum), new[] { logits }, name: "nll_loss");
        GradCheck.Assert(t => F.kl_div(t[0], t[1], log_target: true, reduction: Reduction.Sum), new[] { x, y }, name: "kl_div");
        GradCheck.Assert(
            t => F.kl_div(t[0], t[1].exp(), log_target: false, reduction: Reduction.Mean),
            new[] { x, y },
            name: "kl_div (probability target)"
        );

        // CTC's backward assumes log-softmax outputs (as PyTorch's does), so differentiate through one.
        var (logProbs, _) = CtcInput(steps: 4, classes: 3);
        var ctcTargets = tensor(new long[] { 1, 2, 2, 0 }, new long[] { 2, 2 });
        GradCheck.Assert(
            t => F.ctc_loss(t[0] - t[0].logsumexp(2, keepdim: true), ctcTargets, tensor(new long[] { 4, 3 }), tensor(new long[] { 2, 1 })),
            new[] { logProbs },
            name: "ctc_loss"
        );
    }

    // ---- errors ------------------------------------------------------------------------------------

    [Fact]
    public void Mismatched_targets_and_bad_arguments_raise_errors_that_name_the_problem()
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 3);
        var ex = Assert.Throws<ExternalException>(() => F.binary_cross_entropy(x.sigmoid(), rand(2, 1)));
        Assert.Contains("target size ([2, 1]) that is different to the input size ([2, 3])", ex.Message);
        ex = Assert.Throws<ExternalException>(() => F.cross_entropy(x, tensor(new long[] { 0, 1, 2 })));
        Assert.Contains("batch_size", ex.Message);
        ex = Assert.Throws<ExternalException>(() => F.nll_loss(x, tensor(new long[] { 0, 5 })));
        Assert.Contains("out of bounds", ex.Message);
    }

    [Fact]
    public void MSE_loss_broadcasts_a_mismatched_target_as_pytorch_does()
    {
        // PyTorch (and libtorch) only warn about a target of another shape and broadcast it; the old binding threw.
        // The expected value is the mean of (x − y)² over the broadcast [2, 3] grid, computed here by hand.
        using var scope = NewDisposeScope();
        var y = new[] { 0.5, -1.0, 2.0 };
        var expected = X.Select((v, i) => (v - y[i % 3]) * (v - y[i % 3])).Average();
        Assert.Equal(expected, F.mse_loss(T(X, 2, 3), T(y)).item<double>(), 12);
    }
}

internal static class LossTestExtensions
{
    /// <summary>Softmax over the last dim, from ops every tensor has (keeps the test independent of nn activations).</summary>
    internal static Tensor softmax_rows(this Tensor t) => (t - t.logsumexp(-1, keepdim: true)).exp();
}
