using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

// Element-wise arithmetic, comparisons and math functions, named as in PyTorch.
public partial class Tensor
{

    // An integral alpha crosses as an integer, as Python's default alpha=1 does: libtorch rejects a floating
    // alpha for integer tensors.
    private static int AlphaIsInt(double alpha) => alpha == Math.Floor(alpha) && Math.Abs(alpha) < 1e15 ? 1 : 0;

    public Tensor add(Tensor other, double alpha = 1) => new(LibTorch.dn_add(Handle, other.Handle, alpha, AlphaIsInt(alpha)));
    public Tensor add(Tensor other, long alpha) => new(LibTorch.dn_add(Handle, other.Handle, alpha, 1));
    public Tensor add(double other) => new(LibTorch.dn_add_s(Handle, other, 0));
    public Tensor add(long other) => new(LibTorch.dn_add_s(Handle, other, 1));
    public Tensor sub(Tensor other, double alpha = 1) => new(LibTorch.dn_sub(Handle, other.Handle, alpha, AlphaIsInt(alpha)));
    public Tensor sub(double other) => new(LibTorch.dn_sub_s(Handle, other, 0));
    public Tensor sub(long other) => new(LibTorch.dn_sub_s(Handle, other, 1));
    public Tensor mul(Tensor other) => new(LibTorch.dn_mul(Handle, other.Handle));
    public Tensor mul(double other) => new(LibTorch.dn_mul_s(Handle, other, 0));
    public Tensor mul(long other) => new(LibTorch.dn_mul_s(Handle, other, 1));
    public Tensor div(Tensor other) => new(LibTorch.dn_div(Handle, other.Handle));
    public Tensor div(double other) => new(LibTorch.dn_div_s(Handle, other, 0));
    public Tensor div(long other) => new(LibTorch.dn_div_s(Handle, other, 1));

    /// <summary>Division with rounding_mode "trunc" or "floor" (PyTorch's <c>div(..., rounding_mode=)</c>).</summary>
    public Tensor div(Tensor other, string rounding_mode) => new(LibTorch.dn_div_mode(Handle, other.Handle, rounding_mode));

    public Tensor pow(Tensor exponent) => new(LibTorch.dn_pow(Handle, exponent.Handle));
    public Tensor pow(double exponent) => new(LibTorch.dn_pow_s(Handle, exponent, 0));
    public Tensor pow(long exponent) => new(LibTorch.dn_pow_s(Handle, exponent, 1));
    public Tensor fmod(Tensor other) => new(LibTorch.dn_fmod(Handle, other.Handle));
    public Tensor fmod(double other) => new(LibTorch.dn_fmod_s(Handle, other, 0));
    public Tensor remainder(Tensor other) => new(LibTorch.dn_remainder(Handle, other.Handle));
    public Tensor remainder(double other) => new(LibTorch.dn_remainder_s(Handle, other, 0));
    public Tensor atan2(Tensor other) => new(LibTorch.dn_atan2(Handle, other.Handle));
    public Tensor maximum(Tensor other) => new(LibTorch.dn_maximum(Handle, other.Handle));
    public Tensor minimum(Tensor other) => new(LibTorch.dn_minimum(Handle, other.Handle));
    public Tensor matmul(Tensor other) => new(LibTorch.dn_matmul(Handle, other.Handle));
    public Tensor mm(Tensor other) => new(LibTorch.dn_mm(Handle, other.Handle));
    public Tensor bmm(Tensor other) => new(LibTorch.dn_bmm(Handle, other.Handle));
    public Tensor dot(Tensor other) => new(LibTorch.dn_dot(Handle, other.Handle));
    public Tensor outer(Tensor other) => new(LibTorch.dn_outer(Handle, other.Handle));
    public Tensor logical_and(Tensor other) => new(LibTorch.dn_logical_and(Handle, other.Handle));
    public Tensor logical_or(Tensor other) => new(LibTorch.dn_logical_or(Handle, other.Handle));
    public Tensor logical_xor(Tensor other) => new(LibTorch.dn_logical_xor(Handle, other.Handle));
    public Tensor logical_not() => new(LibTorch.dn_logical_not(Handle));
    public Tensor bitwise_and(Tensor other) => new(LibTorch.dn_bitwise_and(Handle, other.Handle));
    public Tensor bitwise_or(Tensor other) => new(LibTorch.dn_bitwise_or(Handle, other.Handle));
    public Tensor bitwise_xor(Tensor other) => new(LibTorch.dn_bitwise_xor(Handle, other.Handle));
    public Tensor bitwise_not() => new(LibTorch.dn_bitwise_not(Handle));

    // ---- comparisons (element-wise, giving bool tensors) -----------------------------------------

