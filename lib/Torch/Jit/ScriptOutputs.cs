namespace Dino.Repro.Torch.Jit;

/// <summary>TorchSharp returns a TorchScript result as a Tensor, a value tuple of up to five tensors or a Tensor[]: one shape here.</summary>
public static class ScriptOutputs
{
    /// <summary>The tensors of <paramref name="result"/>, in order; anything else (scalars, None) is an <see cref="InvalidDataException"/>.</summary>
    public static Tensor[] Tensors(object? result, string source) =>
        result switch
        {
            Tensor t => [t],
            Tensor[] ts => ts,
            ValueTuple<Tensor, Tensor>(var a, var b) => [a, b],
            ValueTuple<Tensor, Tensor, Tensor>(var a, var b, var c) => [a, b, c],
            ValueTuple<Tensor, Tensor, Tensor, Tensor>(var a, var b, var c, var d) => [a, b, c, d],
            ValueTuple<Tensor, Tensor, Tensor, Tensor, Tensor>(var a, var b, var c, var d, var e) => [a, b, c, d, e],
            null => throw new InvalidDataException($"{source}: forward returned None, not tensors"),
            _ => throw new InvalidDataException($"{source}: forward returned a {result.GetType().Name}, not tensors"),
        };

    /// <summary>The single tensor <paramref name="result"/> holds.</summary>
    public static Tensor Single(object? result, string source)
    {
        var tensors = Tensors(result, source);
        if (tensors.Length == 1)
            return tensors[0];
        foreach (var t in tensors)
            t.Dispose();
        throw new InvalidDataException($"{source}: forward returned {tensors.Length} tensors, expected one");
    }
}
