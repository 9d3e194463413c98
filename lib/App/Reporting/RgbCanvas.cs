namespace Dino.Repro.App.Reporting;

/// <summary>A small RGB raster for the static plot fallback: pixels, thick lines, filled rectangles, digits.</summary>
public sealed class RgbCanvas
{
    public RgbCanvas(int width, int height, Rgb background)
    {
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
        FillRect(0, 0, width, height, background);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major RGB bytes, top row first.</summary>
    public byte[] Pixels { get; }

    public Rgb this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
        set
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                return; // clipped
            var i = (y * Width + x) * 3;
            (Pixels[i], Pixels[i + 1], Pixels[i + 2]) = (value.R, value.G, value.B);
        }
    }

    public void FillRect(int x, int y, int width, int height, Rgb colour)
    {
        for (var yy = Math.Max(0, y); yy < Math.Min(Height, y + height); yy++)
        {
            for (var xx = Math.Max(0, x); xx < Math.Min(Width, x + width); xx++)
                this[xx, yy] = colour;
        }
    }

    /// <summary>A line of the given thickness (Bresenham, stamping a square brush at each step).</summary>
    public void Line(double x0, double y0, double x1, double y1, Rgb colour, int thickness = 1)
    {
        int ax = (int)Math.Round(x0),
            ay = (int)Math.Round(y0),
            bx = (int)Math.Round(x1),
            by = (int)Math.Round(y1);
        int dx = Math.Abs(bx - ax),
            dy = -Math.Abs(by - ay),
            sx = ax < bx ? 1 : -1,
            sy = ay < by ? 1 : -1,
            err = dx + dy;
        var lo = -(thickness - 1) / 2;
        while (true)
        {
            FillRect(ax + lo, ay + lo, thickness, thickness, colour);
            if (ax == bx && ay == by)
                break;
            var e2 = 2 * err;
            if (e2 >= dy)
            {
                err += dy;
                ax += sx;
            }
            if (e2 <= dx)
            {
                err += dx;
                ay += sy;
            }
        }
    }

    /// <summary>
    /// Writes digits, '.', '-', '+' and 'e' with a 3×5 pixel font scaled by <paramref name="scale"/>; other characters leave a gap.
    /// </summary>
    public void Text(int x, int y, string text, Rgb colour, int scale = 1)
    {
        foreach (var ch in text)
        {
            if (PixelFont.Glyph(ch) is { } rows)
            {
                for (var r = 0; r < 5; r++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        if ((rows[r] >> (2 - c) & 1) != 0)
                            FillRect(x + c * scale, y + r * scale, scale, scale, colour);
                    }
                }
            }
            x += 4 * scale;
        }
    }

    public static int TextWidth(string text, int scale = 1) => Math.Max(0, text.Length * 4 * scale - scale);

    public byte[] ToPng() => PngEncoder.EncodeRgb(Pixels, Width, Height);
}

public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb White = new(255, 255, 255);
    public static readonly Rgb Black = new(0, 0, 0);

    public static Rgb FromHex(string hex)
    {
        var h = hex.TrimStart('#');
        return new Rgb(Convert.ToByte(h[..2], 16), Convert.ToByte(h[2..4], 16), Convert.ToByte(h[4..6], 16));
    }

    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";
}
