namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// How a Shapes scene's label map is painted into a photo: background, per-shape texture and finish. The geometry (and so
/// the labels) comes from the scene's own random stream and is the same under every look; a look other than
/// <see cref="Classic"/> draws its appearance from a second stream.
/// </summary>
public abstract class ShapesLook
{
    /// <summary>The look of the published `shapes` corpora: one texture and nearly one colour per class.</summary>
    public static ShapesLook Classic { get; } = new ClassicShapesLook();

    /// <summary>Many valid photos per label map: random texture, class-palette colour, lighting and background clutter.</summary>
    public static ShapesLook Multimodal { get; } = new MultimodalShapesLook();

    /// <summary>The CelebAMask-HQ-layout corpus written with this look ("shapes", "shapes-multimodal").</summary>
    public abstract string CorpusName { get; }

    /// <summary>The corpus' name in messages ("Shapes").</summary>
    public abstract string Title { get; }

    /// <summary>Folder-key tag of what this look draws: folders made once under the data root carry it, so a change re-makes them.</summary>
    public abstract string VersionTag { get; }

    /// <summary>The file the written corpus describes itself in.</summary>
    public string ManifestFile => $"{CorpusName}-corpus.json";

    /// <summary>
    /// Starts painting scene (<paramref name="seed"/>, <paramref name="index"/>); <paramref name="geometry"/> is the scene's
    /// stream, from which the painter must draw exactly what the classic look draws, in the same order.
    /// </summary>
    internal abstract ScenePainter Begin(long seed, int index, int size, Random geometry);
}

/// <summary>One scene's painter: called for the background, once per shape (after its outline was drawn), then to finish.</summary>
internal abstract class ScenePainter
{
    public abstract void PaintBackground(float[] color);

    public abstract IShapeShader TextureFor(ShapesClass cls);

    /// <summary>The linear colours (0..1) lit, noised and quantised to RGB bytes.</summary>
    public abstract byte[] Finish(float[] color);
}

/// <summary>The colour of a shape's pixel (x, y) at local shape coordinates (u, v) (see <see cref="ShapeGeometry.Contains"/>).</summary>
internal interface IShapeShader
{
    void Shade(int x, int y, double u, double v, Span<float> rgb);
}