    public Tensor eq(Tensor other) => new(LibTorch.dn_eq(Handle, other.Handle));
    public Tensor ne(Tensor other) => new(LibTorch.dn_ne(Handle, other.Handle));
    public Tensor lt(Tensor other) => new(LibTorch.dn_lt(Handle, other.Handle));
    public Tensor le(Tensor other) => new(LibTorch.dn_le(Handle, other.Handle));
    public Tensor gt(Tensor other) => new(LibTorch.dn_gt(Handle, other.Handle));
    public Tensor ge(Tensor other) => new(LibTorch.dn_ge(Handle, other.Handle));
    public Tensor eq(double other) => new(LibTorch.dn_eq_s(Handle, other, 0));
    public Tensor ne(double other) => new(LibTorch.dn_ne_s(Handle, other, 0));
    public Tensor lt(double other) => new(LibTorch.dn_lt_s(Handle, other, 0));
    public Tensor le(double other) => new(LibTorch.dn_le_s(Handle, other, 0));
    public Tensor gt(double other) => new(LibTorch.dn_gt_s(Handle, other, 0));
    public Tensor ge(double other) => new(LibTorch.dn_ge_s(Handle, other, 0));

    /// <summary>True when both have the same shape and values.</summary>
    public bool equal(Tensor other) => NativeError.CheckValue(LibTorch.dn_equal(Handle, other.Handle), -1) == 1;

    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equal_nan = false) =>
        NativeError.CheckValue(LibTorch.dn_allclose(Handle, other.Handle, rtol, atol, equal_nan ? 1 : 0), -1) == 1;

    public Tensor clamp(double? min = null, double? max = null) =>
        new(LibTorch.dn_clamp(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0, 0));
    public Tensor clamp(Tensor? min, Tensor? max) => new(LibTorch.dn_clamp_t(Handle, min?.Handle ?? IntPtr.Zero, max?.Handle ?? IntPtr.Zero));
    public Tensor clip(double? min = null, double? max = null) => clamp(min, max);

    // ---- unary math ------------------------------------------------------------------------------

    public Tensor neg() => new(LibTorch.dn_neg(Handle));
    public Tensor abs() => new(LibTorch.dn_abs(Handle));
    public Tensor sign() => new(LibTorch.dn_sign(Handle));
    public Tensor exp() => new(LibTorch.dn_exp(Handle));
    public Tensor exp2() => new(LibTorch.dn_exp2(Handle));
    public Tensor expm1() => new(LibTorch.dn_expm1(Handle));
    public Tensor log() => new(LibTorch.dn_log(Handle));
    public Tensor log2() => new(LibTorch.dn_log2(Handle));
    public Tensor log10() => new(LibTorch.dn_log10(Handle));
    public Tensor log1p() => new(LibTorch.dn_log1p(Handle));
    public Tensor sqrt() => new(LibTorch.dn_sqrt(Handle));
    public Tensor rsqrt() => new(LibTorch.dn_rsqrt(Handle));
    public Tensor square() => new(LibTorch.dn_square(Handle));
    public Tensor reciprocal() => new(LibTorch.dn_reciprocal(Handle));
    public Tensor sin() => new(LibTorch.dn_sin(Handle));
    public Tensor cos() => new(LibTorch.dn_cos(Handle));
    public Tensor tan() => new(LibTorch.dn_tan(Handle));
    public Tensor asin() => new(LibTorch.dn_asin(Handle));
    public Tensor acos() => new(LibTorch.dn_acos(Handle));
    public Tensor atan() => new(LibTorch.dn_atan(Handle));
    public Tensor sinh() => new(LibTorch.dn_sinh(Handle));
    public Tensor cosh() => new(LibTorch.dn_cosh(Handle));
    public Tensor tanh() => new(LibTorch.dn_tanh(Handle));
    public Tensor sigmoid() => new(LibTorch.dn_sigmoid(Handle));
    public Tensor relu() => new(LibTorch.dn_relu(Handle));
    public Tensor erf() => new(LibTorch.dn_erf(Handle));
    public Tensor floor() => new(LibTorch.dn_floor(Handle));
    public Tensor ceil() => new(LibTorch.dn_ceil(Handle));
    public Tensor round() => new(LibTorch.dn_round(Handle));
    public Tensor trunc() => new(LibTorch.dn_trunc(Handle));
    public Tensor frac() => new(LibTorch.dn_frac(Handle));
    public Tensor isnan() => new(LibTorch.dn_isnan(Handle));
    public Tensor isinf() => new(LibTorch.dn_isinf(Handle));
    public Tensor isfinite() => new(LibTorch.dn_isfinite(Handle));
    public Tensor signbit() => new(LibTorch.dn_signbit(Handle));
    public Tensor clone() => new(LibTorch.dn_clone(Handle));

    // ---- in place (trailing underscore, as in PyTorch); each returns this ------------------------

    private Tensor InPlace(int status)
    {
        NativeError.Check(status);
        return this;
    }

    public Tensor add_(Tensor other, double alpha = 1) => InPlace(LibTorch.dn_add_(Handle, other.Handle, alpha));
    public Tensor add_(double other) => InPlace(LibTorch.dn_add_s_(Handle, other));
    public Tensor sub_(Tensor other, double alpha = 1) => InPlace(LibTorch.dn_sub_(Handle, other.Handle, alpha));
    public Tensor mul_(Tensor other) => InPlace(LibTorch.dn_mul_(Handle, other.Handle));
    public Tensor mul_(double other) => InPlace(LibTorch.dn_mul_s_(Handle, other));
    public Tensor div_(Tensor other) => InPlace(LibTorch.dn_div_(Handle, other.Handle));
    public Tensor div_(double other) => InPlace(LibTorch.dn_div_s_(Handle, other));
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, double value = 1) => InPlace(LibTorch.dn_addcmul_(Handle, tensor1.Handle, tensor2.Handle, value));
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, double value = 1) => InPlace(LibTorch.dn_addcdiv_(Handle, tensor1.Handle, tensor2.Handle, value));
    public Tensor lerp_(Tensor end, double weight) => InPlace(LibTorch.dn_lerp_(Handle, end.Handle, weight));
    public Tensor copy_(Tensor source) => InPlace(LibTorch.dn_copy_(Handle, source.Handle));
    public Tensor fill_(double value) => InPlace(LibTorch.dn_fill_(Handle, value));
    public Tensor zero_() => InPlace(LibTorch.dn_zero_(Handle));
    public Tensor clamp_(double? min = null, double? max = null) =>
        InPlace(LibTorch.dn_clamp_(Handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));
    public Tensor masked_fill_(Tensor mask, double value) => InPlace(LibTorch.dn_masked_fill_(Handle, mask.Handle, value));
    public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null) =>
        InPlace(LibTorch.dn_normal_(Handle, mean, std, generator?.Handle ?? IntPtr.Zero));
    public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null) =>
        InPlace(LibTorch.dn_uniform_(Handle, from, to, generator?.Handle ?? IntPtr.Zero));
    public Tensor bernoulli_(double p = 0.5, Generator? generator = null) =>
        InPlace(LibTorch.dn_bernoulli_(Handle, p, generator?.Handle ?? IntPtr.Zero));
    public Tensor sqrt_() => InPlace(LibTorch.dn_sqrt_(Handle));
    public Tensor exp_() => InPlace(LibTorch.dn_exp_(Handle));
    public Tensor neg_() => InPlace(LibTorch.dn_neg_(Handle));
    public Tensor relu_() => InPlace(LibTorch.dn_relu_(Handle));
    public Tensor sigmoid_() => InPlace(LibTorch.dn_sigmoid_(Handle));
    public Tensor tanh_() => InPlace(LibTorch.dn_tanh_(Handle));

    // ---- operators -------------------------------------------------------------------------------

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, double b) => a.add(b);
    public static Tensor operator +(double a, Tensor b) => b.add(a);
    public static Tensor operator +(Tensor a, long b) => a.add(b);
    public static Tensor operator +(long a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, double b) => a.sub(b);
    public static Tensor operator -(double a, Tensor b) => new(LibTorch.dn_rsub_s(b.Handle, a, 0));
    public static Tensor operator -(Tensor a, long b) => a.sub(b);
    public static Tensor operator -(long a, Tensor b) => new(LibTorch.dn_rsub_s(b.Handle, a, 1));
    public static Tensor operator -(Tensor a) => a.neg();
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, double b) => a.mul(b);
    public static Tensor operator *(double a, Tensor b) => b.mul(a);
    public static Tensor operator *(Tensor a, long b) => a.mul(b);
    public static Tensor operator *(long a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, double b) => a.div(b);
    public static Tensor operator /(double a, Tensor b) => new(LibTorch.dn_rdiv_s(b.Handle, a, 0));
    public static Tensor operator /(Tensor a, long b) => a.div(b);
    public static Tensor operator %(Tensor a, Tensor b) => a.remainder(b);
    public static Tensor operator %(Tensor a, double b) => a.remainder(b);
    public static Tensor operator <(Tensor a, Tensor b) => a.lt(b);
    public static Tensor operator >(Tensor a, Tensor b) => a.gt(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.le(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.ge(b);
    public static Tensor operator <(Tensor a, double b) => a.lt(b);
    public static Tensor operator >(Tensor a, double b) => a.gt(b);
    public static Tensor operator <=(Tensor a, double b) => a.le(b);
    public static Tensor operator >=(Tensor a, double b) => a.ge(b);
    public static Tensor operator &(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_and(b) : a.bitwise_and(b);
    public static Tensor operator |(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_or(b) : a.bitwise_or(b);
    public static Tensor operator ^(Tensor a, Tensor b) => a.dtype == ScalarType.Bool ? a.logical_xor(b) : a.bitwise_xor(b);
    public static Tensor operator ~(Tensor a) => a.dtype == ScalarType.Bool ? a.logical_not() : a.bitwise_not();
}
