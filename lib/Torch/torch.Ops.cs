using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

// Functions of several tensors, spelled as PyTorch's top-level torch.* functions.
public static partial class torch
{
    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var hs = autograd.Handles(tensors);
        fixed (IntPtr* p = hs) return new Tensor(LibTorch.dn_cat(p, hs.Length, dim));
    }

    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var hs = autograd.Handles(tensors);
        fixed (IntPtr* p = hs) return new Tensor(LibTorch.dn_stack(p, hs.Length, dim));
    }

    public static unsafe Tensor einsum(string equation, params Tensor[] operands)
    {
        var hs = autograd.Handles(operands);
        fixed (IntPtr* p = hs) return new Tensor(LibTorch.dn_einsum(equation, p, hs.Length));
    }

    public static Tensor where(Tensor condition, Tensor input, Tensor other) =>
        new(LibTorch.dn_where(condition.Handle, input.Handle, other.Handle));

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor addmm(Tensor bias, Tensor mat1, Tensor mat2, double beta = 1, double alpha = 1) =>
        new(LibTorch.dn_addmm(bias.Handle, mat1.Handle, mat2.Handle, beta, alpha));
    public static Tensor clamp(Tensor input, double? min = null, double? max = null) => input.clamp(min, max);
    public static Tensor exp(Tensor input) => input.exp();
    public static Tensor log(Tensor input) => input.log();
    public static Tensor sqrt(Tensor input) => input.sqrt();
    public static Tensor abs(Tensor input) => input.abs();
    public static Tensor tanh(Tensor input) => input.tanh();
    public static Tensor sigmoid(Tensor input) => input.sigmoid();
    public static Tensor pow(Tensor input, double exponent) => input.pow(exponent);
    public static Tensor sum(Tensor input) => input.sum();
    public static Tensor mean(Tensor input) => input.mean();
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor flatten(Tensor input, long start_dim = 0, long end_dim = -1) => input.flatten(start_dim, end_dim);
    public static Tensor[] split(Tensor input, long split_size, long dim = 0) => input.split(split_size, dim);
    public static Tensor[] chunk(Tensor input, long chunks, long dim = 0) => input.chunk(chunks, dim);
    public static Tensor flip(Tensor input, params long[] dims) => input.flip(dims);
    public static Tensor roll(Tensor input, long shift, long dim) => input.roll(shift, dim);
    public static Tensor narrow(Tensor input, long dim, long start, long length) => input.narrow(dim, start, length);
    public static Tensor gather(Tensor input, long dim, Tensor index) => input.gather(dim, index);
    public static Tensor index_select(Tensor input, long dim, Tensor index) => input.index_select(dim, index);
    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);
    public static bool equal(Tensor a, Tensor b) => a.equal(b);

    public static class linalg
    {
        public static Tensor svdvals(Tensor a) => new(LibTorch.dn_svdvals(a.Handle));
        public static Tensor inv(Tensor a) => new(LibTorch.dn_linalg_inv(a.Handle));
        public static (Tensor eigenvalues, Tensor eigenvectors) eigh(Tensor a)
        {
            NativeError.Check(LibTorch.dn_linalg_eigh(a.Handle, out var values, out var vectors));
            return (new Tensor(values), new Tensor(vectors));
        }
        public static Tensor vector_norm(Tensor a, double ord = 2, long[]? dim = null, bool keepdim = false) => a.norm(ord, dim, keepdim);
    }
}
