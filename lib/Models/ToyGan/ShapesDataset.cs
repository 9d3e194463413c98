namespace Dino.Repro.Models.ToyGan;

/// <summary>
/// The toy GAN's embedded data set: 16×16 RGB images, each one saturated square or disc (side 4–8 pixels) at a
/// random place on a black background, values in [-1, 1]. Drawn from a seeded System.Random: the same seed gives
/// the same images on every machine, and nothing is downloaded.
/// </summary>
public static class ShapesDataset
{
    public const int Size = 16;
    public const int Channels = 3;

    // Saturated colours: a shape's pixels are +1 in the lit channels, -1 elsewhere.
    private static readonly (bool r, bool g, bool b)[] Palette =
    {
        (true, false, false),
        (false, true, false),
        (false, false, true),
        (true, true, false),
        (false, true, true),
        (true, false, true),
        (true, true, true),
    };

    /// <summary>[count, 3, 16, 16] float32.</summary>
    public static Tensor Generate(int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new Random((int)(seed % int.MaxValue));
        var pixels = new float[(long)count * Channels * Size * Size];
        Array.Fill(pixels, -1f);
        for (var n = 0; n < count; n++)
        {
            var side = random.Next(4, 9);
            var top = random.Next(0, Size - side + 1);
            var left = random.Next(0, Size - side + 1);
            var disc = random.Next(2) == 1;
            var colour = Palette[random.Next(Palette.Length)];
            var lit = new[] { colour.r, colour.g, colour.b };
            var centre = (side - 1) / 2.0;
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    if (disc && Math.Pow(y - centre, 2) + Math.Pow(x - centre, 2) > Math.Pow(side / 2.0, 2))
                        continue;
                    for (var c = 0; c < Channels; c++)
                    {
                        if (lit[c])
                            pixels[(((long)n * Channels + c) * Size + top + y) * Size + left + x] = 1f;
                    }
                }
            }
        }
        return torch.tensor(pixels, new long[] { count, Channels, Size, Size });
    }
}
