namespace Dino.Repro.Torch.Optim.LRSchedulers;

/// <summary>
/// torch.optim.lr_scheduler.LinearLR: the factor goes linearly from start_factor to end_factor over total_iters
/// steps, then stays. Uses PyTorch's chainable update, so rates match PyTorch's bit for bit.
/// </summary>
public sealed class LinearLR : LRScheduler
{
    private readonly double start_factor;
    private readonly double end_factor;
    private readonly int total_iters;

    public LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5, int last_epoch = -1)
        : base(optimizer, last_epoch)
    {
        if (start_factor > 1.0 || start_factor < 0)
            throw new ArgumentOutOfRangeException(nameof(start_factor), start_factor, "Starting multiplicative factor expected to be between 0 and 1.");
        if (end_factor > 1.0 || end_factor < 0)
            throw new ArgumentOutOfRangeException(nameof(end_factor), end_factor, "Ending multiplicative factor expected to be between 0 and 1.");
        this.start_factor = start_factor;
        this.end_factor = end_factor;
        this.total_iters = total_iters;
        initial_step();
    }

    protected override double[] get_lr()
    {
        if (last_epoch == 0) return group_lrs.Select(lr => lr * start_factor).ToArray();
        if (last_epoch > total_iters) return group_lrs;
        var factor = 1.0 + (end_factor - start_factor) /
            (total_iters * start_factor + (last_epoch - 1) * (end_factor - start_factor));
        return group_lrs.Select(lr => lr * factor).ToArray();
    }
}
