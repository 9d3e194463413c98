using System.Text.Json;

namespace Dino.Repro.Torch.Serialization;

/// <summary>One tensor's entry in a safetensors header; offsets are relative to the data buffer.</summary>
public sealed record SafeTensorInfo(string Name, ScalarType DType, long[] Shape, long Begin, long End)
{
    public long ByteCount => End - Begin;
}

/// <summary>
/// The JSON header of a safetensors file: tensor entries in header order plus the optional string→string
/// <c>__metadata__</c>. <see cref="Parse"/> validates it completely against the data buffer size, so the reader
/// never copies bytes that do not belong to exactly one tensor.
/// </summary>
public sealed class SafeTensorsHeader
{
    /// <summary>The format's cap on the header size (the reference implementation's 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    internal const string MetadataKey = "__metadata__";

    public SafeTensorsHeader(IReadOnlyList<SafeTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        this.Tensors = tensors;
        this.Metadata = metadata;
    }

    public IReadOnlyList<SafeTensorInfo> Tensors { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Parses and validates a header whose data buffer holds <paramref name="dataBytes"/> bytes.</summary>
    internal static SafeTensorsHeader Parse(ReadOnlySpan<byte> json, long dataBytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
            throw Bad("the header is not valid UTF-8");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw Bad($"the header is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw Bad($"the header is a JSON {doc.RootElement.ValueKind}, not an object");
            var tensors = new List<SafeTensorInfo>();
            var metadata = new Dictionary<string, string>();
            var seen = new HashSet<string>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw Bad($"the header names '{property.Name}' twice");
                if (property.Name == MetadataKey)
                    ReadMetadata(property.Value, metadata);
                else
                    tensors.Add(ReadEntry(property.Name, property.Value));
            }
            CheckLayout(tensors, dataBytes);
            return new SafeTensorsHeader(tensors, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> into)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad($"{MetadataKey} is a JSON {value.ValueKind}, not an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Bad($"{MetadataKey} value of '{item.Name}' is a JSON {item.Value.ValueKind}, not a string");
            into[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafeTensorInfo ReadEntry(string name, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
            throw Bad($"tensor '{name}': the entry is a JSON {entry.ValueKind}, not an object");
        var dtypeCode = Field(name, entry, "dtype", JsonValueKind.String).GetString()!;
        if (!SafeTensorsDType.TryParse(dtypeCode, out var dtype))
            throw Bad($"tensor '{name}': unknown dtype '{dtypeCode}' (supported: {SafeTensorsDType.KnownCodes})");
        var shape = Integers(name, Field(name, entry, "shape", JsonValueKind.Array), "shape");
        var offsets = Integers(name, Field(name, entry, "data_offsets", JsonValueKind.Array), "data_offsets");
        if (offsets.Length != 2)
            throw Bad($"tensor '{name}': data_offsets must be [begin, end], got {offsets.Length} numbers");
        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
            throw Bad($"tensor '{name}': data_offsets [{begin}, {end}) end before they begin");

        long needed;
        try
        {
            needed = checked(shape.Aggregate(1L, (a, b) => a * b) * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw Bad($"tensor '{name}': shape [{string.Join(", ", shape)}] is too large");
        }
        if (end - begin != needed)
            throw Bad(
                $"tensor '{name}': data_offsets [{begin}, {end}) hold {end - begin} bytes but shape [{string.Join(", ", shape)}] of {dtypeCode} "
                    + $"needs {needed}"
            );
        return new SafeTensorInfo(name, dtype, shape, begin, end);
    }

    private static JsonElement Field(string name, JsonElement entry, string key, JsonValueKind kind)
    {
        if (!entry.TryGetProperty(key, out var value))
            throw Bad($"tensor '{name}': the entry has no '{key}'");
        if (value.ValueKind != kind)
            throw Bad($"tensor '{name}': '{key}' is a JSON {value.ValueKind}, not {kind}");
        return value;
    }

    private static long[] Integers(string name, JsonElement array, string key)
    {
        var result = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v) || v < 0)
                throw Bad($"tensor '{name}': '{key}' holds {item.GetRawText()}, not a non-negative integer");
            result.Add(v);
        }
        return result.ToArray();
    }

    // The tensors' byte ranges must tile the data buffer exactly: no gap, no overlap, nothing beyond its end.
    private static void CheckLayout(List<SafeTensorInfo> tensors, long dataBytes)
    {
        var furthest = tensors.Count == 0 ? null : tensors.MaxBy(t => t.End);
        if (furthest is not null && furthest.End > dataBytes)
            throw Bad($"truncated file: tensor '{furthest.Name}' ends at byte {furthest.End} of the data buffer, which holds only {dataBytes} bytes");

        long covered = 0;
        SafeTensorInfo? previous = null;
        foreach (var t in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (t.Begin < covered)
                throw Bad($"tensors '{previous!.Name}' [{previous.Begin}, {previous.End}) and '{t.Name}' [{t.Begin}, {t.End}) overlap");
            if (t.Begin > covered)
                throw Bad($"bytes [{covered}, {t.Begin}) of the data buffer are not covered by any tensor");
            covered = t.End;
            previous = t;
        }
        if (covered < dataBytes)
            throw Bad($"bytes [{covered}, {dataBytes}) of the data buffer are not covered by any tensor");
    }

    /// <summary>The header bytes a writer emits: compact JSON padded with spaces to a multiple of 8.</summary>
    internal byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (Metadata.Count > 0)
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in Metadata)
                    w.WriteString(k, v);
                w.WriteEndObject();
            }
            foreach (var t in Tensors)
            {
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", SafeTensorsDType.Code(t.DType));
                w.WriteStartArray("shape");
                foreach (var s in t.Shape)
                    w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(t.Begin);
                w.WriteNumberValue(t.End);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        var padding = (int)((8 - buffer.Length % 8) % 8);
        for (var i = 0; i < padding; i++)
            buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    internal static InvalidDataException Bad(string problem) => new(problem);
}
