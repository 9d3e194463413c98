using Dino.Repro.Data;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Synthetic.SpokenGrid;
using Dino.Repro.IO;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// The GRID-layout corpus a recogniser run reads: an explicit folder, the real GRID where data-scripts/grid.sh
/// unpacks it, or Spoken GRID made once under the data root (keyed by voices and utterances) and reused.
/// </summary>
public static class GridRecogniserCorpus
{
    /// <summary>Frame side of the Spoken GRID the recogniser makes: the smallest allowed, as it never reads the video.</summary>
    public const int SpokenGridFrameSize = 48;

    public static GridCorpus Open(GridRecogniserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CorpusPath.Length > 0) return new GridCorpus(options.CorpusPath);
        if (options.Corpus == "grid")
        {
            var path = CorpusPaths.ExpectedPath("grid");
            if (!Directory.Exists(path))
                throw new DirectoryNotFoundException($"GRID is not at {path}; fetch it with data-scripts/grid.sh (or set DINO_DATA, or corpus_path=FOLDER)");
            return new GridCorpus(path);
        }
        return SpokenGrid(new SpokenGridOptions(options.SpokenGridSpeakers, options.SpokenGridUtterances, SpokenGridFrameSize,
            SpokenGridOptions.DefaultSeed));
    }

    private static GridCorpus SpokenGrid(SpokenGridOptions spoken)
    {
        var root = Path.Combine(KitPaths.DataRoot(), SpokenGridCorpus.Name,
            $"seed{spoken.Seed}-{spoken.Speakers}x{spoken.UtterancesPerSpeaker}-{spoken.FrameSize}px");
        MadeOnceFolder.Ensure(root, SpokenGridCorpus.ManifestFile, folder => SpokenGridCorpus.Write(folder, spoken).Dispose());
        return new GridCorpus(root);
    }
}
