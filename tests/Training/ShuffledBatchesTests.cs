using Dino.Repro.Data.Loading;
using Dino.Repro.Models.ToyGan;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class ShuffledBatchesTests
{
    [Fact]
    public void Each_epoch_visits_every_example_once_in_a_new_order()
    {
        using var source = new ShuffledBatches(new Dictionary<string, Tensor> { ["i"] = torch.arange(Scalars.Of(12)) }, 4, seed: 3);
        var epochs = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 3).SelectMany(_ => Take(source)).ToArray()).ToArray();
        Assert.All(epochs, e => Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), e.Order()));
        Assert.NotEqual(epochs[0], epochs[1]);
        Assert.Equal(new DataPosition(1, 12, 3), source.Position);
    }

    [Fact]
    public void A_restored_position_gives_the_same_batches()
    {
        using var a = new ShuffledBatches(new Dictionary<string, Tensor> { ["i"] = torch.arange(Scalars.Of(10)) }, 3, seed: 8);
        for (var i = 0; i < 4; i++)
            Take(a); // into the second epoch (3 batches of 3 per epoch, one example dropped)
        var saved = a.Position;
        var expected = Enumerable.Range(0, 5).Select(_ => Take(a)).ToArray();

        using var b = new ShuffledBatches(new Dictionary<string, Tensor> { ["i"] = torch.arange(Scalars.Of(10)) }, 3, seed: 8);
        b.Position = saved;
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => Take(b)).ToArray());
        Assert.Throws<InvalidDataException>(() => b.Position = saved with { ShuffleSeed = 9 });
    }

    [Fact]
    public void Shapes_are_the_same_for_the_same_seed_and_lie_in_minus_one_to_one()
    {
        using var a = ShapesDataset.Generate(32, 5);
        using var b = ShapesDataset.Generate(32, 5);
        using var c = ShapesDataset.Generate(32, 6);
        Assert.True(a.Equals(b));
        Assert.False(a.Equals(c));
        var values = a.ToArray<float>();
        Assert.All(values, v => Assert.True(v is -1f or 1f));
        var lit = values.Count(v => v > 0) / (double)values.Length;
        Assert.InRange(lit, 0.02, 0.4); // one shape of side 4–8 on a 16×16 image, in one to three channels
    }

    private static long[] Take(ShuffledBatches source)
    {
        using var scope = torch.NewDisposeScope();
        return source.Next()["i"].ToArray<long>();
    }
}
