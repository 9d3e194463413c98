using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Torch;

public class SeqRecurrentTests
{
    // ---- the cell equations, by hand in doubles (PyTorch's documented gate order: GRU r,z,n; LSTM i,f,g,o) ----

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Row <paramref name="row"/> of W (row-major, as wide as x) times x.</summary>
    private static double Dot(double[] w, int row, double[] x)
    {
        var s = 0.0;
        for (var k = 0; k < x.Length; k++)
            s += w[row * x.Length + k] * x[k];
        return s;
    }

    private sealed record Weights(double[] w_ih, double[] w_hh, double[] b_ih, double[] b_hh);

    private static Weights Read(nn.Module m, string suffix = "") =>
        new(
            m.get_parameter("weight_ih" + suffix)!.ToArray<double>(),
            m.get_parameter("weight_hh" + suffix)!.ToArray<double>(),
            m.get_parameter("bias_ih" + suffix)!.ToArray<double>(),
            m.get_parameter("bias_hh" + suffix)!.ToArray<double>()
        );

    private static double[] GruStep(Weights w, double[] x, double[] h)
    {
        var H = h.Length;
        var next = new double[H];
        for (var j = 0; j < H; j++)
        {
            var r = Sigmoid(Dot(w.w_ih, j, x) + w.b_ih[j] + Dot(w.w_hh, j, h) + w.b_hh[j]);
            var z = Sigmoid(Dot(w.w_ih, H + j, x) + w.b_ih[H + j] + Dot(w.w_hh, H + j, h) + w.b_hh[H + j]);
            var n = Math.Tanh(Dot(w.w_ih, 2 * H + j, x) + w.b_ih[2 * H + j] + r * (Dot(w.w_hh, 2 * H + j, h) + w.b_hh[2 * H + j]));
            next[j] = (1 - z) * n + z * h[j];
        }
        return next;
    }

    private static (double[] h, double[] c) LstmStep(Weights w, double[] x, double[] h, double[] c)
    {
        var H = h.Length;
        var h1 = new double[H];
        var c1 = new double[H];
        double Gate(int g, int j) => Dot(w.w_ih, g * H + j, x) + w.b_ih[g * H + j] + Dot(w.w_hh, g * H + j, h) + w.b_hh[g * H + j];
        for (var j = 0; j < H; j++)
        {
            var i = Sigmoid(Gate(0, j));
            var f = Sigmoid(Gate(1, j));
            var g = Math.Tanh(Gate(2, j));
            var o = Sigmoid(Gate(3, j));
            c1[j] = f * c[j] + i * g;
            h1[j] = o * Math.Tanh(c1[j]);
        }
        return (h1, c1);
    }

    private static double[] Row(double[] flat, int row, int width) => flat.Skip(row * width).Take(width).ToArray();

    // ---- cells -----------------------------------------------------------------------------------

