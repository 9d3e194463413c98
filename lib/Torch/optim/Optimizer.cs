using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch.Optim;

/// <summary>
/// The base of every optimiser, as <c>torch.optim.Optimizer</c>: parameter groups with their own
/// hyper-parameters, per-parameter state tensors created on a parameter's first step, and a state_dict that
/// lets a resumed run continue bit-identically. Subclasses implement <see cref="step_group"/> with one fused
/// native call per group. The optimiser owns its state tensors; dispose it to free them.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly List<ParamGroup> groups = new();
    private readonly Dictionary<Tensor, OrderedDictionary<string, Tensor>> states = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    protected Optimizer(IEnumerable<ParamGroup> param_groups, IReadOnlyDictionary<string, object> defaults)
    {
        ArgumentNullException.ThrowIfNull(param_groups);
        this.defaults = defaults;
        var list = param_groups.ToList();
        if (list.Count == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(param_groups));
        foreach (var group in list) add_param_group(group);
    }

    /// <summary>The hyper-parameters a group gets when it does not set its own.</summary>
    public IReadOnlyDictionary<string, object> defaults { get; }

    public IReadOnlyList<ParamGroup> param_groups => groups;

    /// <summary>Per-parameter state (e.g. "exp_avg"), for parameters that have taken a step.</summary>
    public IReadOnlyDictionary<Tensor, OrderedDictionary<string, Tensor>> state => states;

    /// <summary>Adds a group (e.g. a layer to unfreeze); its missing options come from <see cref="defaults"/>.</summary>
    public void add_param_group(ParamGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.@params.Count == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(group));
        var existing = new HashSet<Tensor>(groups.SelectMany(g => g.@params), ReferenceEqualityComparer.Instance);
        foreach (var p in group.@params)
        {
            if (!p.is_leaf) throw new ArgumentException("can't optimize a non-leaf Tensor", nameof(group));
            if (!existing.Add(p)) throw new ArgumentException("some parameters appear in more than one parameter group", nameof(group));
        }
        foreach (var (key, value) in defaults) group.setdefault(key, value);
        groups.Add(group);
    }

    /// <summary>Clears the gradients: drops them (PyTorch's default, set_to_none) or zeroes them in place.</summary>
    public unsafe void zero_grad(bool set_to_none = true)
    {
        foreach (var group in groups)
        {
            var handles = group.@params.Select(p => p.Handle).ToArray();
            fixed (IntPtr* h = handles) NativeError.Check(LibTorch.dn_optim_zero_grad(h, handles.Length, set_to_none ? 1 : 0));
        }
    }

    /// <summary>Updates every parameter that has a gradient, group by group.</summary>
    public void step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (var group in groups)
        {
            var withGrad = WithGrad(group.@params);
            if (withGrad.Length > 0) step_group(group, withGrad);
        }
    }

    /// <summary>Re-evaluates the loss with gradients enabled, then steps; returns the loss.</summary>
    public Tensor step(Func<Tensor> closure)
    {
        Tensor loss;
        using (torch.enable_grad()) loss = closure();
        step();
        return loss;
    }

    /// <summary>Applies one update to <paramref name="params"/> (those of the group that have a gradient).</summary>
    protected abstract void step_group(ParamGroup group, Tensor[] @params);

    /// <summary>The parameter's state, created empty on first use; subclasses fill it lazily as PyTorch does.</summary>
    protected OrderedDictionary<string, Tensor> state_of(Tensor parameter)
    {
        if (!states.TryGetValue(parameter, out var s)) states[parameter] = s = new OrderedDictionary<string, Tensor>();
        return s;
    }

    /// <summary>Makes the optimiser the owner of a new state tensor (out of every dispose scope).</summary>
    protected static Tensor Owned(Tensor t) => t.DetachFromDisposeScope();

    /// <summary>A new zero tensor shaped like the parameter, owned by the optimiser.</summary>
    protected static Tensor ZerosLike(Tensor parameter) => Owned(torch.zeros_like(parameter));

    /// <summary>The handles of one state entry across parameters, laid out for a fused native step.</summary>
    protected static IntPtr[] Handles(IReadOnlyList<OrderedDictionary<string, Tensor>> perParameter, string key) =>
        perParameter.Select(s => s[key].Handle).ToArray();

    protected static IntPtr[] Handles(Tensor[] tensors) => tensors.Select(t => t.Handle).ToArray();

    private static unsafe Tensor[] WithGrad(IReadOnlyList<Tensor> parameters)
    {
        var handles = parameters.Select(p => p.Handle).ToArray();
        var flags = new int[handles.Length];
        fixed (IntPtr* h = handles)
        fixed (int* f = flags)
            NativeError.Check(LibTorch.dn_optim_has_grad(h, handles.Length, f));
        return parameters.Where((_, i) => flags[i] == 1).ToArray();
    }

    // ---- state_dict --------------------------------------------------------------------------------

    /// <summary>
    /// The state by parameter index (counted across groups in order) and each group's hyper-parameters, as
    /// PyTorch's <c>optimizer.state_dict()</c>. The tensors are the optimiser's own (not copies).
    /// </summary>
    public OptimizerStateDict state_dict()
    {
        var state = new Dictionary<int, OrderedDictionary<string, Tensor>>();
        var saved = new List<OptimizerStateDict.Group>();
        var index = 0;
        foreach (var group in groups)
        {
            var ids = new int[group.@params.Count];
            for (var i = 0; i < ids.Length; i++, index++)
            {
                ids[i] = index;
                if (states.TryGetValue(group.@params[i], out var s) && s.Count > 0) state[index] = new OrderedDictionary<string, Tensor>(s);
            }
            saved.Add(new OptimizerStateDict.Group(ids, new OrderedDictionary<string, object>(group.items())));
        }
        return new OptimizerStateDict(state, saved);
    }

    /// <summary>
    /// Restores hyper-parameters and state (copied, cast to each parameter's dtype and device except "step").
    /// The groups must have the same sizes as when saved.
    /// </summary>
    public void load_state_dict(OptimizerStateDict state_dict)
    {
        ArgumentNullException.ThrowIfNull(state_dict);
        if (state_dict.param_groups.Count != groups.Count)
            throw new InvalidDataException($"loaded state dict has {state_dict.param_groups.Count} parameter groups, but the optimizer has {groups.Count}");
        var byIndex = new Dictionary<int, Tensor>();
        for (var g = 0; g < groups.Count; g++)
        {
            var saved = state_dict.param_groups[g];
            if (saved.@params.Count != groups[g].@params.Count)
                throw new InvalidDataException($"loaded state dict contains a parameter group ({g}) of {saved.@params.Count} parameters " +
                                               $"that doesn't match the size of optimizer's group ({groups[g].@params.Count})");
            for (var i = 0; i < saved.@params.Count; i++) byIndex[saved.@params[i]] = groups[g].@params[i];
        }
        var unknown = state_dict.state.Keys.Where(k => !byIndex.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException($"loaded state dict has state for parameter index {string.Join(", ", unknown)}, which no group lists");

        var restored = new Dictionary<Tensor, OrderedDictionary<string, Tensor>>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var (index, saved) in state_dict.state)
            {
                var parameter = byIndex[index];
                var s = restored[parameter] = new OrderedDictionary<string, Tensor>();
                foreach (var (key, value) in saved) s[key] = Owned(CastLike(value, parameter, key));
            }
        }
        catch
        {
            foreach (var t in restored.Values.SelectMany(s => s.Values)) t.Dispose();
            throw;
        }
        ClearState();
        foreach (var (p, s) in restored) states[p] = s;
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var (key, value) in state_dict.param_groups[g].options) groups[g][key] = value;
        }
    }

    // As PyTorch: "step" is copied as it is; other floating state takes the parameter's dtype and device.
    private static Tensor CastLike(Tensor value, Tensor parameter, string key)
    {
        if (key == "step") return value.clone();
        var dtype = parameter.is_floating_point() && value.is_floating_point() ? parameter.dtype : value.dtype;
        using var cast = value.to(dtype, parameter.device);
        return cast.clone();
    }

    private void ClearState()
    {
        foreach (var s in states.Values)
        {
            foreach (var t in s.Values) t.Dispose();
        }
        states.Clear();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing) return;
        disposed = true;
        ClearState();
    }
}
