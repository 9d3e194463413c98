using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.Oxford102;
using Dino.Repro.Data.Synthetic.SpokenShapes;
using Dino.Repro.IO;
using Dino.Repro.Data.SpokenCaptions;

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

    public static SpokenCaptionCorpus Open(string corpus, int shapesCount, int shapesSize, IProgress<SpeechProgress>? progress = null)
    {
        var opened = corpus switch
        {
            SpokenShapesCorpus.Name => SpokenShapes(new SpokenShapesOptions(shapesCount, shapesSize, SpokenShapesSeed)),
            CubLayout.CorpusName => new SpokenCaptionCorpus(CubCorpus.OpenDefault(), SpokenCaptionCache.ForCorpus(corpus)),
            Oxford102Corpus.CorpusName => new SpokenCaptionCorpus(Oxford102Corpus.OpenDefault(), SpokenCaptionCache.ForCorpus(corpus)),
            _ => throw new ArgumentException($"unknown speech-to-image corpus '{corpus}' (available: {SpokenShapesCorpus.Name}, {CubLayout.CorpusName}, {Oxford102Corpus.CorpusName})", nameof(corpus)),
        };
        opened.Prepare(progress);
        return opened;
    }

    private static SpokenCaptionCorpus SpokenShapes(SpokenShapesOptions options)
    {
        // Images and captions are made once (atomically); speech goes in afterwards, resumably.
        var root = MadeOnceFolder.Ensure(
            Path.Combine(KitPaths.DataRoot(), SpokenShapesCorpus.Name, $"seed{options.Seed}-n{options.Count}-{options.Size}px"),
            SpokenShapesCorpus.ManifestFile, folder => SpokenShapesCorpus.Write(folder, options));
        return new SpokenCaptionCorpus(new CubCorpus(root), SpokenShapesCorpus.SpeechCache(root));
    }
}
