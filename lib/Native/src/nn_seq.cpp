// Sequence layers (embedding, GRU/LSTM and their cells), losses and spectral ops (FFT, STFT, windows).
// Reductions cross as libtorch's at::Reduction codes: 0 none, 1 mean, 2 sum.
#include "shim.h"

using namespace dn;

namespace {
inline c10::optional<int64_t> optI(int64_t v, int has) { return has ? c10::optional<int64_t>(v) : c10::nullopt; }
// onesided crosses as -1 (libtorch's default for the input), 0 or 1.
inline c10::optional<bool> optB(int v) { return v < 0 ? c10::nullopt : c10::optional<bool>(v != 0); }
inline c10::optional<c10::string_view> optStr(const char* s) {
    return s == nullptr ? c10::nullopt : c10::optional<c10::string_view>(c10::string_view(s));
}
}  // namespace

// ---- embedding and recurrent layers -------------------------------------------------------------

// padding_idx = -1: none (the managed side resolves negative indices first).
DN_EXPORT TensorH dn_embedding(TensorH weight, TensorH indices, int64_t padding_idx, int scale_grad_by_freq) {
    return tensor_guard([&] { return at::embedding(T(weight), T(indices), padding_idx, scale_grad_by_freq != 0, false); });
}

// Full-sequence GRU over the flat parameter list (w_ih, w_hh[, b_ih, b_hh]) per layer and direction.
DN_EXPORT int dn_gru(TensorH input, TensorH hx, const TensorH* params, int n, int has_biases, int64_t num_layers, double dropout,
                     int train, int bidirectional, int batch_first, TensorH* output, TensorH* h_n) {
    return void_guard([&] {
        auto r = at::gru(T(input), T(hx), tensors(params, n), has_biases != 0, num_layers, dropout, train != 0,
                         bidirectional != 0, batch_first != 0);
        *output = new at::Tensor(std::get<0>(r));
        *h_n = new at::Tensor(std::get<1>(r));
    });
}

DN_EXPORT int dn_lstm(TensorH input, TensorH h0, TensorH c0, const TensorH* params, int n, int has_biases, int64_t num_layers,
                      double dropout, int train, int bidirectional, int batch_first, TensorH* output, TensorH* h_n, TensorH* c_n) {
    return void_guard([&] {
        auto r = at::lstm(T(input), {T(h0), T(c0)}, tensors(params, n), has_biases != 0, num_layers, dropout, train != 0,
                          bidirectional != 0, batch_first != 0);
        *output = new at::Tensor(std::get<0>(r));
        *h_n = new at::Tensor(std::get<1>(r));
        *c_n = new at::Tensor(std::get<2>(r));
    });
}

// Biases may be null (bias=False).
DN_EXPORT TensorH dn_gru_cell(TensorH input, TensorH hx, TensorH w_ih, TensorH w_hh, TensorH b_ih, TensorH b_hh) {
    return tensor_guard([&] { return at::gru_cell(T(input), T(hx), T(w_ih), T(w_hh), opt(b_ih), opt(b_hh)); });
}

DN_EXPORT int dn_lstm_cell(TensorH input, TensorH hx, TensorH cx, TensorH w_ih, TensorH w_hh, TensorH b_ih, TensorH b_hh,
                           TensorH* h, TensorH* c) {
    return void_guard([&] {
        auto r = at::lstm_cell(T(input), {T(hx), T(cx)}, T(w_ih), T(w_hh), opt(b_ih), opt(b_hh));
        *h = new at::Tensor(std::get<0>(r));
        *c = new at::Tensor(std::get<1>(r));
    });
}

// ---- losses -------------------------------------------------------------------------------------

