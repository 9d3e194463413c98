using Dino.Repro.Data.Loading;
using Dino.Repro.Training;

namespace Dino.Repro.Data;

/// <summary>Turns loaded examples into the training loop's batch source: "A" condition, "B" photo, "labels".</summary>
public static class PairedBatches
{
    /// <summary>The condition image (label map or palette image), [B, C, H, W] in [−1, 1].</summary>
    public const string ConditionKey = "A";

    /// <summary>The photo to produce, [B, 3, H, W] in [−1, 1].</summary>
    public const string TargetKey = "B";

    /// <summary>The class index of every pixel, int64 [B, H, W].</summary>
    public const string LabelsKey = "labels";

    /// <summary>
    /// Stacks <paramref name="examples"/> (all of one size) into a <see cref="ShuffledBatches"/> reshuffled per epoch
    /// from <paramref name="seed"/> (drop_last, as the references' DataLoaders). The examples are disposed.
    /// </summary>
    public static ShuffledBatches Create(IReadOnlyList<PairedExample> examples, int batchSize, long seed) => new(Stack(examples), batchSize, seed);

    /// <summary>
    /// <paramref name="examples"/> (all of one size) stacked along a new dimension 0 under the batch keys (what
    /// <see cref="Create"/> batches, and what a decoded-tensor cache stores). The examples are disposed.
    /// </summary>
    public static Dictionary<string, Tensor> Stack(IReadOnlyList<PairedExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
            throw new ArgumentException("no examples to batch (is the split empty?)", nameof(examples));
        using var scope = torch.NewDisposeScope();
        var data = new Dictionary<string, Tensor>
        {
            [ConditionKey] = torch.stack(examples.Select(e => e.Condition).ToArray(), 0).MoveToOuterDisposeScope(),
            [TargetKey] = torch.stack(examples.Select(e => e.Photo).ToArray(), 0).MoveToOuterDisposeScope(),
            [LabelsKey] = torch.stack(examples.Select(e => e.Labels).ToArray(), 0).MoveToOuterDisposeScope(),
        };
        foreach (var e in examples)
            e.Dispose();
        return data;
    }
}
