using System.Collections;

namespace Dino.Repro.Torch.Modules;

/// <summary>Runs its layers in order; state_dict names are "0.weight", "1.weight", … as in PyTorch.</summary>
public sealed class Sequential : Module<Tensor, Tensor>, IEnumerable<Module<Tensor, Tensor>>
{
    private readonly List<Module<Tensor, Tensor>> layers = new();

    public Sequential(params Module<Tensor, Tensor>[] modules) : base(nameof(Sequential))
    {
        foreach (var m in modules) append(m);
    }

    public Sequential(params (string name, Module<Tensor, Tensor> module)[] named) : base(nameof(Sequential))
    {
        foreach (var (key, m) in named)
        {
            register_module(key, m);
            layers.Add(m);
        }
    }

    public Sequential append(Module<Tensor, Tensor> module)
    {
        register_module(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        layers.Add(module);
        return this;
    }

    public int Count => layers.Count;
    public Module<Tensor, Tensor> this[int index] => layers[index];

    /// <summary>Intermediate results are freed as soon as the next layer has consumed them.</summary>
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            var y = layer.call(x);
            if (!ReferenceEquals(x, input) && !ReferenceEquals(x, y) && x.OwningScope is null) x.Dispose();
            x = y;
        }
        return ReferenceEquals(x, input) ? x.alias() : x;
    }

    public IEnumerator<Module<Tensor, Tensor>> GetEnumerator() => layers.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A list of sub-modules registered as "0", "1", … (PyTorch's nn.ModuleList).</summary>
public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> items = new();

    public ModuleList(params T[] modules) : base("ModuleList")
    {
        foreach (var m in modules) append(m);
    }

    public ModuleList<T> append(T module)
    {
        register_module(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        items.Add(module);
        return this;
    }

    public int Count => items.Count;
    public T this[int index] => items[index];
    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Sub-modules by name, in insertion order (PyTorch's nn.ModuleDict).</summary>
public sealed class ModuleDict<T> : Module, IReadOnlyDictionary<string, T> where T : Module
{
    private readonly OrderedDictionary<string, T> items = new();

    public ModuleDict(params (string name, T module)[] modules) : base("ModuleDict")
    {
        foreach (var (key, m) in modules) Add(key, m);
    }

    public void Add(string key, T module)
    {
        register_module(key, module);
        items[key] = module;
    }

    public T this[string key] => items[key];
    public IEnumerable<string> Keys => items.Keys;
    public IEnumerable<T> Values => items.Values;
    public int Count => items.Count;
    public bool ContainsKey(string key) => items.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value) => items.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
