using Dino.Repro.Data;
using Dino.Repro.Training;
using Dino.Repro.Data.Loading;
using Dino.Repro.Vision;

namespace Dino.Repro.Models.Common;

/// <summary>
/// What every paired image-to-image experiment (DINO, pix2pix, BicycleGAN) does the same way: it owns the batch source,
/// augmented as its reference does when the options ask for it; it trains on <see cref="Device"/>; and it keeps the
/// first pairs it sees so that its sample grids show the same pairs all run long. Subclasses add only their networks,
/// losses and update order.
/// </summary>
public abstract class PairedTranslationExperiment<TOptions> : Experiment<TOptions> where TOptions : ImageToImageOptions
{
    private readonly IBatchSource data;
    private Tensor? sampleSource;
    private Tensor? sampleTarget;

    /// <param name="augmentation">The reference's augmentation, applied when <see cref="ImageToImageOptions.Augment"/> is on.</param>
    protected PairedTranslationExperiment(TOptions options, IBatchSource data, PairedAugmentation augmentation) : base(options)
    {
        this.data = options.Augmented(data ?? throw new ArgumentNullException(nameof(data)), augmentation);
        Device = TargetDevice;
    }

    /// <summary>Where the networks live and every batch is moved to.</summary>
    protected Device Device { get; }

    public sealed override IBatchSource Data => data;

    /// <summary>The batch's condition ("A") and target ("B") on <see cref="Device"/>; the first pairs ever seen are kept for the grids.</summary>
    protected (Tensor source, Tensor target) PairOnDevice(Batch batch)
    {
        var source = batch[PairedBatches.ConditionKey].to(Device);
        var target = batch[PairedBatches.TargetKey].to(Device);
        if (sampleSource is null)
        {
            var n = Math.Min(Options.SampleCount, source.size(0));
            using var _ = torch.no_grad();
            sampleSource = source.narrow(0, 0, n).clone().DetachFromDisposeScope();
            sampleTarget = target.narrow(0, 0, n).clone().DetachFromDisposeScope();
        }
        return (source, target);
    }

    /// <summary>
    /// A grid with one row per kept pair: source | target | each image <paramref name="translate"/> makes from
    /// (source, target), computed without gradients. Null before the first step.
    /// </summary>
    protected Tensor? SampleRows(Func<Tensor, Tensor, IReadOnlyList<Tensor>> translate)
    {
        if (sampleSource is null || sampleTarget is null) return null;
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        return SampleGrids.Rows([sampleSource, sampleTarget, .. translate(sampleSource, sampleTarget)]).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        sampleSource?.Dispose();
        sampleTarget?.Dispose();
    }
}