DN_EXPORT TensorH dn_l1_loss(TensorH input, TensorH target, int64_t reduction) {
    return tensor_guard([&] { return at::l1_loss(T(input), T(target), reduction); });
}
DN_EXPORT TensorH dn_mse_loss(TensorH input, TensorH target, int64_t reduction) {
    return tensor_guard([&] { return at::mse_loss(T(input), T(target), reduction); });
}
DN_EXPORT TensorH dn_smooth_l1_loss(TensorH input, TensorH target, int64_t reduction, double beta) {
    return tensor_guard([&] { return at::smooth_l1_loss(T(input), T(target), reduction, beta); });
}
DN_EXPORT TensorH dn_binary_cross_entropy(TensorH input, TensorH target, TensorH weight, int64_t reduction) {
    return tensor_guard([&] { return at::binary_cross_entropy(T(input), T(target), opt(weight), reduction); });
}
DN_EXPORT TensorH dn_binary_cross_entropy_with_logits(TensorH input, TensorH target, TensorH weight, TensorH pos_weight,
                                                      int64_t reduction) {
    return tensor_guard([&] {
        return at::binary_cross_entropy_with_logits(T(input), T(target), opt(weight), opt(pos_weight), reduction);
    });
}
// Class-index targets (int64) or class-probability targets (floating, same shape as input).
DN_EXPORT TensorH dn_cross_entropy(TensorH input, TensorH target, TensorH weight, int64_t reduction, int64_t ignore_index,
                                   double label_smoothing) {
    return tensor_guard([&] {
        return at::cross_entropy_loss(T(input), T(target), opt(weight), reduction, ignore_index, label_smoothing);
    });
}
// nll_loss_nd accepts (N, C), (C) and (N, C, d1, ...) as F.nll_loss does.
DN_EXPORT TensorH dn_nll_loss(TensorH input, TensorH target, TensorH weight, int64_t reduction, int64_t ignore_index) {
    return tensor_guard([&] { return at::nll_loss_nd(T(input), T(target), opt(weight), reduction, ignore_index); });
}
DN_EXPORT TensorH dn_kl_div(TensorH input, TensorH target, int64_t reduction, int log_target) {
    return tensor_guard([&] { return at::kl_div(T(input), T(target), reduction, log_target != 0); });
}
// Lengths are int64 tensors of shape (N); targets padded (N, S) or concatenated (sum(target_lengths)).
DN_EXPORT TensorH dn_ctc_loss(TensorH log_probs, TensorH targets, TensorH input_lengths, TensorH target_lengths, int64_t blank,
                              int64_t reduction, int zero_infinity) {
    return tensor_guard([&] {
        return at::ctc_loss(T(log_probs), T(targets), T(input_lengths), T(target_lengths), blank, reduction, zero_infinity != 0);
    });
}

// ---- spectral -----------------------------------------------------------------------------------

// Always complex-valued: the managed side takes view_as_real when real pairs are wanted.
DN_EXPORT TensorH dn_stft(TensorH input, int64_t n_fft, int64_t hop_length, int has_hop, int64_t win_length, int has_win,
                          TensorH window, int center, const char* pad_mode, int normalized, int onesided) {
    return tensor_guard([&] {
        return at::stft(T(input), n_fft, optI(hop_length, has_hop), optI(win_length, has_win), opt(window), center != 0,
                        c10::string_view(pad_mode), normalized != 0, optB(onesided), true);
    });
}
DN_EXPORT TensorH dn_istft(TensorH input, int64_t n_fft, int64_t hop_length, int has_hop, int64_t win_length, int has_win,
                           TensorH window, int center, int normalized, int onesided, int64_t length, int has_length,
                           int return_complex) {
    return tensor_guard([&] {
        return at::istft(T(input), n_fft, optI(hop_length, has_hop), optI(win_length, has_win), opt(window), center != 0,
                         normalized != 0, optB(onesided), optI(length, has_length), return_complex != 0);
    });
}

// norm: nullptr (= "backward"), "backward", "forward" or "ortho"; n is the signal length when has_n.
#define DN_FFT(name)                                                                                   \
    DN_EXPORT TensorH dn_##name(TensorH input, int64_t n, int has_n, int64_t dim, const char* norm) { \
        return tensor_guard([&] { return at::name(T(input), optI(n, has_n), dim, optStr(norm)); });   \
    }
DN_FFT(fft_fft)
DN_FFT(fft_ifft)
DN_FFT(fft_rfft)
DN_FFT(fft_irfft)
#undef DN_FFT

DN_EXPORT TensorH dn_view_as_real(TensorH a) { return tensor_guard([&] { return at::view_as_real(T(a)); }); }
DN_EXPORT TensorH dn_view_as_complex(TensorH a) { return tensor_guard([&] { return at::view_as_complex(T(a)); }); }

#define DN_WINDOW(name)                                                                                        \
    DN_EXPORT TensorH dn_##name(int64_t length, int periodic, int dt, int dev, int di) {                     \
        return tensor_guard([&] { return at::name(length, periodic != 0, options(dt, dev, di)); });          \
    }
DN_WINDOW(hann_window)
DN_WINDOW(hamming_window)
DN_WINDOW(blackman_window)
#undef DN_WINDOW
