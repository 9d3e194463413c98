using System.Reflection;

namespace Dino.Repro.Torch.Modules;

/// <summary>
/// The base of every network, as <c>torch.nn.Module</c>: registered parameters, buffers and sub-modules give
/// PyTorch-identical <c>state_dict</c> names ("down.0.weight"), and drive train/eval, device moves and
/// saving. Subclasses create their layers as fields and call <see cref="RegisterComponents"/> once at the
/// end of their constructor; fields are registered in declaration order, as Python registers attributes.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly OrderedDictionary<string, Parameter?> _parameters = new();
    private readonly OrderedDictionary<string, Tensor?> _buffers = new();
    private readonly HashSet<string> nonPersistentBuffers = new();
    private readonly OrderedDictionary<string, Module> _modules = new();
    private readonly List<Action<Module>> forwardPreHooks = new();
    private readonly List<Tensor> ownedTensors = new();
    private bool disposed;

    protected Module(string name) => this.name = name;

    /// <summary>The class name PyTorch would print, e.g. "Conv2d".</summary>
    public string name { get; }

    public bool training { get; private set; } = true;

    // ---- registration ----------------------------------------------------------------------------

    public void register_parameter(string key, Parameter? parameter)
    {
        CheckKey(key);
        _parameters[key] = parameter;
    }

    /// <summary>Registers a buffer (e.g. running statistics); it leaves any dispose scope, as the module owns it.</summary>
    public void register_buffer(string key, Tensor? tensor, bool persistent = true)
    {
        CheckKey(key);
        tensor?.DetachFromDisposeScope();
        _buffers[key] = tensor;
        if (persistent) nonPersistentBuffers.Remove(key);
        else nonPersistentBuffers.Add(key);
    }

    public void register_module(string key, Module module)
    {
        CheckKey(key);
        _modules[key] = module ?? throw new ArgumentNullException(nameof(module));
    }

    private static void CheckKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Contains('.'))
            throw new ArgumentException($"'{key}' is not a valid module attribute name (empty, or contains '.')", nameof(key));
    }

    /// <summary>Registers every Parameter, Module and Tensor field of the concrete class, in declaration order.</summary>
    protected void RegisterComponents()
    {
        var chain = new Stack<Type>();
        for (var t = GetType(); t is not null && t != typeof(Module); t = t.BaseType) chain.Push(t);
        foreach (var type in chain)
        {
            var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) && !f.Name.StartsWith('<'))
                .OrderBy(f => f.MetadataToken);
            foreach (var field in fields)
            {
                if (field.IsDefined(typeof(NotAComponentAttribute))) continue;
                var key = field.Name;
                switch (field.GetValue(this))
                {
                    case Parameter p when !_parameters.ContainsKey(key): register_parameter(key, p); break;
                    case Module m when !_modules.ContainsKey(key) && !ReferenceEquals(m, this): register_module(key, m); break;
                    case Tensor t when t is not Parameter && !_buffers.ContainsKey(key): register_buffer(key, t); break;
                }
            }
        }
    }

    /// <summary>Replaces a registered parameter (e.g. spectral norm renames weight to weight_orig).</summary>
    protected internal void ReplaceParameter(string key, Parameter? parameter) => _parameters[key] = parameter;

    protected internal void RemoveParameter(string key) => _parameters.Remove(key);

    /// <summary>
    /// Makes the module free a tensor it holds outside its registries when it is disposed (e.g. the weight a
    /// spectral-norm hook recomputes, which is no longer a registered parameter).
    /// </summary>
    internal void OwnTensor(Tensor tensor)
    {
        if (!ownedTensors.Contains(tensor)) ownedTensors.Add(tensor);
    }

    public Parameter? get_parameter(string key) => _parameters.TryGetValue(key, out var p) ? p : null;
    public Tensor? get_buffer(string key) => _buffers.TryGetValue(key, out var b) ? b : null;
    public Module? get_submodule(string key) => _modules.TryGetValue(key, out var m) ? m : null;

    /// <summary>
    /// Registers a hook run before every forward (PyTorch's register_forward_pre_hook); spectral norm uses
    /// one to recompute the weight. Dispose the returned handle to remove it.
    /// </summary>
    public IDisposable register_forward_pre_hook(Action<Module> hook)
    {
        forwardPreHooks.Add(hook);
        return new HookHandle(() => forwardPreHooks.Remove(hook));
    }

    /// <summary>Runs the forward pre-hooks; <c>call</c> does this before <c>forward</c>.</summary>
    protected void RunForwardPreHooks()
    {
        foreach (var hook in forwardPreHooks) hook(this);
    }

    private sealed class HookHandle(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }

    // ---- traversal -------------------------------------------------------------------------------

    public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules(recurse))
        {
            foreach (var (key, p) in module._parameters)
            {
                if (p is not null && seen.Add(p)) yield return (Join(prefix, key), p);
            }
        }
    }

    /// <summary>Every trainable tensor, in registration order (what an optimiser takes).</summary>
    public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(x => x.parameter);

    public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
    {
        foreach (var (prefix, module) in NamedModules(recurse))
        {
            foreach (var (key, b) in module._buffers)
            {
                if (b is not null) yield return (Join(prefix, key), b);
            }
        }
    }

    public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(x => x.buffer);

    public IEnumerable<(string name, Module module)> named_children() => _modules.Select(kv => (kv.Key, kv.Value));
    public IEnumerable<Module> children() => _modules.Values;

    /// <summary>This module and all below it, with dotted names ("" for this one).</summary>
    public IEnumerable<(string name, Module module)> named_modules() => NamedModules(recurse: true);
    public IEnumerable<Module> modules() => named_modules().Select(x => x.module);

    private IEnumerable<(string prefix, Module module)> NamedModules(bool recurse)
    {
        yield return ("", this);
        if (!recurse) yield break;
        foreach (var (key, child) in _modules)
        {
            foreach (var (sub, m) in child.NamedModules(true)) yield return (Join(key, sub), m);
        }
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : key.Length == 0 ? prefix : prefix + "." + key;

    /// <summary>The number of elements over all parameters.</summary>
    public long parameter_count() => parameters().Sum(p => p.numel());

    // ---- state ---------------------------------------------------------------------------------

    /// <summary>
    /// Parameters and persistent buffers by PyTorch name, in PyTorch's order (each module's own parameters,
    /// then its buffers, then its children). The tensors are the module's own (not copies).
    /// </summary>
    public OrderedDictionary<string, Tensor> state_dict()
    {
        var result = new OrderedDictionary<string, Tensor>();
        AddState(result, "");
        return result;
    }

    private void AddState(OrderedDictionary<string, Tensor> into, string prefix)
    {
        foreach (var (key, p) in _parameters)
        {
            if (p is not null) into[prefix + key] = p;
        }
        foreach (var (key, b) in _buffers)
        {
            if (b is not null && !nonPersistentBuffers.Contains(key)) into[prefix + key] = b;
        }
        foreach (var (key, child) in _modules) child.AddState(into, prefix + key + ".");
    }

    /// <summary>
    /// Copies values into the module's tensors. Strict loading fails on missing or unexpected keys; any shape
    /// mismatch fails. Errors name every offending key.
    /// </summary>
    public (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) load_state_dict(
        IReadOnlyDictionary<string, Tensor> source, bool strict = true)
    {
        var own = state_dict();
        var missing = own.Keys.Where(k => !source.ContainsKey(k)).ToList();
        var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var mismatched = own.Where(kv => source.TryGetValue(kv.Key, out var s) && !s.shape.SequenceEqual(kv.Value.shape))
            .Select(kv => $"{kv.Key}: checkpoint shape [{string.Join(", ", source[kv.Key].shape)}], model shape [{string.Join(", ", kv.Value.shape)}]")
            .ToList();
        var problems = new List<string>();
        if (strict && missing.Count > 0) problems.Add("missing keys: " + string.Join(", ", missing));
        if (strict && unexpected.Count > 0) problems.Add("unexpected keys: " + string.Join(", ", unexpected));
        if (mismatched.Count > 0) problems.Add("shape mismatch: " + string.Join("; ", mismatched));
        if (problems.Count > 0) throw new InvalidDataException($"Error(s) loading state_dict for {name}: {string.Join(". ", problems)}");

        using var _ = torch.no_grad();
        foreach (var (key, target) in own)
        {
            if (!source.TryGetValue(key, out var value)) continue;
            using var converted = value.to(target.dtype, target.device);
            target.copy_(converted);
        }
        return (missing, unexpected);
    }

    // ---- mode and placement ----------------------------------------------------------------------

    public virtual Module train(bool mode = true)
    {
        foreach (var m in modules()) m.training = mode;
        return this;
    }

    public Module eval() => train(false);

    /// <summary>Moves every parameter and buffer (in place: references to them stay valid).</summary>
    public Module to(Device device) => Convert(t => t.to(device));

    /// <summary>Casts floating-point parameters and buffers; integer buffers (e.g. counters) keep their type.</summary>
    public Module to(ScalarType dtype) => Convert(t => t.is_floating_point() ? t.to(dtype) : t.alias());

    private Module Convert(Func<Tensor, Tensor> convert)
    {
        using var _ = torch.no_grad();
        foreach (var m in modules())
        {
            foreach (var p in m._parameters.Values)
            {
                if (p is null) continue;
                var requiresGrad = p.requires_grad;
                var moved = convert(p);
                p.ReplaceHandle(moved.StealHandle());
                p.requires_grad = requiresGrad;
            }
            foreach (var b in m._buffers.Values)
            {
                if (b is null) continue;
                var moved = convert(b);
                b.ReplaceHandle(moved.StealHandle());
            }
        }
        return this;
    }

    /// <summary>Clears every parameter's gradient (set to none, PyTorch's default).</summary>
    public void zero_grad()
    {
        foreach (var p in parameters()) p.grad = null;
    }

    public override string ToString() => Describe(0);

    private string Describe(int indent)
    {
        var extra = extra_repr();
        if (_modules.Count == 0) return $"{name}({extra})";
        var pad = new string(' ', indent + 2);
        var lines = _modules.Select(kv => $"{pad}({kv.Key}): {kv.Value.Describe(indent + 2)}");
        return $"{name}({extra}\n{string.Join("\n", lines)}\n{new string(' ', indent)})";
    }

    /// <summary>The layer's settings as PyTorch prints them, e.g. "3, 64, kernel_size=(4, 4)".</summary>
    protected virtual string extra_repr() => "";

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing) return;
        disposed = true;
        foreach (var p in _parameters.Values) p?.Dispose();
        foreach (var b in _buffers.Values) b?.Dispose();
        foreach (var c in _modules.Values) c.Dispose();
        foreach (var t in ownedTensors) t.Dispose();
    }
}

/// <summary>A module with one input, as TorchSharp's <c>Module&lt;Tensor, Tensor&gt;</c>.</summary>
public abstract class Module<TIn, TOut> : Module
{
    protected Module(string name) : base(name) { }

    public abstract TOut forward(TIn input);

    /// <summary>Runs <see cref="forward"/> (PyTorch's <c>module(x)</c>).</summary>
    public TOut call(TIn input)
    {
        RunForwardPreHooks();
        return forward(input);
    }
}

/// <summary>A module with two inputs (e.g. a generator taking a condition and noise).</summary>
public abstract class Module<TIn1, TIn2, TOut> : Module
{
    protected Module(string name) : base(name) { }

    public abstract TOut forward(TIn1 input1, TIn2 input2);

    public TOut call(TIn1 input1, TIn2 input2)
    {
        RunForwardPreHooks();
        return forward(input1, input2);
    }
}

/// <summary>Marks a Tensor/Module field that <see cref="Module.RegisterComponents"/> must not register.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class NotAComponentAttribute : Attribute;
