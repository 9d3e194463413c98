using F = Dino.Repro.Torch.torch.nn.functional;

namespace Dino.Repro.Torch.Modules;

/// <summary>The base of the two-input losses: forward(input, target) with a reduction ("none", "mean", "sum").</summary>
public abstract class Loss : Module<Tensor, Tensor, Tensor>
{
    protected Loss(string name, string reduction, bool allow_batchmean = false) : base(name)
    {
        if (!(allow_batchmean && reduction == "batchmean")) LossArgs.Reduction(reduction);
        this.reduction = reduction;
    }

    public string reduction { get; }

    /// <summary>Registers an optional class/element weight as a buffer (as PyTorch does); the module keeps its own handle.</summary>
    protected void register_weight(string key, Tensor? weight) => register_buffer(key, weight?.alias());

    protected override string extra_repr() => "";
}

public sealed class L1Loss(string reduction = "mean") : Loss(nameof(L1Loss), reduction)
{
    public override Tensor forward(Tensor input, Tensor target) => F.l1_loss(input, target, reduction);
}

public sealed class MSELoss(string reduction = "mean") : Loss(nameof(MSELoss), reduction)
{
    public override Tensor forward(Tensor input, Tensor target) => F.mse_loss(input, target, reduction);
}

public sealed class SmoothL1Loss(string reduction = "mean", double beta = 1.0) : Loss(nameof(SmoothL1Loss), reduction)
{
    public double beta { get; } = beta;
    public override Tensor forward(Tensor input, Tensor target) => F.smooth_l1_loss(input, target, reduction, beta);
}

public sealed class BCELoss : Loss
{
    public BCELoss(Tensor? weight = null, string reduction = "mean") : base(nameof(BCELoss), reduction) => register_weight("weight", weight);

    public override Tensor forward(Tensor input, Tensor target) => F.binary_cross_entropy(input, target, get_buffer("weight"), reduction);
}

public sealed class BCEWithLogitsLoss : Loss
{
    public BCEWithLogitsLoss(Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null) : base(nameof(BCEWithLogitsLoss), reduction)
    {
        register_weight("weight", weight);
        register_weight("pos_weight", pos_weight);
    }

    public override Tensor forward(Tensor input, Tensor target) =>
        F.binary_cross_entropy_with_logits(input, target, get_buffer("weight"), reduction, get_buffer("pos_weight"));
}

public sealed class CrossEntropyLoss : Loss
{
    public CrossEntropyLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean", double label_smoothing = 0.0)
        : base(nameof(CrossEntropyLoss), reduction)
    {
        register_weight("weight", weight);
        this.ignore_index = ignore_index;
        this.label_smoothing = label_smoothing;
    }

    public long ignore_index { get; }
    public double label_smoothing { get; }

    public override Tensor forward(Tensor input, Tensor target) =>
        F.cross_entropy(input, target, get_buffer("weight"), ignore_index, reduction, label_smoothing);
}

public sealed class NLLLoss : Loss
{
    public NLLLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean") : base(nameof(NLLLoss), reduction)
    {
        register_weight("weight", weight);
        this.ignore_index = ignore_index;
    }

    public long ignore_index { get; }

    public override Tensor forward(Tensor input, Tensor target) => F.nll_loss(input, target, get_buffer("weight"), ignore_index, reduction);
}

/// <summary>KL divergence of log-probabilities against a target distribution; reduction may also be "batchmean".</summary>
public sealed class KLDivLoss(string reduction = "mean", bool log_target = false) : Loss(nameof(KLDivLoss), reduction, allow_batchmean: true)
{
    public bool log_target { get; } = log_target;
    public override Tensor forward(Tensor input, Tensor target) => F.kl_div(input, target, reduction, log_target);
}

/// <summary>CTC loss (PyTorch's nn.CTCLoss); its forward takes the four tensors of <see cref="F.ctc_loss(Tensor, Tensor, Tensor, Tensor, long, string, bool)"/>.</summary>
public sealed class CTCLoss : Module
{
    public CTCLoss(long blank = 0, string reduction = "mean", bool zero_infinity = false) : base(nameof(CTCLoss))
    {
        LossArgs.Reduction(reduction);
        this.blank = blank;
        this.reduction = reduction;
        this.zero_infinity = zero_infinity;
    }

    public long blank { get; }
    public string reduction { get; }
    public bool zero_infinity { get; }

    public Tensor forward(Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths) =>
        F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity);

    public Tensor call(Tensor log_probs, Tensor targets, Tensor input_lengths, Tensor target_lengths)
    {
        RunForwardPreHooks();
        return forward(log_probs, targets, input_lengths, target_lengths);
    }
}
