namespace Dino.Repro.Torch.Optim.LRSchedulers;

/// <summary>torch.optim.lr_scheduler.LambdaLR: lr = initial_lr · lr_lambda(epoch), one function for all groups or one per group.</summary>
public class LambdaLR : LRScheduler
{
    private readonly Func<int, double>[] lr_lambdas;

    public LambdaLR(Optimizer optimizer, Func<int, double> lr_lambda, int last_epoch = -1)
        : this(optimizer, Enumerable.Repeat(lr_lambda, optimizer.param_groups.Count).ToArray(), last_epoch) { }

    public LambdaLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lr_lambdas, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        if (lr_lambdas.Count != optimizer.param_groups.Count)
            throw new ArgumentException($"Expected {optimizer.param_groups.Count} lr_lambdas, but got {lr_lambdas.Count}", nameof(lr_lambdas));
        this.lr_lambdas = lr_lambdas.ToArray();
        initial_step();
    }

    protected override double[] get_lr() => base_lrs.Select((lr, i) => lr * lr_lambdas[i](last_epoch)).ToArray();
}

/// <summary>
/// pix2pix/CycleGAN's "linear" policy: the initial rate for <c>n_epochs</c> epochs, then a linear decay over
/// <c>n_epochs_decay</c> epochs. Factor = 1 − max(0, epoch + epoch_count − n_epochs) / (n_epochs_decay + 1), exactly
/// pix2pix's lambda_rule (so the last epoch ends at 1/(n_epochs_decay + 1), not 0); epoch_count is the
/// 1-based starting epoch (pix2pix's --epoch_count).
/// </summary>
public sealed class LinearDecayLR : LambdaLR
{
    public LinearDecayLR(Optimizer optimizer, int n_epochs, int n_epochs_decay, int epoch_count = 1, int last_epoch = -1)
        : base(optimizer, Rule(n_epochs, n_epochs_decay, epoch_count), last_epoch) { }

    private static Func<int, double> Rule(int n_epochs, int n_epochs_decay, int epoch_count)
    {
        if (n_epochs < 0) throw new ArgumentOutOfRangeException(nameof(n_epochs), n_epochs, "n_epochs must be non-negative");
        if (n_epochs_decay < 0) throw new ArgumentOutOfRangeException(nameof(n_epochs_decay), n_epochs_decay, "n_epochs_decay must be non-negative");
        return epoch => 1.0 - Math.Max(0, epoch + epoch_count - n_epochs) / (double)(n_epochs_decay + 1);
    }
}
