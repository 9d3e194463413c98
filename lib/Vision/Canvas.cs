namespace Dino.Repro.Vision;

/// <summary>
/// A small RGB raster for procedurally drawn images (synthetic faces, clips, figures in tests) without OpenCV: filled
/// ellipses and rectangles whose edges are anti-aliased over about one pixel, so a shape that moves by a fraction of
/// a pixel changes the image smoothly. Pixels accumulate in floating point and are rounded to 8 bits only when read,
/// so many translucent layers do not pile up rounding errors. Coordinates are in pixels with pixel centres at
/// integer + 0.5.
/// </summary>
public sealed class Canvas
{
    private readonly double[] pixels;

    public Canvas(int width, int height, Rgb background)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        pixels = new double[width * height * 3];
        Fill(background);
    }

    /// <summary>A copy of <paramref name="source"/> to draw on (a static backdrop under moving shapes).</summary>
    public Canvas(Canvas source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Width = source.Width;
        Height = source.Height;
        pixels = (double[])source.pixels.Clone();
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Sets one pixel (a texture drawn point by point).</summary>
    public void Set(int x, int y, Rgb colour)
    {
        var i = Index(x, y);
        (pixels[i], pixels[i + 1], pixels[i + 2]) = (colour.R, colour.G, colour.B);
    }

    public Rgb this[int x, int y]
    {
        get
        {
            var i = Index(x, y);
            return new Rgb(Rgb.ToByte(pixels[i]), Rgb.ToByte(pixels[i + 1]), Rgb.ToByte(pixels[i + 2]));
        }
    }

    public void Fill(Rgb colour)
    {
        for (var i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = colour.R;
            pixels[i + 1] = colour.G;
            pixels[i + 2] = colour.B;
        }
    }

    /// <summary>
    /// An axis-aligned ellipse with centre (<paramref name="cx"/>, <paramref name="cy"/>) and semi-axes <paramref name="rx"/>, <paramref name="ry"/>.
    /// </summary>
    public void FillEllipse(double cx, double cy, double rx, double ry, Rgb colour, double opacity = 1)
    {
        if (!(rx > 0 && ry > 0))
            return;
        Paint(cx - rx, cy - ry, cx + rx, cy + ry, colour, opacity, (x, y) => EdgeDistance((x - cx) / rx, (y - cy) / ry, rx, ry));
    }

    /// <summary>
    /// The ellipse of <see cref="FillEllipse"/> turned by <paramref name="angle"/> radians (clockwise on screen, y down) about
    /// its centre; an angle of 0 draws exactly what <see cref="FillEllipse"/> draws.
    /// </summary>
    public void FillRotatedEllipse(double cx, double cy, double rx, double ry, double angle, Rgb colour, double opacity = 1)
    {
        if (angle == 0)
        {
            FillEllipse(cx, cy, rx, ry, colour, opacity);
            return;
        }
        if (!(rx > 0 && ry > 0))
            return;
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        var halfWidth = Math.Sqrt(rx * rx * cos * cos + ry * ry * sin * sin);
        var halfHeight = Math.Sqrt(rx * rx * sin * sin + ry * ry * cos * cos);
        Paint(
            cx - halfWidth,
            cy - halfHeight,
            cx + halfWidth,
            cy + halfHeight,
            colour,
            opacity,
            (x, y) =>
                // The point in the ellipse's own axes.
                EdgeDistance(((x - cx) * cos + (y - cy) * sin) / rx, (-(x - cx) * sin + (y - cy) * cos) / ry, rx, ry)
        );
    }

    // Signed distance to the edge of an ellipse with semi-axes rx, ry from a point (dx, dy) in units of those semi-axes,
    // approximated by the implicit function scaled by the local radius.
    private static double EdgeDistance(double dx, double dy, double rx, double ry)
    {
        var r = Math.Sqrt(dx * dx + dy * dy);
        var radius = r > 0 ? Math.Sqrt(dx * dx * rx * rx + dy * dy * ry * ry) / r : Math.Min(rx, ry);
        return (1 - r) * radius;
    }

    /// <summary>The rectangle [<paramref name="x0"/>, <paramref name="x1"/>] × [<paramref name="y0"/>, <paramref name="y1"/>].</summary>
    public void FillRectangle(double x0, double y0, double x1, double y1, Rgb colour, double opacity = 1) =>
        Paint(x0, y0, x1, y1, colour, opacity, (x, y) => Math.Min(Math.Min(x - x0, x1 - x), Math.Min(y - y0, y1 - y)));

    /// <summary>The pixels as row-major RGB bytes (<c>[H, W, 3]</c>).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[pixels.Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Writes the pixels as row-major RGB bytes into the first <c>H·W·3</c> bytes of <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < pixels.Length)
            throw new ArgumentException(
                $"a {Width}×{Height} canvas needs {pixels.Length} bytes, the destination holds {destination.Length}",
                nameof(destination)
            );
        for (var i = 0; i < pixels.Length; i++)
            destination[i] = Rgb.ToByte(pixels[i]);
    }

    /// <summary>uint8 [H, W, 3] tensor of the pixels.</summary>
    public Tensor ToTensor() => torch.tensor(ToBytes(), [Height, Width, 3]);

    // Blends colour into every pixel whose centre lies within half a pixel of the shape (inside > 0).
    private void Paint(double x0, double y0, double x1, double y1, Rgb colour, double opacity, Func<double, double, double> inside)
    {
        if (!(opacity > 0))
            return;
        var left = Math.Max(0, (int)Math.Floor(x0 - 1));
        var right = Math.Min(Width - 1, (int)Math.Ceiling(x1 + 1));
        var top = Math.Max(0, (int)Math.Floor(y0 - 1));
        var bottom = Math.Min(Height - 1, (int)Math.Ceiling(y1 + 1));
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                var coverage = Math.Clamp(inside(x + 0.5, y + 0.5) + 0.5, 0, 1) * opacity;
                if (coverage <= 0)
                    continue;
                var i = Index(x, y);
                pixels[i] += coverage * (colour.R - pixels[i]);
                pixels[i + 1] += coverage * (colour.G - pixels[i + 1]);
                pixels[i + 2] += coverage * (colour.B - pixels[i + 2]);
            }
        }
    }

    private int Index(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) lies outside the {Width}×{Height} canvas");
        return (y * Width + x) * 3;
    }
}
