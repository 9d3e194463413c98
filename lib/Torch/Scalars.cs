using System.Collections.Concurrent;

namespace Dino.Repro.Torch;

/// <summary>
/// Scalars the process holds for its whole life. TorchSharp hands libtorch a Scalar's raw handle and keeps no reference
/// to the Scalar during the call, so a temporary one (<c>x.sub(1.0)</c>, <c>x * 2</c>) can be finalised by a garbage
/// collection on another thread while libtorch still reads it ("Unknown scalar type" from <c>at::native::sub</c>, or
/// worse). Constants and option values come from here instead; a value that changes every step (a schedule, a running
/// balance) is held in a <c>using Scalar</c> local around the call. The architecture tests find every temporary.
/// </summary>
public static class Scalars
{
    private static readonly ConcurrentDictionary<long, Scalar> Reals = new();
    private static readonly ConcurrentDictionary<long, Scalar> Integers = new();

    /// <summary>A float64 Scalar, as <c>(Scalar)value</c> makes it; keyed by bits, so -0.0 stays -0.0.</summary>
    public static Scalar Of(double value) =>
        Reals.GetOrAdd(BitConverter.DoubleToInt64Bits(value), bits => BitConverter.Int64BitsToDouble(bits).ToScalar());

    /// <summary>An integer Scalar, as <c>(Scalar)value</c> makes it: an integer tensor stays integer.</summary>
    public static Scalar Of(long value) => Integers.GetOrAdd(value, v => v.ToScalar());
}
