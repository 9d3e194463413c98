namespace Dino.Repro.Torch;

/// <summary>
/// The few TorchSharp 0.107 entry points the kit uses whose native side has no exception guard (THSTensor_matmul,
/// THSGenerator_set_rng_state): a libtorch error there terminates the process instead of becoming an exception. These
/// wrappers check what libtorch would check first and throw <see cref="ArgumentException"/> with its wording.
/// (Found by reading TorchSharp 0.107's LibTorchSharp sources: of the tensor entry points only matmul lacks the guard.)
/// </summary>
public static class GuardedOps
{
    /// <summary>torch.matmul with its shape rules checked first (1-D operands, the inner dimension, broadcast batch dims).</summary>
    public static Tensor MatMul(this Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.dim() == 0 || b.dim() == 0)
            throw new ArgumentException($"both arguments to matmul need to be at least 1D, but they are {a.dim()}D and {b.dim()}D");
        var inner = a.size(-1);
        var other = b.dim() == 1 ? b.size(0) : b.size(-2);
        if (inner != other)
            throw new ArgumentException(
                a.dim() <= 2 && b.dim() <= 2
                    ? $"mat1 and mat2 shapes cannot be multiplied ({Shape(a)} and {Shape(b)})"
                    : $"matmul: the last dimension of [{Shape(a)}] ({inner}) must match the {(b.dim() == 1 ? "size" : "second-to-last dimension")} "
                        + $"of [{Shape(b)}] ({other})"
            );
        var batchA = a.dim() > 2 ? a.shape[..^2] : [];
        var batchB = b.dim() > 2 ? b.shape[..^2] : [];
        for (int i = 1; i <= Math.Min(batchA.Length, batchB.Length); i++)
        {
            long x = batchA[^i],
                y = batchB[^i];
            if (x != y && x != 1 && y != 1)
                throw new ArgumentException($"matmul: batch dimensions of [{Shape(a)}] and [{Shape(b)}] do not broadcast");
        }
        return a.matmul(b);
    }

    /// <summary>torch.set_rng_state, refusing a state that is not a CPU generator's (uint8, the current state's length).</summary>
    public static void SetRngState(Tensor state)
    {
        using var current = torch.get_rng_state();
        CheckState(state, current, "the default generator");
        torch.set_rng_state(state);
    }

    /// <summary>generator.set_state, refusing a state that is not this generator's kind (uint8, the current state's length).</summary>
    public static void SetStateChecked(this Generator generator, Tensor state)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var current = generator.get_state();
        CheckState(state, current, "a generator");
        generator.set_state(state);
    }

    private static void CheckState(Tensor state, Tensor current, string what)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.dtype != ScalarType.Byte || state.dim() != 1 || state.numel() != current.numel() || state.device_type != DeviceType.CPU)
            throw new ArgumentException(
                $"RNG state for {what} must be a CPU torch.uint8 tensor of {current.numel()} bytes, got {state.dtype.TorchName()} "
                    + $"[{string.Join(", ", state.shape)}] on {state.device}"
            );
    }

    private static string Shape(Tensor t) => string.Join("x", t.shape);
}
