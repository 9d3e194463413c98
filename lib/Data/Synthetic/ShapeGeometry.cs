namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// The outline of one primitive in pixel coordinates. <see cref="Contains"/> also gives local coordinates
/// (u, v) roughly in [-1,1] that textures use, so a texture follows its shape's position, size and rotation.
/// </summary>
internal sealed class ShapeGeometry
{
    private readonly ShapesClass kind;
    private readonly double cx,
        cy,
        radius,
        halfWidth,
        halfHeight,
        cos,
        sin;

    private ShapeGeometry(ShapesClass kind, double cx, double cy, double radius, double halfWidth, double halfHeight, double angle)
    {
        (this.kind, this.cx, this.cy, this.radius, this.halfWidth, this.halfHeight) = (kind, cx, cy, radius, halfWidth, halfHeight);
        (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
    }

    public static ShapeGeometry Random(ShapesClass kind, int size, Random random)
    {
        double Between(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        var cx = Between(0.15, 0.85) * size;
        var cy = Between(0.15, 0.85) * size;
        var angle = Between(0, Math.PI);
        return kind.Name switch
        {
            // A band across the whole image: radius is its half-thickness.
            "stripe" => new ShapeGeometry(kind, cx, cy, Between(0.05, 0.10) * size, 0, 0, angle),
            "box" => new ShapeGeometry(kind, cx, cy, 0, Between(0.10, 0.22) * size, Between(0.10, 0.22) * size, angle),
            "disc" => new ShapeGeometry(kind, cx, cy, Between(0.09, 0.18) * size, 0, 0, 0),
            "triangle" => new ShapeGeometry(kind, cx, cy, Between(0.13, 0.24) * size, 0, 0, angle),
            _ => throw new ArgumentException($"no geometry for class '{kind.Name}'", nameof(kind)),
        };
    }

    /// <summary>
    /// A shape placed by the caller (the Spoken shapes scenes): a disc of radius <paramref name="extent"/>, an axis-aligned
    /// square box of half-side <paramref name="extent"/>, or a triangle inscribed in a circle of radius <paramref name="extent"/>
    /// turned by <paramref name="angle"/> (0 = apex up).
    /// </summary>
    public static ShapeGeometry Place(ShapesClass kind, double cx, double cy, double extent, double angle = 0) =>
        kind.Name switch
        {
            "disc" => new ShapeGeometry(kind, cx, cy, extent, 0, 0, 0),
            "box" => new ShapeGeometry(kind, cx, cy, 0, extent, extent, angle),
            "triangle" => new ShapeGeometry(kind, cx, cy, extent, 0, 0, angle),
            _ => throw new ArgumentException($"no placed geometry for class '{kind.Name}'", nameof(kind)),
        };

    public bool Contains(double x, double y, out double u, out double v)
    {
        // Rotate into the shape's frame.
        var dx = x - cx;
        var dy = y - cy;
        var lx = cos * dx + sin * dy;
        var ly = -sin * dx + cos * dy;
        switch (kind.Name)
        {
            case "stripe":
                (u, v) = (lx, ly / radius);
                return Math.Abs(ly) <= radius;
            case "box":
                (u, v) = (lx / halfWidth, ly / halfHeight);
                return Math.Abs(lx) <= halfWidth && Math.Abs(ly) <= halfHeight;
            case "disc":
                (u, v) = (dx / radius, dy / radius);
                return u * u + v * v <= 1;
            default:
                (u, v) = (lx / radius, ly / radius);
                return InTriangle(u, v);
        }
    }

    // An equilateral triangle inscribed in the unit circle, apex up (before rotation).
    private static bool InTriangle(double u, double v)
    {
        const double h = 0.8660254037844386; // sin 60°
        return v <= 0.5 && v >= -1 && Math.Abs(u) <= (v + 1) / 1.5 * h;
    }
}
