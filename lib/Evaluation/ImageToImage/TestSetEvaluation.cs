using Dino.Repro.App.Reproduce;

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>
/// One pass over a test split that scores the real photos (the "Ground Truth" row) and every method's translations
/// batch by batch, keeping the first few pairs for the sample grid.
/// </summary>
public static class TestSetEvaluation
{
    /// <summary>
    /// Test pairs read and translated at a time: a multiple of <see cref="Translator.Chunk"/>, so batching never changes the noise.
    /// </summary>
    public const int BatchSize = 2 * Translator.Chunk;

    /// <summary>
    /// The rows (ground truth first, then <paramref name="methods"/> in order) and the first <paramref name="keep"/> pairs;
    /// each method translates a batch of conditions into images [B, 3, H, W] in [−1, 1] (e.g. <see cref="Translator.Translate"/>).
    /// </summary>
    public static TestSetScores Run(
        TestSplit test,
        TranslationScorer scorer,
        IReadOnlyList<(string method, Func<Tensor, Tensor> translate)> methods,
        int keep = 4,
        Action<string>? log = null
    )
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(methods);
        var truth = scorer.Row(isGroundTruth: true);
        var rows = methods.Select(_ => scorer.Row()).ToList();
        var kept = new TestSetScores.Builder(methods.Count, keep);
        try
        {
            var reported = 0;
            foreach (var batch in test.Batches(BatchSize))
            {
                using (batch)
                {
                    truth.Add(batch, batch.Photos);
                    var translations = new List<Tensor>();
                    try
                    {
                        for (var m = 0; m < methods.Count; m++)
                        {
                            translations.Add(methods[m].translate(batch.Conditions));
                            rows[m].Add(batch, translations[m]);
                        }
                        kept.Add(batch, translations);
                    }
                    finally
                    {
                        foreach (var t in translations)
                            t.Dispose();
                    }
                }
                // A real split takes minutes per method on a GPU: say how far it got about every tenth of the way.
                if (log is not null && truth.Count * 10 / test.Count > reported && truth.Count < test.Count)
                {
                    reported = truth.Count * 10 / test.Count;
                    log($"scored {truth.Count}/{test.Count} test pairs");
                }
            }
            using var real = truth.Features();
            var scores = new List<MethodScores> { new(PaperTable1.GroundTruth, truth.Result(real)) };
            scores.AddRange(methods.Select((m, i) => new MethodScores(m.method, rows[i].Result(real))));
            return kept.Build(scores);
        }
        catch
        {
            kept.Dispose();
            throw;
        }
        finally
        {
            truth.Dispose();
            foreach (var row in rows)
                row.Dispose();
        }
    }
}

/// <summary>A test split's rows of Table 1's metrics, and its first pairs with each method's translations (for the sample grid).</summary>
public sealed class TestSetScores : IDisposable
{
    private TestSetScores(IReadOnlyList<MethodScores> rows, Tensor conditions, Tensor photos, IReadOnlyList<Tensor> translations)
    {
        Rows = rows;
        Conditions = conditions;
        Photos = photos;
        Translations = translations;
    }

    public IReadOnlyList<MethodScores> Rows { get; }

    /// <summary>The first test pairs' conditions and photos [K, 3, H, W] in [−1, 1].</summary>
    public Tensor Conditions { get; }
    public Tensor Photos { get; }

    /// <summary>Per method, in row order, its translations of those pairs.</summary>
    public IReadOnlyList<Tensor> Translations { get; }

    public void Dispose()
    {
        Conditions.Dispose();
        Photos.Dispose();
        foreach (var t in Translations)
            t.Dispose();
    }

    /// <summary>Keeps the first pairs while batches go by.</summary>
    internal sealed class Builder(int methods, int keep) : IDisposable
    {
        private readonly List<Tensor> conditions = [],
            photos = [];
        private readonly List<Tensor>[] translations = Enumerable.Range(0, methods).Select(_ => new List<Tensor>()).ToArray();
        private int count;

        public void Add(TestBatch batch, IReadOnlyList<Tensor> translated)
        {
            var take = Math.Min(keep - count, batch.Count);
            if (take <= 0)
                return;
            conditions.Add(batch.Conditions.narrow(0, 0, take).clone());
            photos.Add(batch.Photos.narrow(0, 0, take).clone());
            for (var m = 0; m < translated.Count; m++)
                translations[m].Add(translated[m].narrow(0, 0, take).clone());
            count += take;
        }

        public TestSetScores Build(IReadOnlyList<MethodScores> rows)
        {
            using var _ = this;
            return new TestSetScores(
                rows,
                torch.cat(conditions.ToArray(), 0),
                torch.cat(photos.ToArray(), 0),
                translations.Select(parts => torch.cat(parts.ToArray(), 0)).ToList()
            );
        }

        public void Dispose()
        {
            foreach (var t in conditions.Concat(photos).Concat(translations.SelectMany(parts => parts)))
                t.Dispose();
            conditions.Clear();
            photos.Clear();
            foreach (var parts in translations)
                parts.Clear();
        }
    }
}
