using Dino.Repro.Torch;

namespace Dino.Repro.Data.Synthetic;

/// <summary>An RGB colour with components in [0, 1].</summary>
public readonly record struct Rgb(double R, double G, double B)
{
    public Rgb Scale(double factor) => new(R * factor, G * factor, B * factor);

    /// <summary>ITU-R BT.601 luma, the grey level OpenCV's RGB→grey conversion gives.</summary>
    public double Luma => 0.299 * R + 0.587 * G + 0.114 * B;

    /// <summary>A fully saturated colour of hue <paramref name="hue"/> ∈ [0, 1) at value <paramref name="value"/> (HSV with S = 1).</summary>
    public static Rgb FromHue(double hue, double value = 1)
    {
        double Channel(double shift) => value * Math.Clamp(Math.Abs((hue * 6 + shift) % 6 - 3) - 1, 0, 1);
        return new Rgb(Channel(0), Channel(4), Channel(2));
    }
}

/// <summary>
/// A small float RGB canvas for the procedural video corpora: filled ellipses with anti-aliased edges (coverage from
/// the distance to the outline, so shapes moving by sub-pixel steps move smoothly), painted over one another.
/// </summary>
public sealed class SoftCanvas
{
    private readonly double[] pixels;

    public SoftCanvas(int width, int height, Rgb background)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        pixels = new double[width * height * 3];
        for (var i = 0; i < width * height; i++) Set(i, background, 1);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Paints an axis-aligned ellipse centred at (cx, cy) with half-axes (rx, ry), blended by <paramref name="opacity"/>.</summary>
    public void Ellipse(double cx, double cy, double rx, double ry, Rgb colour, double opacity = 1)
    {
        if (!(rx > 0 && ry > 0) || opacity <= 0) return;
        var x0 = Math.Max(0, (int)Math.Floor(cx - rx - 1));
        var x1 = Math.Min(Width - 1, (int)Math.Ceiling(cx + rx + 1));
        var y0 = Math.Max(0, (int)Math.Floor(cy - ry - 1));
        var y1 = Math.Min(Height - 1, (int)Math.Ceiling(cy + ry + 1));
        var minRadius = Math.Min(rx, ry);
        for (var y = y0; y <= y1; y++)
        for (var x = x0; x <= x1; x++)
        {
            double u = (x + 0.5 - cx) / rx, v = (y + 0.5 - cy) / ry;
            // Signed distance to the outline, approximated in units of the shorter half-axis.
            var distance = (Math.Sqrt(u * u + v * v) - 1) * minRadius;
            var coverage = Math.Clamp(0.5 - distance, 0, 1);
            if (coverage > 0) Set(y * Width + x, colour, coverage * opacity);
        }
    }

    /// <summary>The canvas as uint8 [H, W, 3].</summary>
    public Tensor ToTensor() => torch.tensor(ToBytes(), [Height, Width, 3]);

    public byte[] ToBytes() => pixels.Select(p => (byte)Math.Round(Math.Clamp(p, 0, 1) * 255)).ToArray();

    private void Set(int pixel, Rgb colour, double alpha)
    {
        var i = 3 * pixel;
        pixels[i] += alpha * (colour.R - pixels[i]);
        pixels[i + 1] += alpha * (colour.G - pixels[i + 1]);
        pixels[i + 2] += alpha * (colour.B - pixels[i + 2]);
    }
}
