namespace Dino.Repro.Models;

/// <summary>
/// PyTorch's LambdaLR (each group's rate = its initial rate × factor(epoch)) that, unlike TorchSharp's schedulers, exposes
/// its epoch, so a checkpoint can save it and <see cref="Restore"/> can continue from it bit for bit.
/// </summary>
public sealed class ResumableLambdaLR : optim.lr_scheduler.LRScheduler
{
    private readonly double[] baseRates;
    private readonly Func<int, double> factor;

    public ResumableLambdaLR(optim.Optimizer optimizer, Func<int, double> factor)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(factor);
        baseRates = optimizer.ParamGroups.Select(g => g.InitialLearningRate).ToArray();
        this.factor = factor;
        step(); // as PyTorch's constructor: epoch 0's rate
    }

    /// <summary>
    /// pix2pix/CycleGAN's "linear" policy (lambda_rule): the initial rate for <paramref name="nEpochs"/> epochs, then a
    /// linear decay over <paramref name="nEpochsDecay"/>: 1 − max(0, epoch + epochCount − nEpochs) / (nEpochsDecay + 1),
    /// so the last epoch ends at 1/(nEpochsDecay + 1), not 0; epochCount is the 1-based starting epoch.
    /// </summary>
    public static Func<int, double> LinearDecay(int nEpochs, int nEpochsDecay, int epochCount = 1)
    {
        if (nEpochs < 0)
            throw new ArgumentOutOfRangeException(nameof(nEpochs), nEpochs, "n_epochs must be non-negative");
        if (nEpochsDecay < 0)
            throw new ArgumentOutOfRangeException(nameof(nEpochsDecay), nEpochsDecay, "n_epochs_decay must be non-negative");
        return epoch => 1.0 - Math.Max(0, epoch + epochCount - nEpochs) / (double)(nEpochsDecay + 1);
    }

    /// <summary>The epoch the current rate belongs to (PyTorch's last_epoch; 0 after construction).</summary>
    public int LastEpoch { get; private set; } = -1;

    public override void step(int? epoch)
    {
        LastEpoch = epoch ?? LastEpoch + 1;
        base.step(epoch);
    }

    /// <summary>Continues from a checkpoint: the rate of <paramref name="lastEpoch"/>, computed as at that step.</summary>
    public void Restore(int lastEpoch)
    {
        if (lastEpoch < 0)
            throw new ArgumentOutOfRangeException(nameof(lastEpoch), lastEpoch, "a restored epoch is at least 0");
        step(lastEpoch);
    }

    protected override IEnumerable<double> get_lr() => baseRates.Select(rate => rate * factor(LastEpoch));

    protected override IEnumerable<double> get_closed_form_lr() => get_lr();
}
