using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.Oxford102;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Data.Synthetic.SpokenShapes;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// The speech-to-image corpora by name, with their speech ready: "spoken-shapes" is made once under the data root
/// (keyed by seed, count and size); "cub-200" and "oxford-102" are read where their data-scripts put them and their
/// captions spoken into <c>&lt;data root&gt;/&lt;corpus&gt;/speech</c>. Speech missing from a cache is synthesised on opening
/// (resumable, see <see cref="SpokenCaptionCache.Prepare"/>).
/// </summary>
public static class SpokenCaptionData
{
    /// <summary>Seed of the embedded corpus itself, separate from training seeds so runs with other seeds see the same data.</summary>
    public const long SpokenShapesSeed = SpokenShapesOptions.DefaultSeed;

    /// <summary>The captioned corpus called <paramref name="corpus"/> with its spoken captions prepared (spoken now where missing).</summary>
    public static SpokenCaptionCorpus Open(string corpus, int shapesCount, int shapesSize, IProgress<SpeechProgress>? progress = null)
    {
        var open = CorpusRegistry.Find(corpus)?.SpokenCaptions
            ?? throw new ArgumentException(
                $"unknown speech-to-image corpus '{corpus}' (available: {CorpusRegistry.Names(c => c.SpokenCaptions is not null)})",
                nameof(corpus)
            );
        var opened = open(shapesCount, shapesSize, progress);
        opened.Prepare(progress);
        return opened;
    }

    /// <summary>Spoken shapes of <paramref name="count"/> images at <paramref name="size"/>², made once under the data root.</summary>
    public static SpokenCaptionCorpus SpokenShapes(int count, int size, IProgress<SpeechProgress>? progress)
    {
        var options = new SpokenShapesOptions(count, size, SpokenShapesSeed);
        // Images and captions are made once (atomically); speech goes in afterwards, resumably.
        var root = MadeOnceFolder.Ensure(
            Path.Combine(KitPaths.DataRoot(), SpokenShapesCorpus.Name, $"seed{options.Seed}-n{options.Count}-{options.Size}px"),
            SpokenShapesCorpus.ManifestFile,
            folder => SpokenShapesCorpus.Write(folder, options)
        );
        return new SpokenCaptionCorpus(new CubCorpus(root), SpokenShapesCorpus.SpeechCache(root));
    }
}
