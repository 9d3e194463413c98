using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch.Optim;

/// <summary>
/// torch.optim.RMSprop (PyTorch 1.13's single-tensor path). State per parameter: "step", "square_avg", and
/// "momentum_buffer" (momentum &gt; 0) and "grad_avg" (centered).
/// </summary>
public sealed class RMSprop : Optimizer
{
    public RMSprop(IEnumerable<Tensor> @params, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0,
        double momentum = 0, bool centered = false, bool maximize = false)
        : this(new[] { new ParamGroup(@params) }, lr, alpha, eps, weight_decay, momentum, centered, maximize) { }

    public RMSprop(IEnumerable<ParamGroup> param_groups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weight_decay = 0,
        double momentum = 0, bool centered = false, bool maximize = false)
        : base(param_groups, Defaults(lr, alpha, eps, weight_decay, momentum, centered, maximize)) { }

    private static Dictionary<string, object> Defaults(double lr, double alpha, double eps, double weight_decay, double momentum, bool centered, bool maximize)
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, $"Invalid learning rate: {lr}");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"Invalid epsilon value: {eps}");
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"Invalid momentum value: {momentum}");
        if (!(weight_decay >= 0)) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, $"Invalid weight_decay value: {weight_decay}");
        if (!(alpha >= 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"Invalid alpha value: {alpha}");
        return new() { ["lr"] = lr, ["momentum"] = momentum, ["alpha"] = alpha, ["eps"] = eps, ["centered"] = centered,
                       ["weight_decay"] = weight_decay, ["maximize"] = maximize };
    }

    protected override unsafe void step_group(ParamGroup group, Tensor[] @params)
    {
        var momentum = group.get<double>("momentum");
        var centered = group.get<bool>("centered");
        var states = @params.Select(p => State(p, momentum > 0, centered)).ToList();
        var ps = Handles(@params);
        var steps = Handles(states, "step");
        var squares = Handles(states, "square_avg");
        var grads = centered ? Handles(states, "grad_avg") : null;
        var buffers = momentum > 0 ? Handles(states, "momentum_buffer") : null;
        fixed (IntPtr* p = ps, st = steps, sq = squares, g = grads, b = buffers)
        {
            NativeError.Check(LibTorch.dn_rmsprop_step(p, ps.Length, st, sq, g, b, group.lr, group.get<double>("alpha"), group.get<double>("eps"),
                group.get<double>("weight_decay"), momentum, centered ? 1 : 0, group.get<bool>("maximize") ? 1 : 0));
        }
    }

    private OrderedDictionary<string, Tensor> State(Tensor parameter, bool momentum, bool centered)
    {
        var s = state_of(parameter);
        // PyTorch keeps the step as a Python int; an int64 scalar is its tensor form.
        if (!s.ContainsKey("step")) s["step"] = Owned(torch.zeros(Array.Empty<long>(), ScalarType.Int64));
        if (!s.ContainsKey("square_avg")) s["square_avg"] = ZerosLike(parameter);
        if (momentum && !s.ContainsKey("momentum_buffer")) s["momentum_buffer"] = ZerosLike(parameter);
        if (centered && !s.ContainsKey("grad_avg")) s["grad_avg"] = ZerosLike(parameter);
        return s;
    }
}
