using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Data;

public class PairedBatchesAugmentationTests
{
    private const int Size = 16;
    private const int Count = 32;

    /// <summary>Random pairs with B = −A exactly (so B must get exactly A's transform) and random labels 0..9.</summary>
    private static ShuffledBatches Pairs(long seed = 5)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var a = torch.rand(new long[] { Count, 3, Size, Size }, generator: generator) * Scalars.Of(2) - Scalars.Of(1);
        var labels = torch.randint(0, 10, new long[] { Count, Size, Size }, generator: generator);
        return new ShuffledBatches(
            new Dictionary<string, Tensor>
            {
                ["A"] = a,
                ["B"] = -a,
                ["labels"] = labels,
            },
            Count,
            seed
        );
    }

    [Fact]
    public void A_label_crop_is_resized_by_nearest_neighbour_and_flipped_as_the_closed_form_says()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(3);
        var labels = torch.randint(0, 19, new long[] { 8, 8 }, generator: generator);
        var output = PairedAugmentation.Apply(labels, new PairedAugmentation.Draw(8, (2, 3, 4), Flip: true), 8);
        var input = labels.ToArray<long>();
        var actual = output.ToArray<long>();
        Assert.Equal(ScalarType.Int64, output.dtype);
        for (var i = 0; i < 8; i++)
        for (var j = 0; j < 8; j++) // a 4×4 window at (2, 3) doubled by nearest: pixel (i, j) of the flip reads window (i/2, (7−j)/2)
            Assert.Equal(input[(2 + i / 2) * 8 + 3 + (7 - j) / 2], actual[i * 8 + j]);
    }

    [Fact]
    public void A_flip_alone_mirrors_an_image_exactly_and_no_draw_leaves_it_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(4);
        var image = torch.rand(new long[] { 3, Size, Size }, generator: generator);
        Assert.True(PairedAugmentation.Apply(image, new PairedAugmentation.Draw(Size, null, Flip: true), Size).Equals(image.flip(2)));
        Assert.True(PairedAugmentation.Apply(image, new PairedAugmentation.Draw(Size, null, Flip: false), Size).Equals(image));
    }

    [Fact]
    public void Pix2pix_draws_resize_to_286_of_256_and_crop_the_size_back_at_offsets_in_range()
    {
        var draw = PairedAugmentation.Pix2Pix.DrawFor(256, cropCoin: 0.3, cropTop: 0.999, cropLeft: 0, flipCoin: 0.7);
        Assert.Equal(286, draw.LoadSize);
        Assert.Equal((30, 0, 256), draw.Crop); // offsets 0…30, as random.randint(0, 286 − 256)
        Assert.False(draw.Flip);
        Assert.Null(PairedAugmentation.Dino.DrawFor(256, cropCoin: 0.5, 0, 0, 0).Crop); // DINO crops with p = 0.5
        Assert.Equal(230, PairedAugmentation.Dino.DrawFor(256, cropCoin: 0.49, 0, 0, 0).Crop!.Value.side); // 90 % of 256
    }

    [Fact]
    public void Condition_target_and_labels_get_the_same_crop_and_flip()
    {
        using var source = new AugmentedBatches(Pairs(), PairedAugmentation.Dino, seed: 1);
        using var inner = Pairs();
        using var scope = torch.NewDisposeScope();
        var original = inner.Next();
        var batch = source.Next();
        Assert.True(batch["B"].Equals(-batch["A"]), "B = −A before, so B must be −A after");
        var (cropped, flipped) = (0, 0);
        for (var n = 0; n < Count; n++)
        {
            // The labels are random, so exactly one window and flip explains them; A must have had the same one.
            var draw = Assert.Single(Candidates(Size), d =>
                PairedAugmentation.Apply(original["labels"].select(0, n), d, Size).Equals(batch["labels"].select(0, n))
            );
            Assert.True(
                PairedAugmentation.Apply(original["A"].select(0, n), draw, Size).Equals(batch["A"].select(0, n)),
                $"example {n}: A and labels transformed differently"
            );
            if (draw.Crop is not null)
                cropped++;
            if (draw.Flip)
                flipped++;
        }
        Assert.InRange(cropped, 1, Count - 1); // p = 0.5 each: both outcomes among 32 examples
        Assert.InRange(flipped, 1, Count - 1);
    }

    [Fact]
    public void Seeded_sources_give_the_same_batches_other_seeds_other_ones_and_a_reset_position_repeats_a_batch()
    {
        using var first = new AugmentedBatches(Pairs(), PairedAugmentation.Pix2Pix, seed: 9);
        using var second = new AugmentedBatches(Pairs(), PairedAugmentation.Pix2Pix, seed: 9);
        using var other = new AugmentedBatches(Pairs(), PairedAugmentation.Pix2Pix, seed: 10);
        using var scope = torch.NewDisposeScope();
        var start = first.Position;
        var a = first.Next();
        Assert.True(a["A"].Equals(second.Next()["A"]));
        Assert.False(a["A"].Equals(other.Next()["A"]));
        var b = first.Next();
        Assert.False(a["A"].Equals(b["A"]));
        first.Position = start;
        Assert.True(first.Next()["labels"].Equals(a["labels"]));
    }

    // Every draw DINO's augmentation can make at this size: no crop, or a 90 % window at any offset; flipped or not.
    private static IEnumerable<PairedAugmentation.Draw> Candidates(int size)
    {
        var side = (int)Math.Round(size * 0.9);
        foreach (var flip in new[] { false, true })
        {
            yield return new PairedAugmentation.Draw(size, null, flip);
            for (var top = 0; top <= size - side; top++)
            for (var left = 0; left <= size - side; left++)
                yield return new PairedAugmentation.Draw(size, (top, left, side), flip);
        }
    }
}
