using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Grid;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// The GRID-layout corpus a recogniser run reads: an explicit folder, or the corpus its options name through the
/// registry's GRID view (the real GRID where data-scripts/grid.sh unpacks it, or Spoken GRID made once and reused).
/// </summary>
public static class GridRecogniserCorpus
{
    public static GridCorpus Open(GridRecogniserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CorpusPath.Length > 0)
            return new GridCorpus(options.CorpusPath);
        var grid = CorpusRegistry.Get(options.Corpus).Grid
            ?? throw new ArgumentException($"corpus '{options.Corpus}' has no GRID layout (corpora with one: {GridRecogniserOptions.GridCorpora})");
        return grid(options.SpokenGridSpeakers, options.SpokenGridUtterances);
    }
}
