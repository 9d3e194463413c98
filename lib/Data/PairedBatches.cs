using Dino.Repro.Torch;
using Dino.Repro.Training;

namespace Dino.Repro.Data;

/// <summary>Turns loaded examples into the training loop's batch source: "A" condition, "B" photo, "labels".</summary>
public static class PairedBatches
{
    /// <summary>
    /// Stacks <paramref name="examples"/> (all of one size) into a <see cref="ShuffledBatches"/> reshuffled per epoch
    /// from <paramref name="seed"/> (drop_last, as the references' DataLoaders). The examples are disposed.
    /// </summary>
    public static ShuffledBatches Create(IReadOnlyList<PairedExample> examples, int batchSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("no examples to batch (is the split empty?)", nameof(examples));
        using var scope = torch.NewDisposeScope();
        var data = new Dictionary<string, Tensor>
        {
            ["A"] = torch.stack(examples.Select(e => e.Condition).ToArray(), 0).MoveToOuterDisposeScope(),
            ["B"] = torch.stack(examples.Select(e => e.Photo).ToArray(), 0).MoveToOuterDisposeScope(),
            ["labels"] = torch.stack(examples.Select(e => e.Labels).ToArray(), 0).MoveToOuterDisposeScope(),
        };
        foreach (var e in examples) e.Dispose();
        return new ShuffledBatches(data, batchSize, seed);
    }
}