    [Fact]
    public void GRUCell_matches_the_gate_equations()
    {
        using var cell = nn.GRUCell(3, 4);
        cell.to(float64);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 3 }, float64);
        var h = randn(new long[] { 2, 4 }, float64);
        var got = cell.call(x, h).ToArray<double>();
        var w = Read(cell);
        var xs = x.ToArray<double>();
        var hs = h.ToArray<double>();
        for (var b = 0; b < 2; b++)
            Close.All(GruStep(w, Row(xs, b, 3), Row(hs, b, 4)), Row(got, b, 4), 1e-12, what: $"h'[{b}]");
    }

    [Fact]
    public void LSTMCell_matches_the_gate_equations()
    {
        using var cell = nn.LSTMCell(3, 4);
        cell.to(float64);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 3 }, float64);
        var h = randn(new long[] { 2, 4 }, float64);
        var c = randn(new long[] { 2, 4 }, float64);
        var (h1, c1) = cell.call(x, (h, c));
        var w = Read(cell);
        for (var b = 0; b < 2; b++)
        {
            var (eh, ec) = LstmStep(w, Row(x.ToArray<double>(), b, 3), Row(h.ToArray<double>(), b, 4), Row(c.ToArray<double>(), b, 4));
            Close.All(eh, Row(h1.ToArray<double>(), b, 4), 1e-12, what: $"h'[{b}]");
            Close.All(ec, Row(c1.ToArray<double>(), b, 4), 1e-12, what: $"c'[{b}]");
        }
    }

    [Fact]
    public void GRUCell_starts_from_zero_state()
    {
        // Only GRUCell is checked without a state: TorchSharp 0.107's LSTMCell fails when no (h, c) is given
        // ("Input batch size 2 doesn't match hidden0 batch size 0"); the kit uses neither cell.
        using var gru = nn.GRUCell(3, 4);
        gru.to(float64);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 3 }, float64);
        var h = gru.forward(x); // no hidden state: starts from zeros
        Assert.Equal(new long[] { 2, 4 }, h.shape);
        var xs = x.ToArray<double>();
        var got = h.ToArray<double>();
        for (var b = 0; b < 2; b++)
            Close.All(GruStep(Read(gru), Row(xs, b, 3), new double[4]), Row(got, b, 4), 1e-12, what: $"h'[{b}]");
    }

    [Fact]
    public void Cells_accept_unbatched_input_with_a_state()
    {
        // Unbatched input is checked with an explicit state: without one, libtorch's C++ GRUCell sizes its zero state
        // from the 1-d input ("Input batch size 1 doesn't match hidden0 batch size 3").
        using var gru = nn.GRUCell(3, 4);
        using var lstm = nn.LSTMCell(3, 4);
        gru.to(float64);
        lstm.to(float64);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 3 }, float64);
        var h = randn(new long[] { 4 }, float64);
        var c = randn(new long[] { 4 }, float64);
        var h1 = gru.call(x, h);
        Assert.Equal(new long[] { 4 }, h1.shape);
        Close.All(GruStep(Read(gru), x.ToArray<double>(), h.ToArray<double>()), h1.ToArray<double>(), 1e-12);
        var (lh, lc) = lstm.call(x, (h, c));
        Assert.Equal(new long[] { 4 }, lh.shape);
        var (eh, ec) = LstmStep(Read(lstm), x.ToArray<double>(), h.ToArray<double>(), c.ToArray<double>());
        Close.All(eh, lh.ToArray<double>(), 1e-12);
        Close.All(ec, lc.ToArray<double>(), 1e-12);
    }

    // ---- full sequences vs repeated cells ----------------------------------------------------------

    /// <summary>Copies one layer-direction's weights of <paramref name="from"/> into <paramref name="to"/>.</summary>
    private static void CopyWeights(nn.Module from, string fromSuffix, nn.Module to, string toSuffix = "")
    {
        using var _ = no_grad();
        foreach (var key in new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" })
            to.get_parameter(key + toSuffix)!.copy_(from.get_parameter(key + fromSuffix)!);
    }

    /// <summary>Runs a cell over x (L, N, I) forwards or backwards: the per-step outputs (L, N, H) in time order and the final state.</summary>
    private static (Tensor outputs, Tensor h) RunCells(GRUCell cell, Tensor x, Tensor h, bool reverse = false)
    {
        var steps = new Tensor[x.size(0)];
        var order = Enumerable.Range(0, (int)x.size(0));
        foreach (var t in reverse ? order.Reverse() : order)
            steps[t] = h = cell.call(x[t], h);
        return (stack(steps), h);
    }

    [Fact]
    public void GRU_two_steps_equal_repeated_cells()
    {
        using var gru = nn.GRU(3, 4);
        using var cell = nn.GRUCell(3, 4);
        gru.to(float64);
        cell.to(float64);
        CopyWeights(gru, "_l0", cell);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 2, 3 }, float64);
        var h0 = randn(new long[] { 1, 2, 4 }, float64);
        var (output, h_n) = gru.call(x, h0);
        var (expected, last) = RunCells(cell, x, h0[0]);
        Assert.Equal(new long[] { 2, 2, 4 }, output.shape);
        Close.All(expected.ToArray<double>(), output.ToArray<double>(), 1e-12, what: "output");
        Close.All(last.ToArray<double>(), h_n.ToArray<double>(), 1e-12, what: "h_n");
    }

    [Fact]
    public void LSTM_two_steps_equal_repeated_cells()
    {
        using var lstm = nn.LSTM(3, 4);
        using var cell = nn.LSTMCell(3, 4);
        lstm.to(float64);
        cell.to(float64);
        CopyWeights(lstm, "_l0", cell);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 2, 3 }, float64);
        var h = randn(new long[] { 1, 2, 4 }, float64);
        var c = randn(new long[] { 1, 2, 4 }, float64);
        var (output, h_n, c_n) = lstm.call(x, (h, c));
        var state = (h[0], c[0]);
        for (var t = 0; t < 2; t++)
        {
            state = cell.call(x[t], state);
            Close.All(state.Item1.ToArray<double>(), output[t].ToArray<double>(), 1e-12, what: $"output[{t}]");
        }
        Close.All(state.Item1.ToArray<double>(), h_n[0].ToArray<double>(), 1e-12, what: "h_n");
        Close.All(state.Item2.ToArray<double>(), c_n[0].ToArray<double>(), 1e-12, what: "c_n");
    }

    [Fact]
    public void Bidirectional_GRU_runs_the_reverse_direction_from_the_end()
    {
        using var gru = nn.GRU(3, 4, bidirectional: true);
        using var forward = nn.GRUCell(3, 4);
        using var backward = nn.GRUCell(3, 4);
        foreach (var m in new nn.Module[] { gru, forward, backward })
            m.to(float64);
        CopyWeights(gru, "_l0", forward);
        CopyWeights(gru, "_l0_reverse", backward);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 3, 2, 3 }, float64);
        var (output, h_n) = gru.call(x);
        Assert.Equal(new long[] { 3, 2, 8 }, output.shape);
        Assert.Equal(new long[] { 2, 2, 4 }, h_n.shape);
        var zero = zeros(new long[] { 2, 4 }, float64);
        var (fwd, fwdLast) = RunCells(forward, x, zero);
        var (bwd, bwdLast) = RunCells(backward, x, zero, reverse: true);
        Close.All(cat(new[] { fwd, bwd }, 2).ToArray<double>(), output.ToArray<double>(), 1e-12, what: "output");
        Close.All(stack(new[] { fwdLast, bwdLast }).ToArray<double>(), h_n.ToArray<double>(), 1e-12, what: "h_n");
    }

    [Fact]
    public void Two_layer_LSTM_feeds_the_first_layer_output_to_the_second()
    {
        using var deep = nn.LSTM(3, 4, numLayers: 2);
        using var first = nn.LSTM(3, 4);
        using var second = nn.LSTM(4, 4);
        foreach (var m in new nn.Module[] { deep, first, second })
            m.to(float64);
        CopyWeights(deep, "_l0", first, "_l0");
        CopyWeights(deep, "_l1", second, "_l0");
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 3, 3 }, float64);
        var (output, h_n, c_n) = deep.call(x);
        Assert.Equal(new long[] { 2, 3, 4 }, output.shape);
        Assert.Equal(new long[] { 2, 3, 4 }, h_n.shape);
        Assert.Equal(new long[] { 2, 3, 4 }, c_n.shape);
        var (o1, h1, c1) = first.call(x);
        var (o2, h2, c2) = second.call(o1);
        Close.All(o2.ToArray<double>(), output.ToArray<double>(), 1e-12, what: "output");
        Close.All(cat(new[] { h1, h2 }).ToArray<double>(), h_n.ToArray<double>(), 1e-12, what: "h_n");
        Close.All(cat(new[] { c1, c2 }).ToArray<double>(), c_n.ToArray<double>(), 1e-12, what: "c_n");
    }

    [Fact]
    public void Batch_first_input_matches_the_sequence_first_layout()
    {
        // The kit's recogniser runs a batch-first bidirectional GRU, so both directions are checked.
        using var seqFirst = nn.GRU(3, 4, numLayers: 2, bidirectional: true);
        using var batchFirst = nn.GRU(3, 4, numLayers: 2, batchFirst: true, bidirectional: true);
        batchFirst.load_state_dict(seqFirst.state_dict());
        using var scope = NewDisposeScope();
        var x = randn(2, 5, 3); // (L, N, H_in)
        var (expected, expected_h) = seqFirst.call(x);
        var (output, h_n) = batchFirst.call(x.transpose(0, 1));
        Assert.Equal(new long[] { 5, 2, 8 }, output.shape);
        Close.All(expected.transpose(0, 1).contiguous().ToArray<float>(), output.ToArray<float>(), 1e-6f, what: "output");
        // h_n stays (layers·directions, N, H) with batch_first, as in PyTorch.
        Close.All(expected_h.ToArray<float>(), h_n.ToArray<float>(), 1e-6f, what: "h_n");
        // TorchSharp's GRU (libtorch's C++ module) takes no unbatched (L, H_in) input, unlike PyTorch's; not ported.
    }

    [Fact]
    public void Parameter_names_shapes_and_init_follow_pytorch()
    {
        using var gru = nn.GRU(3, 5, numLayers: 2, bidirectional: true);
        var names = new List<string>();
        foreach (var layer in new[] { "_l0", "_l0_reverse", "_l1", "_l1_reverse" })
            names.AddRange(new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" }.Select(k => k + layer));
        Assert.Equal(names, gru.state_dict().Keys);
        Assert.Equal(new long[] { 15, 3 }, gru.get_parameter("weight_ih_l0")!.shape);
        Assert.Equal(new long[] { 15, 10 }, gru.get_parameter("weight_ih_l1_reverse")!.shape);
        Assert.Equal(new long[] { 15, 5 }, gru.get_parameter("weight_hh_l1")!.shape);

        using var lstm = nn.LSTM(3, 5, bias: false);
        Assert.Equal(new[] { "weight_ih_l0", "weight_hh_l0" }, lstm.state_dict().Keys);
        Assert.Equal(new long[] { 20, 3 }, lstm.get_parameter("weight_ih_l0")!.shape);

        // U(-1/sqrt(hidden), 1/sqrt(hidden)): inside the bound, and filling it (not a narrower or constant init).
        var k = 1 / Math.Sqrt(5);
        var values = gru.parameters().SelectMany(p => p.ToArray<float>()).ToArray();
        Assert.All(values, v => Assert.InRange((double)v, -k, k));
        Assert.True(values.Max() > 0.9 * k && values.Min() < -0.9 * k, $"init spans [{values.Min()}, {values.Max()}], expected about ±{k}");
    }

    [Fact]
    public void Wrong_sizes_raise_errors_that_name_the_problem()
    {
        using var gru = nn.GRU(3, 4);
        using var lstm = nn.LSTM(3, 4, numLayers: 2);
        using var cell = nn.GRUCell(3, 4);
        using var scope = NewDisposeScope();
        var x = randn(2, 5, 3);
        var ex = Assert.Throws<ExternalException>(() => gru.call(x, randn(1, 5, 6)));
        Assert.Contains("Expected hidden size 1 5 4, got [1, 5, 6]", ex.Message); // libtorch C++'s wording
        ex = Assert.Throws<ExternalException>(() => gru.call(randn(2, 5, 2)));
        Assert.Contains("input.size(-1) must be equal to input_size. Expected 3, got 2", ex.Message);
        ex = Assert.Throws<ExternalException>(() => lstm.call(x, (randn(2, 5, 4), randn(1, 5, 4))));
        Assert.Contains("Expected hidden[1] size 2 5 4, got [1, 5, 4]", ex.Message);
        ex = Assert.Throws<ExternalException>(() => cell.call(randn(5, 3), randn(5, 3)));
        Assert.Contains("hidden_size: got 3, expected 4", ex.Message);
        ex = Assert.Throws<ExternalException>(() => cell.forward(randn(5, 2)));
        Assert.Contains("input_size: got 2 expected 3", ex.Message);
    }

    [Fact]
    public void Dropout_between_layers_applies_only_in_training()
    {
        using var gru = nn.GRU(3, 8, numLayers: 2, dropout: 0.5);
        using var scope = NewDisposeScope();
        var x = randn(4, 2, 3);
        gru.eval();
        var a = gru.call(x).Item1;
        var b = gru.call(x).Item1;
        Assert.True(a.Equals(b));
        gru.train();
        manual_seed(1);
        var c = gru.call(x).Item1;
        manual_seed(2);
        var d = gru.call(x).Item1;
        Assert.False(c.Equals(d));
    }

    // ---- gradients ---------------------------------------------------------------------------------

    /// <summary>
    /// GradCheck for a module's own parameters (TorchSharp has no functional gru/lstm/gru_cell/lstm_cell taking the
    /// weights as arguments): autograd's gradient of Σ w·f() against central differences taken by nudging each
    /// parameter element in place, with the same fixed weights and tolerances as <see cref="GradCheck"/>.
    /// </summary>
    private static void AssertParameterGradients(
        nn.Module module,
        Func<Tensor> f,
        string name,
        double eps = 1e-6,
        double atol = 1e-5,
        double rtol = 1e-3
    )
    {
        using var scope = NewDisposeScope();
        var probe = f();
        using var g = new Generator(1234UL);
        var weights = randn(probe.shape, float64, generator: g);
        module.zero_grad();
        (probe * weights).sum().backward();
        double Evaluate()
        {
            using var inner = NewDisposeScope();
            using var _ = no_grad();
            return (f() * weights).sum().item<double>();
        }
        foreach (var (pname, p) in module.named_parameters())
        {
            var analytic = p.grad!.ToArray<double>();
            var flat = p.detach().view(-1); // shares the parameter's storage
            for (var i = 0; i < analytic.Length; i++)
            {
                var element = flat[i];
                var original = element.item<double>();
                element.fill_(Scalars.Of(original + eps));
                var plus = Evaluate();
                element.fill_(Scalars.Of(original - eps));
                var minus = Evaluate();
                element.fill_(Scalars.Of(original));
                var numeric = (plus - minus) / (2 * eps);
                if (Math.Abs(analytic[i] - numeric) > atol + rtol * Math.Abs(numeric))
                    throw new Xunit.Sdk.XunitException($"{name}: {pname} element {i}: autograd {analytic[i]:G10} vs finite difference {numeric:G10}");
            }
        }
    }

    [Fact]
    public void Cell_gradients_match_finite_differences()
    {
        using var gru = nn.GRUCell(3, 2);
        using var lstm = nn.LSTMCell(3, 2);
        gru.to(float64);
        lstm.to(float64);
        using var scope = NewDisposeScope();
        var x = randn(new long[] { 2, 3 }, float64);
        var h = randn(new long[] { 2, 2 }, float64);
        var c = randn(new long[] { 2, 2 }, float64);
        GradCheck.Assert(t => gru.call(t[0], t[1]), new[] { x, h }, name: "gru_cell");
        AssertParameterGradients(gru, () => gru.call(x, h), "gru_cell");
        Tensor Lstm(Tensor[] t)
        {
            var (h1, c1) = lstm.call(t[0], (t[1], t[2]));
            return cat(new[] { h1, c1 });
        }
        GradCheck.Assert(Lstm, new[] { x, h, c }, name: "lstm_cell");
        AssertParameterGradients(lstm, () => Lstm(new[] { x, h, c }), "lstm_cell");
    }

    [Fact]
    public void Sequence_gradients_match_finite_differences()
    {
        // Two bidirectional GRU layers: the inputs, h_0 and all 16 weights are checked.
        using var gru = nn.GRU(2, 2, numLayers: 2, bidirectional: true);
        using var lstm = nn.LSTM(2, 2, batchFirst: true);
        gru.to(float64);
        lstm.to(float64);
        using var scope = NewDisposeScope();
        Tensor Gru(Tensor[] t)
        {
            var (output, h_n) = gru.call(t[0], t[1]);
            return cat(new[] { output.flatten(), h_n.flatten() });
        }
        var gruInputs = new[] { randn(new long[] { 3, 1, 2 }, float64), randn(new long[] { 4, 1, 2 }, float64) };
        GradCheck.Assert(Gru, gruInputs, name: "gru");
        AssertParameterGradients(gru, () => Gru(gruInputs), "gru");

        Tensor Lstm(Tensor[] t)
        {
            var (output, h_n, c_n) = lstm.call(t[0], (t[1], t[2]));
            return cat(new[] { output.flatten(), h_n.flatten(), c_n.flatten() });
        }
        var lstmInputs = new[]
        {
            randn(new long[] { 2, 3, 2 }, float64),
            randn(new long[] { 1, 2, 2 }, float64),
            randn(new long[] { 1, 2, 2 }, float64),
        };
        GradCheck.Assert(Lstm, lstmInputs, name: "lstm");
        AssertParameterGradients(lstm, () => Lstm(lstmInputs), "lstm");
    }

    [Fact]
    public void Module_parameters_receive_gradients()
    {
        using var lstm = nn.LSTM(3, 4, numLayers: 2, bidirectional: true);
        using var scope = NewDisposeScope();
        var (output, _, c_n) = lstm.call(randn(2, 2, 3));
        (output.sum() + c_n.sum()).backward();
        Assert.All(lstm.named_parameters(), p =>
            Assert.True(p.parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"{p.name} got no gradient")
        );
    }
}
