namespace Dino.Repro.Torch.Jit;

/// <summary>One parameter of a TorchScript method: its name and the default the method declares.</summary>
public sealed record ScriptParameter(string Name, object Default);

/// <summary>
/// The parameters a TorchScript method takes after its leading tensor(s), in declaration order. TorchSharp calls
/// TorchScript methods with positional Tensor/bool/int/long/double/Tensor[] values only, so a call written with keywords
/// (NVIDIA's <c>detector(img, return_features=True)</c>) is turned into the full positional list here; a misspelt keyword
/// or a value of a type TorchSharp cannot pass fails before the call.
/// </summary>
public sealed class ScriptSignature
{
    private readonly ScriptParameter[] parameters;

    public ScriptSignature(params ScriptParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var duplicate = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"parameter '{duplicate.Key}' is declared twice", nameof(parameters));
        foreach (var p in parameters)
            CheckValue(p.Default, $"the default of '{p.Name}'");
        this.parameters = parameters;
    }

    public IReadOnlyList<ScriptParameter> Parameters => parameters;

    /// <summary>The leading arguments, then every declared parameter: its keyword value when given, else its default.</summary>
    public object[] Positional(IReadOnlyList<object> leading, IReadOnlyDictionary<string, object>? keywords = null)
    {
        ArgumentNullException.ThrowIfNull(leading);
        keywords ??= new Dictionary<string, object>();
        var unknown = keywords.Keys.Where(k => parameters.All(p => p.Name != k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown keyword argument(s) {string.Join(", ", unknown)}; the method takes {Describe()}");
        var result = new object[leading.Count + parameters.Length];
        for (var i = 0; i < leading.Count; i++)
            result[i] = CheckValue(leading[i], $"argument {i}");
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            result[leading.Count + i] = keywords.TryGetValue(p.Name, out var value) ? CheckValue(value, $"keyword argument '{p.Name}'") : p.Default;
        }
        return result;
    }

    private string Describe() => parameters.Length == 0 ? "no keyword arguments" : string.Join(", ", parameters.Select(p => p.Name));

    private static object CheckValue(object? value, string what) =>
        value switch
        {
            null => throw new ArgumentNullException(what, $"{what} is null; TorchSharp passes no None to TorchScript here"),
            Tensor or bool or int or long or float or double or Tensor[] => value,
            _ => throw new ArgumentException(
                $"{what} is a {value.GetType().Name}; TorchSharp passes Tensor, bool, int, long, float, double or Tensor[] to TorchScript"
            ),
        };
}
