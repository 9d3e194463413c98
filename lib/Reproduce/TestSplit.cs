using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Torch;

namespace Dino.Repro.Reproduce;

/// <summary>A corpus's whole test split in memory, in id order: conditions and photos [N, 3, H, W] in [−1, 1], labels [N, H, W].</summary>
public sealed class TestSplit : IDisposable
{
    private TestSplit(Tensor conditions, Tensor photos, Tensor labels)
    {
        Conditions = conditions;
        Photos = photos;
        Labels = labels;
    }

    public Tensor Conditions { get; }
    public Tensor Photos { get; }
    public Tensor Labels { get; }
    public int Count => (int)Photos.size(0);

    public static TestSplit Load(CelebAMaskHqCorpus corpus, int resolution)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return FromExamples(corpus.Ids(CelebASplit.Test).Select(id => corpus.Load(id, resolution)).ToList(), corpus.Root);
    }

    /// <summary>A Cityscapes-layout split (pix2pix tests on "val") at <paramref name="resolution"/>², in frame order.</summary>
    public static TestSplit Load(CityscapesCorpus corpus, string split, int resolution)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return FromExamples(corpus.Frames(split).Select(frame => corpus.Load(frame, resolution, resolution)).ToList(), corpus.Root);
    }

    private static TestSplit FromExamples(IReadOnlyList<PairedExample> examples, string root)
    {
        if (examples.Count == 0) throw new InvalidDataException($"{root}: the test split is empty (make the corpus larger)");
        try
        {
            using var scope = torch.NewDisposeScope();
            return new TestSplit(
                torch.stack(examples.Select(e => e.Condition).ToArray(), 0).MoveToOuterDisposeScope(),
                torch.stack(examples.Select(e => e.Photo).ToArray(), 0).MoveToOuterDisposeScope(),
                torch.stack(examples.Select(e => e.Labels).ToArray(), 0).MoveToOuterDisposeScope());
        }
        finally
        {
            foreach (var e in examples) e.Dispose();
        }
    }

    public void Dispose()
    {
        Conditions.Dispose();
        Photos.Dispose();
        Labels.Dispose();
    }
}
