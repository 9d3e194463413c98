namespace Dino.Repro.Torch.Modules;

/// <summary>
/// Multi-layer GRU over a whole sequence (PyTorch's nn.GRU). Input (L, N, H_in), or (N, L, H_in) with
/// batch_first, or unbatched (L, H_in); h_0 (layers·directions, N, H), zeros when null. Gives the last
/// layer's output (…, directions·H) and h_n.
/// </summary>
public sealed class GRU : RNNBase<Tensor?, (Tensor output, Tensor h_n)>
{
    public GRU(long input_size, long hidden_size, long num_layers = 1, bool bias = true, bool batch_first = false, double dropout = 0,
        bool bidirectional = false)
        : base(nameof(GRU), 3, input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional) { }

    public override (Tensor output, Tensor h_n) forward(Tensor input, Tensor? h_0)
    {
        var r = Run(input, new[] { h_0 }, (x, h) =>
        {
            var (output, h_n) = torch.gru(x, h[0], all_weights, bias, num_layers, dropout, training, bidirectional, batch_first);
            return new[] { output, h_n };
        });
        return (r[0], r[1]);
    }

    public (Tensor output, Tensor h_n) call(Tensor input) => call(input, null);
}

/// <summary>
/// Multi-layer LSTM over a whole sequence (PyTorch's nn.LSTM); shapes as <see cref="GRU"/>, with the cell
/// state alongside the hidden state.
/// </summary>
public sealed class LSTM : RNNBase<(Tensor h_0, Tensor c_0)?, (Tensor output, Tensor h_n, Tensor c_n)>
{
    public LSTM(long input_size, long hidden_size, long num_layers = 1, bool bias = true, bool batch_first = false, double dropout = 0,
        bool bidirectional = false)
        : base(nameof(LSTM), 4, input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional) { }

    public override (Tensor output, Tensor h_n, Tensor c_n) forward(Tensor input, (Tensor h_0, Tensor c_0)? hx)
    {
        var states = hx is { } s ? new Tensor?[] { s.h_0, s.c_0 } : new Tensor?[] { null, null };
        var r = Run(input, states, (x, h) =>
        {
            var (output, h_n, c_n) = torch.lstm(x, (h[0], h[1]), all_weights, bias, num_layers, dropout, training, bidirectional, batch_first);
            return new[] { output, h_n, c_n };
        });
        return (r[0], r[1], r[2]);
    }

    public (Tensor output, Tensor h_n, Tensor c_n) call(Tensor input) => call(input, null);
}
