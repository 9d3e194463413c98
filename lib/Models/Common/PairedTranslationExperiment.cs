using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Models.Common;

/// <summary>
/// What every paired image-to-image experiment (DINO, pix2pix, BicycleGAN) does the same way: it owns the batch source,
/// augmented as its reference does when the options ask for it; it trains on <see cref="Device"/>; and its sample grids
/// show the first pairs of the data's first batch all run long, in a resumed run too. Subclasses add only their
/// networks, losses and update order.
/// </summary>
public abstract class PairedTranslationExperiment<TOptions> : Experiment<TOptions>
    where TOptions : ImageToImageOptions
{
    private readonly IBatchSource data;
    private readonly Tensor sampleSource;
    private readonly Tensor sampleTarget;

    /// <param name="augmentation">The reference's augmentation, applied when <see cref="ImageToImageOptions.Augment"/> is on.</param>
    protected PairedTranslationExperiment(TOptions options, IBatchSource data, PairedAugmentation augmentation)
        : base(options)
    {
        this.data = options.Augmented(data ?? throw new ArgumentNullException(nameof(data)), augmentation);
        Device = TargetDevice;
        (sampleSource, sampleTarget) = FirstPairs(this.data, options.SampleCount, Device);
    }

    // The pairs of the batch at the data's start, read once here and the position put back: the batches are addressed
    // by position (augmentation included), so these are the pairs an uninterrupted run's first step sees, whichever
    // step a run resumes at.
    private static (Tensor source, Tensor target) FirstPairs(IBatchSource data, int count, Device device)
    {
        var start = data.Position;
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var batch = data.Next();
        data.Position = start;
        var n = Math.Min(count, batch.Size);
        var source = batch[PairedBatches.ConditionKey].narrow(0, 0, n).to(device).clone();
        var target = batch[PairedBatches.TargetKey].narrow(0, 0, n).to(device).clone();
        return (source.DetachFromDisposeScope(), target.DetachFromDisposeScope());
    }

    /// <summary>Where the networks live and every batch is moved to.</summary>
    protected Device Device { get; }

    public sealed override IBatchSource Data => data;

    /// <summary>The batch's condition ("A") and target ("B") on <see cref="Device"/>.</summary>
    protected (Tensor source, Tensor target) PairOnDevice(Batch batch) =>
        (batch[PairedBatches.ConditionKey].to(Device), batch[PairedBatches.TargetKey].to(Device));

    /// <summary>
    /// A grid with one row per kept pair: source | target | each image <paramref name="translate"/> makes from
    /// (source, target), computed without gradients.
    /// </summary>
    protected Tensor SampleRows(Func<Tensor, Tensor, IReadOnlyList<Tensor>> translate)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        return SampleGrids.Rows([sampleSource, sampleTarget, .. translate(sampleSource, sampleTarget)]).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        sampleSource.Dispose();
        sampleTarget.Dispose();
    }
}
