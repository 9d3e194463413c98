namespace Dino.Repro.Data.Synthetic.SpokenShapes;

/// <summary>A colour word and its base RGB (linear, 0..1).</summary>
public sealed record ShapeColour(string Word, float R, float G, float B);

/// <summary>A shape word and the Shapes geometry that draws it; <see cref="ExtentScale"/> evens out the visual sizes.</summary>
public sealed record ShapeKind(string Word, ShapesClass Geometry, double ExtentScale);

/// <summary>A size word and the object's extent as a fraction of the image side.</summary>
public sealed record ShapeSize(string Word, double Extent);

/// <summary>Where the main object is relative to the other: the phrase, its inverse, and the axis and sign it sets.</summary>
public sealed record ShapeRelation(string Token, string Phrase, string InversePhrase, bool Vertical, int MainSide);

/// <summary>
/// The words of the Spoken shapes scenes. A class is the main object's colour × shape (12 classes), named like CUB's
/// class folders ("001.red_circle"). Three classes are held out for testing — each colour and each shape still appears
/// in training with other partners — mirroring the paper's unseen test classes.
/// </summary>
public static class SpokenShapesVocabulary
{
    public static IReadOnlyList<ShapeColour> Colours { get; } =
    [new("red", 0.86f, 0.16f, 0.14f), new("green", 0.16f, 0.68f, 0.22f), new("blue", 0.14f, 0.26f, 0.92f), new("yellow", 0.96f, 0.86f, 0.14f)];

    public static IReadOnlyList<ShapeKind> Shapes { get; } =
    [new("circle", ShapesClasses.Disc, 1.0), new("square", ShapesClasses.Box, 0.85), new("triangle", ShapesClasses.Triangle, 1.1)];

    public static IReadOnlyList<ShapeSize> Sizes { get; } = [new("small", 0.10), new("large", 0.19)];

    public static IReadOnlyList<ShapeRelation> Relations { get; } =
    [
        new("above", "above", "below", Vertical: true, MainSide: -1),
        new("below", "below", "above", Vertical: true, MainSide: 1),
        new("left_of", "to the left of", "to the right of", Vertical: false, MainSide: -1),
        new("right_of", "to the right of", "to the left of", Vertical: false, MainSide: 1),
    ];

    public static int ClassCount => Colours.Count * Shapes.Count;

    /// <summary>Class ids held out for the test split: red triangle, green circle, blue square.</summary>
    public static IReadOnlyList<int> TestClasses { get; } = [ClassOf(0, 2), ClassOf(1, 0), ClassOf(2, 1)];

    public static int ClassOf(int colour, int shape) => colour * Shapes.Count + shape;

    public static (int Colour, int Shape) AttributesOf(int classId) => (classId / Shapes.Count, classId % Shapes.Count);

    /// <summary>CUB-style class folder name, e.g. "001.red_circle".</summary>
    public static string ClassName(int classId)
    {
        var (colour, shape) = AttributesOf(classId);
        return $"{classId + 1:D3}.{Colours[colour].Word}_{Shapes[shape].Word}";
    }
}
