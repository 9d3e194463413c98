using Dino.Repro.Data.Synthetic;

namespace Dino.Repro.Data.Corpora;

/// <summary>The embedded corpora by name (one line per corpus here, as pix2pix registers its datasets).</summary>
public static class EmbeddedCorpora
{
    public static IReadOnlyList<IEmbeddedCorpus> All { get; } =
    [
        new ShapesEmbeddedCorpus(),
        new Synthetic.SpokenGrid.SpokenGridEmbeddedCorpus(),
        new Synthetic.SpokenShapes.SpokenShapesEmbeddedCorpus(),
        new Synthetic.VoiceFaces.VoiceFacesEmbeddedCorpus(),
        new Synthetic.SoundDrivenClip.SoundDrivenClipEmbeddedCorpus(),
        new ShapesStreetsEmbeddedCorpus(),
    ];

    public static IEmbeddedCorpus? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
