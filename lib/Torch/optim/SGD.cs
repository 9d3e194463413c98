using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch.Optim;

/// <summary>
/// torch.optim.SGD (PyTorch 1.13's single-tensor path) with momentum, dampening, Nesterov and L2 weight decay.
/// State per parameter: "momentum_buffer", created on the first step as a copy of that step's update.
/// </summary>
public sealed class SGD : Optimizer
{
    public SGD(IEnumerable<Tensor> @params, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
        bool nesterov = false, bool maximize = false)
        : this(new[] { new ParamGroup(@params) }, lr, momentum, dampening, weight_decay, nesterov, maximize) { }

    public SGD(IEnumerable<ParamGroup> param_groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
        bool nesterov = false, bool maximize = false)
        : base(param_groups, Defaults(lr, momentum, dampening, weight_decay, nesterov, maximize)) { }

    private static Dictionary<string, object> Defaults(double lr, double momentum, double dampening, double weight_decay, bool nesterov, bool maximize)
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, $"Invalid learning rate: {lr}");
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"Invalid momentum value: {momentum}");
        if (!(weight_decay >= 0)) throw new ArgumentOutOfRangeException(nameof(weight_decay), weight_decay, $"Invalid weight_decay value: {weight_decay}");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(nesterov));
        return new() { ["lr"] = lr, ["momentum"] = momentum, ["dampening"] = dampening, ["weight_decay"] = weight_decay,
                       ["nesterov"] = nesterov, ["maximize"] = maximize };
    }

    protected override unsafe void step_group(ParamGroup group, Tensor[] @params)
    {
        var states = @params.Select(state_of).ToList();
        var ps = Handles(@params);
        // Zero handles ask the native step to create the buffer, as PyTorch does on a parameter's first step.
        var buffers = states.Select(s => s.TryGetValue("momentum_buffer", out var b) ? b.Handle : IntPtr.Zero).ToArray();
        int status;
        fixed (IntPtr* p = ps, b = buffers)
        {
            status = LibTorch.dn_sgd_step(p, ps.Length, b, group.lr, group.get<double>("momentum"), group.get<double>("dampening"),
                group.get<double>("weight_decay"), group.get<bool>("nesterov") ? 1 : 0, group.get<bool>("maximize") ? 1 : 0);
        }
        // Adopt the new buffers before reporting a failure, so none created before it leaks.
        for (var i = 0; i < states.Count; i++)
        {
            if (buffers[i] != IntPtr.Zero && !states[i].ContainsKey("momentum_buffer"))
                states[i]["momentum_buffer"] = new Tensor(buffers[i], attachToScope: false);
        }
        NativeError.Check(status);
    }
}
