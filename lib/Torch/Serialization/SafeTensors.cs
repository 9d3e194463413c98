using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Dino.Repro.IO;

namespace Dino.Repro.Torch.Serialization;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte
/// little-endian header length N, N bytes of UTF-8 JSON describing each tensor (dtype, shape, data_offsets)
/// plus an optional string map "__metadata__", then the raw little-endian C-order bytes of every tensor.
/// Writes are atomic (temp file + rename); reads validate everything and throw
/// <see cref="InvalidDataException"/> naming the file and the problem.
/// </summary>
public static class SafeTensors
{
    /// <summary>Writes the tensors (any device, any layout) and optional metadata to <paramref name="path"/>, atomically.</summary>
    public static unsafe void Save(
        IEnumerable<KeyValuePair<string, Tensor>> tensors,
        string path,
        IReadOnlyDictionary<string, string>? metadata = null
    )
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireLittleEndian();
        var items = tensors.ToList();
        var header = Layout(items, metadata ?? new Dictionary<string, string>());
        var headerBytes = header.ToBytes();

        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
            stream.Write(length);
            stream.Write(headerBytes);
            foreach (var i in Enumerable.Range(0, items.Count).OrderBy(i => header.Tensors[i].Begin))
                WriteData(stream, items[i].Value, header.Tensors[i].ByteCount);
        });
    }

    /// <summary>Reads every tensor (in header order) onto <paramref name="device"/> (CPU by default).</summary>
    public static OrderedDictionary<string, Tensor> Load(string path, Device? device = null) => LoadWithMetadata(path, device).tensors;

    /// <summary>Reads every tensor and the <c>__metadata__</c> map.</summary>
    public static unsafe (OrderedDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata) LoadWithMetadata(
        string path,
        Device? device = null
    )
    {
        RequireLittleEndian();
        return WithMappedFile(path, (data, length) =>
        {
            var header = ReadHeader(path, data, length, out var dataStart);
            var result = new OrderedDictionary<string, Tensor>();
            try
            {
                foreach (var info in header.Tensors)
                    result[info.Name] = ReadTensor(info, data + dataStart, device);
            }
            catch
            {
                foreach (var t in result.Values)
                    t.Dispose();
                throw;
            }
            return (result, header.Metadata);
        });
    }

    /// <summary>Reads and validates only the header (names, dtypes, shapes, metadata) without loading any tensor.</summary>
    public static unsafe SafeTensorsHeader ReadHeader(string path) => WithMappedFile(path, (data, length) => ReadHeader(path, data, length, out _));

    // ---- reading ---------------------------------------------------------------------------------

    private unsafe delegate T MappedReader<T>(byte* data, long length);

    private static unsafe T WithMappedFile<T>(string path, MappedReader<T> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"safetensors file not found: {file.FullName}", file.FullName);
        if (file.Length < 8)
            throw Invalid(path, $"truncated file: {file.Length} bytes, too short for the 8-byte header length");

        using var map = MemoryMappedFile.CreateFromFile(file.FullName, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            return read(pointer + view.PointerOffset, file.Length);
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    private static unsafe SafeTensorsHeader ReadHeader(string path, byte* data, long length, out long dataStart)
    {
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(data, 8));
        if (headerLength > SafeTensorsHeader.MaxHeaderBytes)
            throw Invalid(path, $"the header length {headerLength} exceeds the format's limit of {SafeTensorsHeader.MaxHeaderBytes} bytes");
        if ((long)headerLength > length - 8)
            throw Invalid(path, $"truncated file: the header length {headerLength} goes beyond the end of the file ({length} bytes)");
        dataStart = 8 + (long)headerLength;
        try
        {
            return SafeTensorsHeader.Parse(new ReadOnlySpan<byte>(data + 8, (int)headerLength), length - dataStart);
        }
        catch (InvalidDataException e)
        {
            throw Invalid(path, e.Message);
        }
    }

    private static unsafe Tensor ReadTensor(SafeTensorInfo info, byte* buffer, Device? device)
    {
        var nbytes = info.End - info.Begin;
        if (nbytes > int.MaxValue)
            throw new NotSupportedException($"tensor '{info.Name}' holds {nbytes} bytes; TorchSharp copies at most 2 GiB at once");
        var cpu = TensorData.FromBytes(new ReadOnlySpan<byte>(buffer + info.Begin, (int)nbytes), info.Shape, info.DType);
        if (device is not { } d || d.type == DeviceType.CPU)
            return cpu;
        using (cpu)
            return cpu.to(d);
    }

    private static InvalidDataException Invalid(string path, string problem) => new($"'{path}' is not a valid safetensors file: {problem}");

    // ---- writing ---------------------------------------------------------------------------------

    // The header keeps the caller's order; the data goes widest dtype first (stable), as the reference writer does,
    // so every tensor starts at a multiple of its element size and readers can view the bytes in place.
    private static SafeTensorsHeader Layout(List<KeyValuePair<string, Tensor>> items, IReadOnlyDictionary<string, string> metadata)
    {
        var names = new HashSet<string>();
        var described = new List<(string name, ScalarType dtype, long[] shape, long nbytes, long elementSize)>(items.Count);
        foreach (var (name, tensor) in items)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("a tensor name is empty");
            if (name == SafeTensorsHeader.MetadataKey)
                throw new ArgumentException($"'{name}' is reserved for the metadata map and cannot name a tensor");
            if (!names.Add(name))
                throw new ArgumentException($"the tensor name '{name}' appears twice");
            ArgumentNullException.ThrowIfNull(tensor, name);
            var dtype = tensor.dtype;
            SafeTensorsDType.Code(dtype); // fails early for dtypes the format cannot store
            described.Add((name, dtype, tensor.shape, tensor.numel() * tensor.ElementSize, tensor.ElementSize));
        }

        var offsets = new long[described.Count];
        long offset = 0;
        foreach (var i in Enumerable.Range(0, described.Count).OrderByDescending(i => described[i].elementSize))
        {
            offsets[i] = offset;
            offset += described[i].nbytes;
        }
        var infos = described.Select((d, i) => new SafeTensorInfo(d.name, d.dtype, d.shape, offsets[i], offsets[i] + d.nbytes)).ToList();
        return new SafeTensorsHeader(infos, metadata);
    }

    // A dense CPU copy (a no-op for tensors that already are one), written from its storage.
    private static void WriteData(Stream stream, Tensor tensor, long nbytes)
    {
        if (nbytes == 0)
            return;
        if (nbytes > int.MaxValue)
            throw new NotSupportedException($"a tensor of {nbytes} bytes; TorchSharp copies at most 2 GiB at once");
        using var scope = torch.NewDisposeScope();
        var dense = tensor.device_type == DeviceType.CPU ? tensor.contiguous() : tensor.cpu().contiguous();
        stream.Write(dense.bytes);
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors I/O assumes a little-endian machine");
    }
}
