namespace Dino.Repro.Data.Synthetic.SpokenShapes;

/// <summary>One object of a scene, by index into <see cref="SpokenShapesVocabulary"/>'s lists.</summary>
public sealed record SceneObject(int Size, int Colour, int Shape)
{
    public string SizeWord => SpokenShapesVocabulary.Sizes[Size].Word;
    public string ColourWord => SpokenShapesVocabulary.Colours[Colour].Word;
    public string ShapeWord => SpokenShapesVocabulary.Shapes[Shape].Word;

    /// <summary>"large red circle".</summary>
    public string Phrase => $"{SizeWord} {ColourWord} {ShapeWord}";

    public int ClassId => SpokenShapesVocabulary.ClassOf(Colour, Shape);
}

/// <summary>
/// What a Spoken shapes image shows: a main object (its colour × shape is the class) and optionally a second object
/// in a relation to it ("a large red circle above a small blue square"). <see cref="Sample"/> draws it from the seed and
/// id alone; the main object's class is id mod 12, so classes are balanced.
/// </summary>
public sealed record SpokenShapesDescription(SceneObject Main, ShapeRelation? Relation, SceneObject? Other)
{
    /// <summary>Probability that a scene has a second object.</summary>
    public const double SecondObjectProbability = 2.0 / 3.0;

    public int ClassId => Main.ClassId;

    public static SpokenShapesDescription Sample(Random random, int id)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (colour, shape) = SpokenShapesVocabulary.AttributesOf(id % SpokenShapesVocabulary.ClassCount);
        var main = new SceneObject(random.Next(SpokenShapesVocabulary.Sizes.Count), colour, shape);
        if (random.NextDouble() >= SecondObjectProbability)
            return new SpokenShapesDescription(main, null, null);
        var relation = SpokenShapesVocabulary.Relations[random.Next(SpokenShapesVocabulary.Relations.Count)];
        SceneObject other;
        do
        {
            other = new SceneObject(
                random.Next(SpokenShapesVocabulary.Sizes.Count),
                random.Next(SpokenShapesVocabulary.Colours.Count),
                random.Next(SpokenShapesVocabulary.Shapes.Count)
            );
        } while (other.ClassId == main.ClassId); // the caption's second object must not look like the main one
        return new SpokenShapesDescription(main, relation, other);
    }

    /// <summary>One line of attributes.txt: main size colour shape, relation, other size colour shape ("-" when absent).</summary>
    public string AttributeLine =>
        $"{Main.SizeWord} {Main.ColourWord} {Main.ShapeWord} {Relation?.Token ?? "-"} {Other?.SizeWord ?? "-"} {Other?.ColourWord ?? "-"} "
        + $"{Other?.ShapeWord ?? "-"}";
}
