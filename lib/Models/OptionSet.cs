using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dino.Repro.IO;

namespace Dino.Repro.Models;

/// <summary>
/// Reads and writes any <see cref="TrainingOptions"/> record by its snake_case keys: JSON (options.json),
/// <c>key=value</c> overrides from the command line, and the printed table with non-defaults marked
/// (pix2pix's print_options).
/// </summary>
public static class OptionSet
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The option keys of <paramref name="optionsType"/> in declaration order (shared options first).</summary>
    public static IReadOnlyList<string> Keys(Type optionsType) => Properties(optionsType).Select(p => p.key).ToList();

    public static JsonObject ToJson(TrainingOptions options) => (JsonObject)JsonSerializer.SerializeToNode(options, options.GetType(), Json)!;

    public static string ToJsonText(TrainingOptions options) => JsonSerializer.Serialize(options, options.GetType(), Json);

    /// <summary>Reads options of <paramref name="optionsType"/>; keys the JSON leaves out keep their defaults.</summary>
    public static TrainingOptions FromJson(Type optionsType, JsonNode json)
    {
        try
        {
            return (TrainingOptions)(json.Deserialize(optionsType, Json) ?? throw new InvalidDataException("the options JSON is null"));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the options JSON does not fit {optionsType.Name}: {e.Message}", e);
        }
    }

    /// <summary>Splits "key=value" (the value may itself contain '=').</summary>
    public static KeyValuePair<string, string> ParseAssignment(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0)
            throw new UsageException($"'{text}' is not an option assignment: expected key=value");
        return KeyValuePair.Create(text[..at].Trim(), text[(at + 1)..].Trim());
    }

    /// <summary>
    /// A copy of <paramref name="options"/> with the overrides applied in order. Unknown keys and values of the wrong
    /// type are <see cref="UsageException"/>s naming the valid keys or the expected type.
    /// </summary>
    public static TrainingOptions WithOverrides(TrainingOptions options, IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var type = options.GetType();
        var properties = Properties(type);
        var json = ToJson(options);
        var changed = false;
        foreach (var (key, text) in overrides)
        {
            var property = properties.FirstOrDefault(p =>
                string.Equals(p.key, key, StringComparison.OrdinalIgnoreCase) || string.Equals(p.info.Name, key, StringComparison.OrdinalIgnoreCase)
            );
            if (property.info is null)
                throw UsageException.UnknownName("option", key, properties.Select(p => p.key));
            json[property.key] = Convert(property.key, property.info.PropertyType, text);
            changed = true;
        }
        return changed ? FromJson(type, json) : options;
    }

    /// <summary>Throws a <see cref="UsageException"/> listing every problem <see cref="TrainingOptions.Validate"/> finds.</summary>
    public static TrainingOptions Validated(TrainingOptions options)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
            throw new UsageException("invalid options: " + string.Join("; ", problems));
        return options;
    }

    /// <summary>One line per option, "[default: …]" after each value that differs from <paramref name="defaults"/>.</summary>
    public static string Format(TrainingOptions options, TrainingOptions defaults, string title)
    {
        var values = ToJson(options);
        var reference = ToJson(defaults);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"----------------- {title} -----------------");
        foreach (var key in Keys(options.GetType()))
        {
            var value = Show(values[key]);
            var original = Show(reference[key]);
            var comment = value == original ? "" : $"\t[default: {original}]";
            text.AppendLine(CultureInfo.InvariantCulture, $"{key, 25}: {value, -30}{comment}");
        }
        text.AppendLine("----------------- end -----------------");
        return text.ToString();
    }

    private static string Show(JsonNode? node) =>
        node is null ? "null"
        : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>()
        : node.ToJsonString();

    private static JsonNode? Convert(string key, Type type, string text)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
            return JsonValue.Create(text);
        if (target == typeof(ComputeDevice))
            return ComputeDevice.TryParse(text, out var device, out var problem)
                ? JsonValue.Create(device.ToString())
                : throw new UsageException($"option '{key}': {problem}");
        if (target.IsEnum)
        {
            var names = Enum.GetNames(target).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)).ToList();
            var match = names.FirstOrDefault(n =>
                string.Equals(n, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(n.Replace("_", "", StringComparison.Ordinal), text, StringComparison.OrdinalIgnoreCase)
            );
            return match is not null ? JsonValue.Create(match) : throw Bad(key, text, "one of " + string.Join(", ", names));
        }
        var invariant = CultureInfo.InvariantCulture;
        if (target == typeof(int))
            return int.TryParse(text, NumberStyles.Integer, invariant, out var i) ? JsonValue.Create(i) : throw Bad(key, text, "an integer");
        if (target == typeof(long))
            return long.TryParse(text, NumberStyles.Integer, invariant, out var l) ? JsonValue.Create(l) : throw Bad(key, text, "an integer");
        if (target == typeof(double))
            return double.TryParse(text, NumberStyles.Float, invariant, out var d) && double.IsFinite(d)
                ? JsonValue.Create(d)
                : throw Bad(key, text, "a number");
        if (target == typeof(float))
            return float.TryParse(text, NumberStyles.Float, invariant, out var f) && float.IsFinite(f)
                ? JsonValue.Create(f)
                : throw Bad(key, text, "a number");
        if (target == typeof(bool))
        {
            return text.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => JsonValue.Create(true),
                "false" or "0" or "no" or "off" => JsonValue.Create(false),
                _ => throw Bad(key, text, "true or false"),
            };
        }
        throw new NotSupportedException($"option '{key}' has type {type.Name}, which cannot be set from text");
    }

    private static UsageException Bad(string key, string text, string expected) => new($"option '{key}' expects {expected}, got '{text}'");

    // Base-class properties first, as pix2pix prints base options before model options.
    private static List<(string key, PropertyInfo info)> Properties(Type type)
    {
        if (!typeof(TrainingOptions).IsAssignableFrom(type))
            throw new ArgumentException($"{type.Name} is not a TrainingOptions record", nameof(type));
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            chain.Insert(0, t);
        return chain
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => chain.IndexOf(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken)
            .Select(p => (JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), p))
            .ToList();
    }
}
