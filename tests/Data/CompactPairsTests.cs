using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Tests.App.Reproduce;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Data;

/// <summary>The 8-bit training split: a quarter of the memory, and batches bit-identical to the float ones.</summary>
public class CompactPairsTests
{
    [Fact]
    public void Photos_palette_conditions_and_labels_become_bytes_and_widen_back_exactly()
    {
        using var data = new DataRootScope();
        var corpus = ImageToImageData.Shapes(20, 32);
        using var original = corpus.Load(0, 32);
        using var compact = CompactPairs.Compact(corpus.Load(0, 32));
        Assert.Equal(ScalarType.Byte, compact.Condition.dtype);
        Assert.Equal(ScalarType.Byte, compact.Photo.dtype);
        Assert.Equal(ScalarType.Byte, compact.Labels.dtype);
        // Level u at [y, x, c] stands for u / 127.5 − 1 at [c, y, x], the value ImageTensor.ToChw gives the byte u.
        Assert.Equal([32L, 32, 3], compact.Photo.shape);
        using var photo = compact.Photo.permute(2, 0, 1).to(ScalarType.Float32).div(Scalars.Of(127.5)).sub(Scalars.Of(1.0));
        Assert.True(photo.Equals(original.Photo));
        using var labels = compact.Labels.to(ScalarType.Int64);
        Assert.True(labels.Equals(original.Labels));
    }

    [Fact]
    public void A_one_hot_condition_or_off_grid_values_stay_as_they_are()
    {
        using var oneHot = torch.zeros(5, 4, 4);
        using (var channel = oneHot[1])
            channel.fill_(Scalars.Of(1.0));
        using var offGrid = torch.full([3, 4, 4], Scalars.Of(0.3));
        using var wideLabels = torch.full([4, 4], Scalars.Of(300), ScalarType.Int64);
        using var example = CompactPairs.Compact(new PairedExample("x", oneHot.clone(), offGrid.clone(), wideLabels.clone()));
        Assert.Equal(ScalarType.Float32, example.Condition.dtype);
        Assert.True(example.Condition.Equals(oneHot));
        Assert.True(example.Photo.Equals(offGrid));
        Assert.Equal(ScalarType.Int64, example.Labels.dtype);
    }

    [Fact]
    public void Training_batches_from_the_compact_cache_equal_those_of_the_float_split()
    {
        using var data = new DataRootScope();
        var corpus = ImageToImageData.Shapes(40, 32);
        using var expected = PairedBatches.Create(corpus.LoadAll(CelebASplit.Train, 32), 4, seed: 11);
        var compact = ImageToImageData.Open("shapes", 32, 4, seed: 11, shapesCount: 40);
        try
        {
            for (var step = 0; step < 12; step++) // past an epoch of 32 training pairs: the reshuffle too
            {
                using var scope = torch.NewDisposeScope();
                var (a, b) = (expected.Next(), compact.Next());
                foreach (var key in new[] { PairedBatches.ConditionKey, PairedBatches.TargetKey, PairedBatches.LabelsKey })
                {
                    Assert.Equal(a[key].dtype, b[key].dtype);
                    Assert.True(a[key].Equals(b[key]), $"step {step}: {key} differs");
                }
            }
        }
        finally
        {
            (compact as IDisposable)?.Dispose();
        }
    }
}
