namespace Dino.Repro.Torch.Optim;

/// <summary>
/// One parameter group of an optimiser, as PyTorch's <c>optimizer.param_groups[i]</c>: its tensors plus its own
/// hyper-parameters by PyTorch name ("lr", "betas", "momentum", ...). Options not given here are filled from the
/// optimiser's defaults when the group is added. Values are doubles, bools, or (double, double) for "betas".
/// </summary>
public sealed class ParamGroup
{
    private readonly OrderedDictionary<string, object> options = new();

    public ParamGroup(IEnumerable<Tensor> @params, IReadOnlyDictionary<string, object>? options = null)
    {
        ArgumentNullException.ThrowIfNull(@params);
        this.@params = @params.ToList();
        if (options is null) return;
        foreach (var (key, value) in options) this[key] = value;
    }

    /// <summary>A group with its own learning rate.</summary>
    public ParamGroup(IEnumerable<Tensor> @params, double lr) : this(@params) => this.lr = lr;

    public IReadOnlyList<Tensor> @params { get; }

    public double lr
    {
        get => get<double>("lr");
        set => this["lr"] = value;
    }

    /// <summary>A hyper-parameter by PyTorch name; numbers are stored as doubles.</summary>
    public object this[string key]
    {
        get => options.TryGetValue(key, out var v) ? v
            : throw new KeyNotFoundException($"the parameter group has no option '{key}' (it has: {string.Join(", ", options.Keys)})");
        set => options[key] = Normalize(key, value);
    }

    public T get<T>(string key) => this[key] is T v ? v
        : throw new InvalidCastException($"option '{key}' is {this[key].GetType().Name}, not {typeof(T).Name}");

    public bool ContainsKey(string key) => options.ContainsKey(key);

    /// <summary>The option names and values, in insertion order (without "params"), as Python's dict.items().</summary>
    public IEnumerable<KeyValuePair<string, object>> items() => options;

    /// <summary>Sets the option only when the group does not have it (Python's dict.setdefault).</summary>
    public object setdefault(string key, object value)
    {
        if (!options.ContainsKey(key)) this[key] = value;
        return options[key];
    }

    private static object Normalize(string key, object value) => value switch
    {
        null => throw new ArgumentNullException(key),
        double or bool or ValueTuple<double, double> => value,
        float or int or long => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"option '{key}' must be a number, a bool or (double, double), not {value.GetType().Name}", key),
    };
}
