using System.Runtime.InteropServices;

namespace Dino.Repro.Torch.Native;

// P/Invoke declarations of lib/Native/src/nn_seq.cpp.
internal static unsafe partial class LibTorch
{
    [LibraryImport(Lib)] internal static partial IntPtr dn_embedding(IntPtr weight, IntPtr indices, long padding_idx, int scale_grad_by_freq);
    [LibraryImport(Lib)] internal static partial int dn_gru(IntPtr input, IntPtr hx, IntPtr* @params, int n, int has_biases, long num_layers, double dropout,
        int train, int bidirectional, int batch_first, out IntPtr output, out IntPtr h_n);
    [LibraryImport(Lib)] internal static partial int dn_lstm(IntPtr input, IntPtr h0, IntPtr c0, IntPtr* @params, int n, int has_biases, long num_layers,
        double dropout, int train, int bidirectional, int batch_first, out IntPtr output, out IntPtr h_n, out IntPtr c_n);
    [LibraryImport(Lib)] internal static partial IntPtr dn_gru_cell(IntPtr input, IntPtr hx, IntPtr w_ih, IntPtr w_hh, IntPtr b_ih, IntPtr b_hh);
    [LibraryImport(Lib)] internal static partial int dn_lstm_cell(IntPtr input, IntPtr hx, IntPtr cx, IntPtr w_ih, IntPtr w_hh, IntPtr b_ih, IntPtr b_hh,
        out IntPtr h, out IntPtr c);

    [LibraryImport(Lib)] internal static partial IntPtr dn_l1_loss(IntPtr input, IntPtr target, long reduction);
    [LibraryImport(Lib)] internal static partial IntPtr dn_mse_loss(IntPtr input, IntPtr target, long reduction);
    [LibraryImport(Lib)] internal static partial IntPtr dn_smooth_l1_loss(IntPtr input, IntPtr target, long reduction, double beta);
    [LibraryImport(Lib)] internal static partial IntPtr dn_binary_cross_entropy(IntPtr input, IntPtr target, IntPtr weight, long reduction);
    [LibraryImport(Lib)] internal static partial IntPtr dn_binary_cross_entropy_with_logits(IntPtr input, IntPtr target, IntPtr weight, IntPtr pos_weight, long reduction);
    [LibraryImport(Lib)] internal static partial IntPtr dn_cross_entropy(IntPtr input, IntPtr target, IntPtr weight, long reduction, long ignore_index, double label_smoothing);
    [LibraryImport(Lib)] internal static partial IntPtr dn_nll_loss(IntPtr input, IntPtr target, IntPtr weight, long reduction, long ignore_index);
    [LibraryImport(Lib)] internal static partial IntPtr dn_kl_div(IntPtr input, IntPtr target, long reduction, int log_target);
    [LibraryImport(Lib)] internal static partial IntPtr dn_ctc_loss(IntPtr log_probs, IntPtr targets, IntPtr input_lengths, IntPtr target_lengths, long blank,
        long reduction, int zero_infinity);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_stft(IntPtr input, long n_fft, long hop_length, int has_hop,
        long win_length, int has_win, IntPtr window, int center, string pad_mode, int normalized, int onesided);
    [LibraryImport(Lib)] internal static partial IntPtr dn_istft(IntPtr input, long n_fft, long hop_length, int has_hop, long win_length, int has_win,
        IntPtr window, int center, int normalized, int onesided, long length, int has_length, int return_complex);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_fft_fft(IntPtr input, long n, int has_n, long dim, string? norm);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_fft_ifft(IntPtr input, long n, int has_n, long dim, string? norm);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_fft_rfft(IntPtr input, long n, int has_n, long dim, string? norm);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr dn_fft_irfft(IntPtr input, long n, int has_n, long dim, string? norm);
    [LibraryImport(Lib)] internal static partial IntPtr dn_view_as_real(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr dn_view_as_complex(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr dn_hann_window(long length, int periodic, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial IntPtr dn_hamming_window(long length, int periodic, int dt, int dev, int di);
    [LibraryImport(Lib)] internal static partial IntPtr dn_blackman_window(long length, int periodic, int dt, int dev, int di);
}
