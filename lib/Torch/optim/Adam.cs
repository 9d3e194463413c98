using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch.Optim;

/// <summary>
/// torch.optim.Adam (PyTorch 1.13's single-tensor path): L2 weight decay added to the gradient, optional
/// AMSGrad. State per parameter: "step" (a float32 scalar, as PyTorch), "exp_avg", "exp_avg_sq" and, with
/// amsgrad, "max_exp_avg_sq".
/// </summary>
public class Adam : Optimizer
{
    public Adam(IEnumerable<Tensor> @params, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : this(new[] { new ParamGroup(@params) }, lr, betas, eps, weight_decay, amsgrad, maximize) { }

    public Adam(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : base(param_groups, Defaults(lr, betas ?? (0.9, 0.999), eps, weight_decay, amsgrad, maximize)) { }

    /// <summary>AdamW applies weight decay to the parameter directly instead of through the gradient.</summary>
    private protected virtual bool decoupled_weight_decay => false;

    private static Dictionary<string, object> Defaults(double lr, (double, double) betas, double eps, double weight_decay, bool amsgrad, bool maximize)
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, $"Invalid learning rate: {lr}");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"Invalid epsilon value: {eps}");
        if (!(betas.Item1 >= 0 && betas.Item1 < 1)) throw new ArgumentOutOfRangeException(nameof(betas), betas, $"Invalid beta parameter at index 0: {betas.Item1}");
        if (!(betas.Item2 >= 0 && betas.Item2 < 1)) throw new ArgumentOutOfRangeException(nameof(betas), betas, $"Invalid beta parameter at index 1: {betas.Item2}");
        if (!(weight_decay >= 0)) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, $"Invalid weight_decay value: {weight_decay}");
        return new() { ["lr"] = lr, ["betas"] = betas, ["eps"] = eps, ["weight_decay"] = weight_decay, ["amsgrad"] = amsgrad, ["maximize"] = maximize };
    }

    protected override unsafe void step_group(ParamGroup group, Tensor[] @params)
    {
        var amsgrad = group.get<bool>("amsgrad");
        var states = @params.Select(p => State(p, amsgrad)).ToList();
        var (beta1, beta2) = group.get<(double, double)>("betas");
        var ps = Handles(@params);
        var steps = Handles(states, "step");
        var avgs = Handles(states, "exp_avg");
        var sqs = Handles(states, "exp_avg_sq");
        var maxs = amsgrad ? Handles(states, "max_exp_avg_sq") : null;
        fixed (IntPtr* p = ps, st = steps, a = avgs, s = sqs, m = maxs)
        {
            var status = decoupled_weight_decay
                ? LibTorch.dn_adamw_step(p, ps.Length, st, a, s, m, group.lr, beta1, beta2, group.get<double>("eps"),
                    group.get<double>("weight_decay"), amsgrad ? 1 : 0, group.get<bool>("maximize") ? 1 : 0)
                : LibTorch.dn_adam_step(p, ps.Length, st, a, s, m, group.lr, beta1, beta2, group.get<double>("eps"),
                    group.get<double>("weight_decay"), amsgrad ? 1 : 0, group.get<bool>("maximize") ? 1 : 0);
            NativeError.Check(status);
        }
    }

    private OrderedDictionary<string, Tensor> State(Tensor parameter, bool amsgrad)
    {
        var s = state_of(parameter);
        if (s.Count == 0)
        {
            s["step"] = Owned(torch.zeros(Array.Empty<long>(), ScalarType.Float32));  // on the CPU, as PyTorch's torch.tensor(0.)
            s["exp_avg"] = ZerosLike(parameter);
            s["exp_avg_sq"] = ZerosLike(parameter);
        }
        // Also covers amsgrad switched on for a group that already has state.
        if (amsgrad && !s.ContainsKey("max_exp_avg_sq")) s["max_exp_avg_sq"] = ZerosLike(parameter);
        return s;
    }
}

/// <summary>torch.optim.AdamW: Adam with decoupled weight decay (param *= 1 - lr·weight_decay), default 1e-2.</summary>
public sealed class AdamW : Adam
{
    public AdamW(IEnumerable<Tensor> @params, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(@params, lr, betas, eps, weight_decay, amsgrad, maximize) { }

    public AdamW(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(param_groups, lr, betas, eps, weight_decay, amsgrad, maximize) { }

    private protected override bool decoupled_weight_decay => true;
}
