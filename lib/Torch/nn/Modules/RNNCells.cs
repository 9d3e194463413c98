namespace Dino.Repro.Torch.Modules;

/// <summary>
/// What GRUCell and LSTMCell share: weight_ih (gates·H, H_in), weight_hh (gates·H, H), bias_ih, bias_hh,
/// and the checks on input (N, H_in) or unbatched (H_in) and on the states (N, H) or (H).
/// </summary>
public abstract class RNNCellBase<THidden, TOut> : Module<Tensor, THidden, TOut>
{
    protected RNNCellBase(string name, long gates, long input_size, long hidden_size, bool bias) : base(name)
    {
        RNNWeights.CheckSizes(name, input_size, hidden_size);
        this.input_size = input_size;
        this.hidden_size = hidden_size;
        this.bias = bias;
        var ps = RNNWeights.Create(this, "", gates * hidden_size, input_size, hidden_size, bias);
        weight_ih = ps[0];
        weight_hh = ps[1];
        bias_ih = bias ? ps[2] : null;
        bias_hh = bias ? ps[3] : null;
    }

    public long input_size { get; }
    public long hidden_size { get; }
    public bool bias { get; }
    public Parameter weight_ih { get; }
    public Parameter weight_hh { get; }
    public Parameter? bias_ih { get; }
    public Parameter? bias_hh { get; }

    /// <summary>As <see cref="RNNBase{THidden,TOut}"/>'s Run, for one time step.</summary>
    protected Tensor[] Run(Tensor input, Tensor?[] states, Func<Tensor, Tensor[], Tensor[]> kernel)
    {
        var d = input.dim();
        if (d is not (1 or 2)) throw new TorchException($"{name}: Expected input to be 1-D or 2-D but received {d}-D tensor");
        if (input.size(-1) != input_size)
            throw new TorchException($"{name}: input has inconsistent input_size: got {input.size(-1)} expected {input_size}");
        var batched = d == 2;
        var expected = batched ? new[] { input.size(0), hidden_size } : new[] { hidden_size };

        using var scope = torch.NewDisposeScope();
        var x = batched ? input : input.unsqueeze(0);
        var hs = RNNWeights.States(name, states, expected, batched, 0, new[] { x.size(0), hidden_size }, input);
        var results = kernel(x, hs);
        for (var i = 0; i < results.Length; i++)
        {
            if (!batched) results[i] = results[i].squeeze(0);
            results[i].MoveToOuterDisposeScope();
        }
        return results;
    }

    protected override string extra_repr() => $"{input_size}, {hidden_size}" + (bias ? "" : ", bias=False");
}

/// <summary>One GRU step (PyTorch's nn.GRUCell): h' = (1 − z)·n + z·h; h = zeros when null.</summary>
public sealed class GRUCell : RNNCellBase<Tensor?, Tensor>
{
    public GRUCell(long input_size, long hidden_size, bool bias = true) : base(nameof(GRUCell), 3, input_size, hidden_size, bias) { }

    public override Tensor forward(Tensor input, Tensor? hx) =>
        Run(input, new[] { hx }, (x, h) => new[] { torch.gru_cell(x, h[0], weight_ih, weight_hh, bias_ih, bias_hh) })[0];

    public Tensor call(Tensor input) => call(input, null);
}

/// <summary>One LSTM step (PyTorch's nn.LSTMCell): gives (h', c'); the states are zeros when null.</summary>
public sealed class LSTMCell : RNNCellBase<(Tensor h, Tensor c)?, (Tensor h, Tensor c)>
{
    public LSTMCell(long input_size, long hidden_size, bool bias = true) : base(nameof(LSTMCell), 4, input_size, hidden_size, bias) { }

    public override (Tensor h, Tensor c) forward(Tensor input, (Tensor h, Tensor c)? hx)
    {
        var states = hx is { } s ? new Tensor?[] { s.h, s.c } : new Tensor?[] { null, null };
        var r = Run(input, states, (x, h) =>
        {
            var (h1, c1) = torch.lstm_cell(x, (h[0], h[1]), weight_ih, weight_hh, bias_ih, bias_hh);
            return new[] { h1, c1 };
        });
        return (r[0], r[1]);
    }

    public (Tensor h, Tensor c) call(Tensor input) => call(input, null);
}
