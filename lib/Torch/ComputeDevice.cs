using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dino.Repro.IO;

namespace Dino.Repro.Torch;

/// <summary>
/// The device a run or an evaluator uses, as the kit's options name it ("cpu", "cuda", "cuda:1"). Parsed once, where
/// the text enters (options.json, <c>--set device=…</c>); everything after that holds this value, never the text.
/// <c>default</c> is the CPU.
/// </summary>
[JsonConverter(typeof(ComputeDeviceJsonConverter))]
public readonly record struct ComputeDevice
{
    private ComputeDevice(DeviceType type, int? index) => (Type, Index) = (type, index);

    public static ComputeDevice Cpu => default;

    /// <summary>The current CUDA device ("cuda").</summary>
    public static ComputeDevice Cuda => new(DeviceType.CUDA, null);

    /// <summary>One CUDA device by its index ("cuda:N").</summary>
    public static ComputeDevice CudaAt(int index) =>
        index >= 0 ? new(DeviceType.CUDA, index) : throw new ArgumentOutOfRangeException(nameof(index), index, "a CUDA index is 0 or more");

    public DeviceType Type { get; }

    /// <summary>The CUDA index, or null for "the current one".</summary>
    public int? Index { get; }

    public bool IsCuda => Type == DeviceType.CUDA;

    /// <summary>The names <see cref="Parse"/> accepts, for messages.</summary>
    public const string Accepted = "cpu, cuda or cuda:N";

    /// <summary>Parses "cpu", "cuda" or "cuda:N" (any case); anything else is an <see cref="ArgumentException"/> saying what is accepted.</summary>
    public static ComputeDevice Parse(string text) =>
        TryParse(text, out var device, out var problem) ? device : throw new ArgumentException(problem, nameof(text));

    public static bool TryParse(string? text, out ComputeDevice device, out string? problem)
    {
        device = default;
        problem = null;
        var parts = (text ?? "").Trim().ToLowerInvariant().Split(':');
        if (parts[0] == "cpu" && parts.Length == 1)
            return true;
        if (parts[0] == "cuda" && parts.Length == 1)
        {
            device = Cuda;
            return true;
        }
        if (parts[0] == "cuda" && parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            device = CudaAt(index);
            return true;
        }
        problem = parts[0] is "cpu" or "cuda" ? $"malformed device '{text}': expected {Accepted}" : $"unknown device '{text}': expected {Accepted}";
        return false;
    }

    /// <summary>The TorchSharp device tensors are moved to.</summary>
    public Device ToTorch() => Index is { } index ? new Device(Type, index) : new Device(Type);

    /// <summary>
    /// Why this libtorch cannot run on the device (no CUDA build or no visible GPU, or an index past the last GPU), or
    /// null when it can — for refusing a request up front instead of failing inside the first kernel.
    /// </summary>
    public string? Unreachable()
    {
        if (!IsCuda)
            return null;
        if (!torch.cuda.is_available())
            return $"device '{this}' was asked for but this libtorch has no CUDA device (see `./dino info`)";
        var count = torch.cuda.device_count();
        return Index >= count ? $"device '{this}' was asked for but only {count} CUDA device(s) are visible (cuda:0 to cuda:{count - 1})" : null;
    }

    /// <summary>
    /// The TorchSharp device, or a <see cref="UsageException"/> when this libtorch cannot reach it, so a request fails
    /// before a run folder is made or a corpus is read.
    /// </summary>
    public Device Require() =>
        Unreachable() is { } problem
            ? throw new UsageException($"{problem}; set device=cpu, or run on a GPU machine such as the devcontainer")
            : ToTorch();

    public override string ToString() =>
        !IsCuda ? "cpu"
        : Index is { } index ? $"cuda:{index}"
        : "cuda";
}

/// <summary>Keeps a device as its name in options.json and run.json, so runs written before the type existed still load.</summary>
public sealed class ComputeDeviceJsonConverter : JsonConverter<ComputeDevice>
{
    public override ComputeDevice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"a device is a string ({ComputeDevice.Accepted})");
        return ComputeDevice.TryParse(reader.GetString(), out var device, out var problem) ? device : throw new JsonException(problem);
    }

    public override void Write(Utf8JsonWriter writer, ComputeDevice value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
