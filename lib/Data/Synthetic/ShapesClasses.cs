namespace Dino.Repro.Data.Synthetic;

/// <summary>A Shapes class: what is drawn, the CelebAMask-HQ part file that carries it, and its merged label.</summary>
public sealed record ShapesClass(string Name, string Part, int Label);

/// <summary>
/// The Shapes classes and the CelebAMask-HQ part names their masks are written under. Classes are painted in label
/// order (stripes lowest, triangles on top), the same order the reader merges parts in, so the merged map equals the
/// painted scene. Parts were picked with distinct colours in the symmetric palette (l_eye, not r_eye, reads back as itself).
/// </summary>
public static class ShapesClasses
{
    public static ShapesClass Background { get; } = new("background", "", 0);
    public static ShapesClass Stripe { get; } = new("stripe", "skin", 1);
    public static ShapesClass Box { get; } = new("box", "nose", 2);
    public static ShapesClass Disc { get; } = new("disc", "eye_g", 3);
    public static ShapesClass Triangle { get; } = new("triangle", "l_eye", 4);

    /// <summary>The drawn classes in paint (= merge) order.</summary>
    public static IReadOnlyList<ShapesClass> Drawn { get; } = [Stripe, Box, Disc, Triangle];

    /// <summary>Every class, background first.</summary>
    public static IReadOnlyList<ShapesClass> All { get; } = [Background, Stripe, Box, Disc, Triangle];
}
