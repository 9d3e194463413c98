using System.Text.Json;

namespace Dino.Repro.Torch.Optim.LRSchedulers;

/// <summary>
/// The base of learning-rate schedulers, as PyTorch's <c>_LRScheduler</c>: construction records each group's
/// "initial_lr" and applies the epoch-0 rate; every <see cref="step"/> advances <see cref="last_epoch"/> and writes
/// the new rates into the optimiser's groups. Subclasses give PyTorch's chainable <see cref="get_lr"/> (computed
/// from the groups' current rates), so the sequences match PyTorch's to the bit. Call it after optimizer.step().
/// To resume, build the optimiser and scheduler as for a new run, then load the optimiser's state_dict (which
/// restores the rates) and the scheduler's, as in PyTorch.
/// </summary>
public abstract class LRScheduler
{
    private double[] lastLr = Array.Empty<double>();

    protected LRScheduler(Optimizer optimizer, int last_epoch)
    {
        this.optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        var groups = optimizer.param_groups;
        for (var i = 0; i < groups.Count; i++)
        {
            if (last_epoch == -1) groups[i].setdefault("initial_lr", groups[i].lr);
            else if (!groups[i].ContainsKey("initial_lr"))
                throw new KeyNotFoundException($"param 'initial_lr' is not specified in param_groups[{i}] when resuming an optimizer");
        }
        base_lrs = groups.Select(g => g.get<double>("initial_lr")).ToArray();
        this.last_epoch = last_epoch;
    }

    public Optimizer optimizer { get; }

    /// <summary>The index of the last epoch (step) whose rate was applied; -1 before the initial step.</summary>
    public int last_epoch { get; private set; }

    public IReadOnlyList<double> base_lrs { get; private set; }

    /// <summary>How often <see cref="step"/> ran, the initial step included.</summary>
    public int step_count { get; private set; }

    /// <summary>Each group's rate as last set by this scheduler.</summary>
    public IReadOnlyList<double> get_last_lr() => lastLr;

    /// <summary>The rates for <see cref="last_epoch"/>, one per group (PyTorch's chainable form).</summary>
    protected abstract double[] get_lr();

    /// <summary>The groups' current rates, which chainable forms multiply.</summary>
    protected double[] group_lrs => optimizer.param_groups.Select(g => g.lr).ToArray();

    /// <summary>Subclass constructors call this last, once their settings are in place (PyTorch's _initial_step).</summary>
    protected void initial_step()
    {
        step_count = 0;
        step();
    }

    public void step()
    {
        step_count++;
        last_epoch++;
        var values = get_lr();
        var groups = optimizer.param_groups;
        for (var i = 0; i < groups.Count; i++) groups[i].lr = values[i];
        lastLr = groups.Select(g => g.lr).ToArray();
    }

    /// <summary>The scheduler's progress; its settings (step_size, gamma, ...) come from its constructor.</summary>
    public LRSchedulerState state_dict() => new(last_epoch, step_count, base_lrs.ToArray(), lastLr.ToArray());

    /// <summary>Restores the progress; the optimiser's own state_dict restores the groups' rates.</summary>
    public void load_state_dict(LRSchedulerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.base_lrs.Length != optimizer.param_groups.Count)
            throw new InvalidDataException($"scheduler state has {state.base_lrs.Length} base_lrs but the optimizer has {optimizer.param_groups.Count} groups");
        last_epoch = state.last_epoch;
        step_count = state.step_count;
        base_lrs = state.base_lrs.ToArray();
        lastLr = state.last_lr.ToArray();
    }
}

/// <summary>A scheduler's progress, as PyTorch's scheduler state_dict; JSON-round-trippable for checkpoint metadata.</summary>
public sealed record LRSchedulerState(int last_epoch, int step_count, double[] base_lrs, double[] last_lr)
{
    public string to_json() => JsonSerializer.Serialize(this);

    public static LRSchedulerState from_json(string json) =>
        JsonSerializer.Deserialize<LRSchedulerState>(json) ?? throw new InvalidDataException("scheduler state JSON is null");
}
