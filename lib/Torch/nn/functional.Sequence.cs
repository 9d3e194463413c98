using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

// Sequence functions: F.embedding and the recurrent kernels PyTorch exposes as torch.gru/lstm/gru_cell/lstm_cell.
public static partial class torch
{
    /// <summary>
    /// A full-sequence GRU over a flat parameter list: per layer and direction w_ih, w_hh (and b_ih, b_hh when
    /// <paramref name="has_biases"/>), in nn.GRU's order. Gives the output of the last layer and the final hidden state.
    /// </summary>
    public static unsafe (Tensor output, Tensor h_n) gru(Tensor input, Tensor hx, IReadOnlyList<Tensor> @params, bool has_biases, long num_layers,
        double dropout, bool train, bool bidirectional, bool batch_first)
    {
        var ps = autograd.Handles(@params);
        IntPtr output, h_n;
        fixed (IntPtr* p = ps)
            NativeError.Check(LibTorch.dn_gru(input.Handle, hx.Handle, p, ps.Length, has_biases ? 1 : 0, num_layers, dropout, train ? 1 : 0,
                bidirectional ? 1 : 0, batch_first ? 1 : 0, out output, out h_n));
        return (new Tensor(output), new Tensor(h_n));
    }

    /// <summary>A full-sequence LSTM (parameter list as in <see cref="gru"/>); gives the output, h_n and c_n.</summary>
    public static unsafe (Tensor output, Tensor h_n, Tensor c_n) lstm(Tensor input, (Tensor h_0, Tensor c_0) hx, IReadOnlyList<Tensor> @params,
        bool has_biases, long num_layers, double dropout, bool train, bool bidirectional, bool batch_first)
    {
        var ps = autograd.Handles(@params);
        IntPtr output, h_n, c_n;
        fixed (IntPtr* p = ps)
            NativeError.Check(LibTorch.dn_lstm(input.Handle, hx.h_0.Handle, hx.c_0.Handle, p, ps.Length, has_biases ? 1 : 0, num_layers, dropout,
                train ? 1 : 0, bidirectional ? 1 : 0, batch_first ? 1 : 0, out output, out h_n, out c_n));
        return (new Tensor(output), new Tensor(h_n), new Tensor(c_n));
    }

    /// <summary>One GRU step: the next hidden state.</summary>
    public static Tensor gru_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih = null, Tensor? b_hh = null) =>
        new(LibTorch.dn_gru_cell(input.Handle, hx.Handle, w_ih.Handle, w_hh.Handle, b_ih?.Handle ?? IntPtr.Zero, b_hh?.Handle ?? IntPtr.Zero));

    /// <summary>One LSTM step: the next hidden and cell states.</summary>
    public static (Tensor h, Tensor c) lstm_cell(Tensor input, (Tensor h, Tensor c) hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih = null,
        Tensor? b_hh = null)
    {
        NativeError.Check(LibTorch.dn_lstm_cell(input.Handle, hx.h.Handle, hx.c.Handle, w_ih.Handle, w_hh.Handle, b_ih?.Handle ?? IntPtr.Zero,
            b_hh?.Handle ?? IntPtr.Zero, out var h, out var c));
        return (new Tensor(h), new Tensor(c));
    }

    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Rows of <paramref name="weight"/> (num_embeddings, dim) at the integer <paramref name="input"/>; the row at
            /// <paramref name="padding_idx"/> (negative counts from the end) gets no gradient.
            /// </summary>
            public static Tensor embedding(Tensor input, Tensor weight, long? padding_idx = null, bool scale_grad_by_freq = false)
            {
                var padding = EmbeddingPadding(padding_idx, weight.size(0));
                return new Tensor(LibTorch.dn_embedding(weight.Handle, input.Handle, padding ?? -1, scale_grad_by_freq ? 1 : 0));
            }

            /// <summary>Resolves a negative padding index and checks its range, as nn.Embedding does.</summary>
            internal static long? EmbeddingPadding(long? padding_idx, long num_embeddings)
            {
                if (padding_idx is not { } p) return null;
                if (p >= num_embeddings || p < -num_embeddings)
                    throw new ArgumentOutOfRangeException(nameof(padding_idx), p, $"padding_idx must be within [-{num_embeddings}, {num_embeddings})");
                return p < 0 ? p + num_embeddings : p;
            }
        }
    }
}
