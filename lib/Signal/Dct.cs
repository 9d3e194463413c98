namespace Dino.Repro.Signal;

/// <summary>
/// The DCT-II matrix torchaudio.functional.create_dct builds: D[n, k] = cos(π/N·(n + ½)·k) for n &lt; N mels, k &lt; K
/// coefficients; with norm "ortho" column 0 is scaled by 1/√2 and all by √(2/N) (an orthonormal DCT-II, scipy's
/// dct(type=2, norm="ortho")); without it every entry is doubled. Multiply [..., frames, N] by it to get [..., frames, K].
/// </summary>
public static class Dct
{
    public static double[,] TypeTwo(int coefficients, int length, bool ortho = true)
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(nameof(length), length, "the DCT needs at least one input");
        if (coefficients < 1 || coefficients > length)
            throw new ArgumentOutOfRangeException(nameof(coefficients), coefficients, $"the DCT gives 1..{length} coefficients");
        var matrix = new double[length, coefficients];
        for (var n = 0; n < length; n++)
        for (var k = 0; k < coefficients; k++)
        {
            var value = Math.Cos(Math.PI / length * (n + 0.5) * k);
            matrix[n, k] = ortho ? value * Math.Sqrt(2.0 / length) * (k == 0 ? 1 / Math.Sqrt(2.0) : 1) : 2 * value;
        }
        return matrix;
    }

    /// <summary>The matrix as a float32 tensor [length, coefficients].</summary>
    public static Tensor Create(int coefficients, int length, bool ortho = true) =>
        torch.tensor(TypeTwo(coefficients, length, ortho), ScalarType.Float32);
}
