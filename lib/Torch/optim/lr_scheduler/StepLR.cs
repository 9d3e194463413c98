namespace Dino.Repro.Torch.Optim.LRSchedulers;

/// <summary>torch.optim.lr_scheduler.StepLR: multiplies the rate by gamma every step_size epochs.</summary>
public sealed class StepLR : LRScheduler
{
    private readonly int step_size;
    private readonly double gamma;

    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        if (step_size <= 0) throw new ArgumentOutOfRangeException(nameof(step_size), step_size, "step_size must be positive");
        this.step_size = step_size;
        this.gamma = gamma;
        initial_step();
    }

    protected override double[] get_lr() =>
        last_epoch == 0 || last_epoch % step_size != 0 ? group_lrs : group_lrs.Select(lr => lr * gamma).ToArray();
}

/// <summary>torch.optim.lr_scheduler.MultiStepLR: multiplies the rate by gamma at each milestone (repeated milestones count twice).</summary>
public sealed class MultiStepLR : LRScheduler
{
    private readonly Dictionary<int, int> milestones;
    private readonly double gamma;

    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        this.milestones = milestones.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        this.gamma = gamma;
        initial_step();
    }

    protected override double[] get_lr() =>
        milestones.TryGetValue(last_epoch, out var count)
            ? group_lrs.Select(lr => lr * Math.Pow(gamma, count)).ToArray()
            : group_lrs;
}
