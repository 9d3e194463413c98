using Dino.Repro.Data.SpokenCaptions;

namespace Dino.Repro.Data.Synthetic.SpokenShapes;

/// <summary>
/// A rendered Spoken shapes scene: RGB bytes (Size×Size×3, row-major), the description it was drawn from, and the
/// box around every object drawn (CUB's bounding box is the bird; here it is everything the captions mention).
/// </summary>
public sealed class SpokenShapesImage
{
    private SpokenShapesImage(int size, byte[] photo, SpokenShapesDescription description, PixelBox box, bool[][] objectMasks)
    {
        (Size, Photo, Description, BoundingBox, ObjectMasks) = (size, photo, description, box, objectMasks);
    }

    public int Size { get; }
    public byte[] Photo { get; }
    public SpokenShapesDescription Description { get; }
    public PixelBox BoundingBox { get; }

    /// <summary>Per object (main first), the pixels it covers.</summary>
    public bool[][] ObjectMasks { get; }

    /// <summary>Draws scene <paramref name="id"/> of <paramref name="seed"/> (both alone determine it) at <paramref name="size"/>².</summary>
    public static SpokenShapesImage Render(long seed, int id, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        var random = new Random(ShapesScene.MixSeed(seed, id));
        var description = SpokenShapesDescription.Sample(random, id);
        var color = new float[size * size * 3];
        ShapesScene.PaintBackground(color, size, random);
        var objects = new List<(SceneObject Object, double X, double Y)>();
        if (description.Relation is { } relation && description.Other is { } other)
        {
            // Main and other sit on opposite halves of the relation's axis; jitter is small enough that they never touch.
            double Along() => 0.28 + (random.NextDouble() - 0.5) * 0.04;
            double Across() => 0.5 + (random.NextDouble() - 0.5) * 0.24;
            var mainAlong = relation.MainSide < 0 ? Along() : 1 - Along();
            var otherAlong = relation.MainSide < 0 ? 1 - Along() : Along();
            var (mainAcross, otherAcross) = (Across(), Across());
            objects.Add(relation.Vertical ? (description.Main, mainAcross, mainAlong) : (description.Main, mainAlong, mainAcross));
            objects.Add(relation.Vertical ? (other, otherAcross, otherAlong) : (other, otherAlong, otherAcross));
        }
        else
        {
            objects.Add((description.Main, 0.5 + (random.NextDouble() - 0.5) * 0.24, 0.5 + (random.NextDouble() - 0.5) * 0.24));
        }
        var masks = objects.Select(o => Paint(color, size, o.Object, o.X * size, o.Y * size)).ToArray();
        return new SpokenShapesImage(size, ShapesScene.Finish(color, size, random), description, BoxAround(masks, size), masks);
    }

    // A flat colour, a little brighter towards the top, so shapes read as solid objects under the global lighting.
    private static bool[] Paint(float[] color, int size, SceneObject obj, double cx, double cy)
    {
        var kind = SpokenShapesVocabulary.Shapes[obj.Shape];
        var colour = SpokenShapesVocabulary.Colours[obj.Colour];
        var extent = SpokenShapesVocabulary.Sizes[obj.Size].Extent * kind.ExtentScale * size;
        var geometry = ShapeGeometry.Place(kind.Geometry, cx, cy, extent);
        var mask = new bool[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!geometry.Contains(x + 0.5, y + 0.5, out _, out var v))
                    continue;
                var i = y * size + x;
                var shade = (float)(0.92 - 0.08 * Math.Clamp(v, -1, 1));
                (color[3 * i], color[3 * i + 1], color[3 * i + 2]) = (colour.R * shade, colour.G * shade, colour.B * shade);
                mask[i] = true;
            }
        }
        return mask;
    }

    private static PixelBox BoxAround(bool[][] masks, int size)
    {
        int left = size,
            top = size,
            right = -1,
            bottom = -1;
        foreach (var mask in masks)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                if (!mask[i])
                    continue;
                var (y, x) = (i / size, i % size);
                (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
            }
        }
        if (right < 0)
            throw new InvalidOperationException("a Spoken shapes scene drew no pixel (image too small?)");
        return new PixelBox(left, top, right - left + 1, bottom - top + 1);
    }
}
