namespace Dino.Repro.Data.Synthetic.SpokenShapes;

/// <summary>
/// The ten captions of a scene, like the ten human captions of a CUB image: the same content in different words and
/// orders, some leaving out the size or the colour, none contradicting the scene.
/// </summary>
public static class SpokenShapesCaptions
{
    public static IReadOnlyList<string> For(SpokenShapesDescription scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var a = scene.Main;
        if (scene.Relation is not { } r || scene.Other is not { } b)
        {
            return
            [
                $"a {a.Phrase}",
                $"there is a {a.Phrase}",
                $"a single {a.Phrase}",
                $"a picture of a {a.Phrase}",
                $"a {a.Phrase} on a grey background",
                $"one {a.Phrase} in the picture",
                $"a {a.ColourWord} {a.ShapeWord}",
                $"a {a.SizeWord} {a.ShapeWord}",
                $"a {a.ShapeWord} that is {a.ColourWord}",
                $"the {a.Phrase} is alone",
            ];
        }
        return
        [
            $"a {a.Phrase} {r.Phrase} a {b.Phrase}",
            $"a {b.Phrase} {r.InversePhrase} a {a.Phrase}",
            $"there is a {a.Phrase} {r.Phrase} a {b.Phrase}",
            $"the {a.Phrase} is {r.Phrase} the {b.Phrase}",
            $"the {b.Phrase} is {r.InversePhrase} the {a.Phrase}",
            $"a picture of a {a.Phrase} {r.Phrase} a {b.Phrase}",
            $"a {a.ColourWord} {a.ShapeWord} {r.Phrase} a {b.ColourWord} {b.ShapeWord}",
            $"a {a.SizeWord} {a.ShapeWord} {r.Phrase} a {b.SizeWord} {b.ShapeWord}",
            $"a {a.Phrase} and a {b.Phrase}",
            $"a {a.Phrase} with a {b.Phrase} {r.InversePhrase} it",
        ];
    }
}
