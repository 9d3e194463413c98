using Dino.Repro.Data.CelebAMaskHq;

namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// The Shapes scenes in the multimodal look (<see cref="ShapesLook.Multimodal"/>), written by <see cref="ShapesCorpus"/> in
/// CelebAMask-HQ's layout and split as it splits: the same label maps as `shapes`, but each admits many valid photos
/// (DINO's case against a conditional discriminator that can ignore its condition).
/// </summary>
public static class ShapesMultimodalCorpus
{
    public const string Name = "shapes-multimodal";

    public static string ManifestFile => ShapesLook.Multimodal.ManifestFile;

    /// <summary>Renders example <paramref name="id"/> in memory (what <see cref="Write"/> stores for that id).</summary>
    public static ShapesScene Render(ShapesOptions options, int id) => ShapesCorpus.Render(options, id, ShapesLook.Multimodal);

    /// <summary>Writes the whole corpus under <paramref name="root"/> (created if needed) and returns it as a reader.</summary>
    public static CelebAMaskHqCorpus Write(string root, ShapesOptions options) => ShapesCorpus.Write(root, options, ShapesLook.Multimodal);

    /// <summary>`dino corpus make shapes-multimodal`; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request) => ShapesCorpus.Make(root, request, ShapesLook.Multimodal);
}
