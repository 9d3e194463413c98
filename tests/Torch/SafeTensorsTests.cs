using System.Buffers.Binary;
using System.Text;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Torch;

/// <summary>The safetensors reader and writer: round trips, files from other writers, atomic saves, module weights.</summary>
public class SafeTensorsTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder folder = new();

    public void Dispose()
    {
        scope.Dispose();
        folder.Dispose();
    }

    public static TheoryData<ScalarType> AllDtypes =>
        new(
            ScalarType.Float64,
            ScalarType.Float32,
            ScalarType.Float16,
            ScalarType.BFloat16,
            ScalarType.Int64,
            ScalarType.Int32,
            ScalarType.Int16,
            ScalarType.Int8,
            ScalarType.Byte,
            ScalarType.Bool
        );

    [Theory]
    [MemberData(nameof(AllDtypes))]
    public void Every_dtype_round_trips_with_shape_and_values(ScalarType dtype)
    {
        // Values every dtype holds exactly (bool keeps only zero/non-zero).
        var values = tensor(new double[] { 0, 1, 2, 3, 5, 7, 11, 13, 17, 19, 23, 29 }, new long[] { 2, 3, 2 }).to(dtype);
        var tensors = new Dictionary<string, Tensor>
        {
            ["block"] = values,
            ["scalar"] = full(Array.Empty<long>(), Scalars.Of(1), dtype),
            ["empty"] = zeros(new long[] { 0, 3 }, dtype),
            ["strided"] = values.transpose(0, 2), // not contiguous: written in C order
        };
        var path = folder.File("all.safetensors");
        SafeTensors.Save(tensors, path);
        var loaded = SafeTensors.Load(path);

        Assert.Equal(tensors.Keys, loaded.Keys);
        foreach (var (name, original) in tensors)
        {
            Assert.Equal(dtype, loaded[name].dtype);
            Assert.Equal(original.shape, loaded[name].shape);
            Assert.Equal(original.to(float64).contiguous().ToArray<double>(), loaded[name].to(float64).ToArray<double>());
        }
    }

    [Fact]
    public void Written_files_follow_the_spec_byte_for_byte()
    {
        var path = folder.File("spec.safetensors");
        SafeTensors.Save(
            new Dictionary<string, Tensor> { ["x"] = tensor(new[] { 1, -2 }), ["y"] = tensor(new short[] { 258 }) },
            path,
            new Dictionary<string, string> { ["format"] = "pt" }
        );
        var bytes = File.ReadAllBytes(path);
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + n) % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, n);
        Assert.Equal(
            "{\"__metadata__\":{\"format\":\"pt\"},\"x\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"y\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[8,10]}}",
            header.TrimEnd(' ')
        );
        Assert.True(header.Skip(header.TrimEnd(' ').Length).All(c => c == ' '), "the header is padded with spaces");
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 2, 1 }, bytes[(8 + n)..]);
    }

    [Fact]
    public void Data_goes_widest_dtype_first_so_every_tensor_is_aligned()
    {
        var path = folder.File("aligned.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["a"] = tensor(new sbyte[] { 1, -2, 3 }),
            ["b"] = tensor(new[] { 0.5, -1.5 }),
            ["c"] = tensor(new short[] { 7 }),
            ["d"] = tensor(new[] { 2.5f }),
        };
        SafeTensors.Save(tensors, path);
        var header = SafeTensors.ReadHeader(path);
        Assert.Equal(new[] { "a", "b", "c", "d" }, header.Tensors.Select(t => t.Name)); // the caller's order
        Assert.Equal(new long[] { 22, 0, 20, 16 }, header.Tensors.Select(t => t.Begin));
        Assert.All(header.Tensors, t => Assert.Equal(0, t.Begin % t.DType.ElementSize()));
        var loaded = SafeTensors.Load(path);
        Assert.Equal(new sbyte[] { 1, -2, 3 }, loaded["a"].ToArray<sbyte>());
        Assert.Equal(new[] { 0.5, -1.5 }, loaded["b"].ToArray<double>());
        Assert.Equal(new short[] { 7 }, loaded["c"].ToArray<short>());
        Assert.Equal(new[] { 2.5f }, loaded["d"].ToArray<float>());
    }

    [Fact]
    public void Reads_a_file_crafted_byte_by_byte_from_the_spec()
    {
        // As another writer might lay it out: metadata, header order unlike data order, trailing-space padding.
        var json =
            "{\"__metadata__\":{\"format\":\"pt\",\"note\":\"é\"},"
            + "\"weight\":{\"dtype\":\"F32\",\"shape\":[2,1],\"data_offsets\":[3,11]},"
            + "\"flags\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]},"
            + "\"half\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[11,13]}}";
        var header = Encoding.UTF8.GetBytes(json).Concat(Enumerable.Repeat((byte)' ', 5)).ToArray();
        var file = new List<byte>();
        file.AddRange(BitConverter.GetBytes((ulong)header.Length));
        file.AddRange(header);
        file.AddRange(new byte[] { 1, 0, 1 });
        file.AddRange(BitConverter.GetBytes(1.5f));
        file.AddRange(BitConverter.GetBytes(-2f));
        file.AddRange(new byte[] { 0xC0, 0x3F }); // bfloat16 1.5 (the top half of float32 1.5)
        var path = folder.File("crafted.safetensors");
        File.WriteAllBytes(path, file.ToArray());

        var (tensors, metadata) = SafeTensors.LoadWithMetadata(path);
        Assert.Equal(new[] { "weight", "flags", "half" }, tensors.Keys);
        Assert.Equal(new[] { 1.5f, -2f }, tensors["weight"].ToArray<float>());
        Assert.Equal(new long[] { 2, 1 }, tensors["weight"].shape);
        Assert.Equal(new[] { true, false, true }, tensors["flags"].ToArray<bool>());
        Assert.Equal(ScalarType.BFloat16, tensors["half"].dtype);
        Assert.Empty(tensors["half"].shape);
        Assert.Equal(1.5, tensors["half"].to(float64).item<double>());
        Assert.Equal("pt", metadata["format"]);
        Assert.Equal("é", metadata["note"]);
    }

    [Fact]
    public void Reads_the_file_written_by_the_python_fixture_writer()
    {
        var header = SafeTensors.ReadHeader(Fixtures.Path("tiny_convnet_reference.safetensors"));
        Assert.Equal(new[] { "input", "output", "features" }, header.Tensors.Select(t => t.Name));
        Assert.Equal(new long[] { 2, 3, 6, 6 }, header.Tensors[0].Shape);
        Assert.Equal(ScalarType.Float32, header.Tensors[1].DType);
        Assert.Equal("make_torchscript_fixture.py", header.Metadata["script"]);
    }

    [Fact]
    public void Saving_replaces_the_file_atomically_and_leaves_no_temporary_file()
    {
        var path = folder.File("model.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["a"] = ones(2) }, path);
        SafeTensors.Save(new Dictionary<string, Tensor> { ["b"] = zeros(3) }, path);
        Assert.Equal(new[] { "b" }, SafeTensors.Load(path).Keys);

        var before = File.ReadAllBytes(path);
        var complex = zeros(new long[] { 2 }, ScalarType.ComplexFloat32);
        var ex = Assert.Throws<NotSupportedException>(() =>
            SafeTensors.Save(new Dictionary<string, Tensor> { ["ok"] = ones(1), ["c"] = complex }, path)
        );
        Assert.Contains("complex64", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Root));
    }

    [Fact]
    public void Load_moves_tensors_to_the_requested_device_and_rejects_reserved_names()
    {
        var path = folder.File("w.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["w"] = ones(2) }, path);
        Assert.Equal(DeviceType.CPU, SafeTensors.Load(path, device: CPU)["w"].device_type);
        var ex = Assert.Throws<ArgumentException>(() => SafeTensors.Save(new Dictionary<string, Tensor> { ["__metadata__"] = ones(1) }, path));
        Assert.Contains("reserved", ex.Message);
    }

    private sealed class Tiny : nn.Module<Tensor, Tensor>
    {
        private readonly Parameter weight;
        private readonly Parameter bias;
        private readonly Tensor steps;

        public Tiny(float fill)
            : base(nameof(Tiny))
        {
            weight = new Parameter(full(new long[] { 2, 3 }, Scalars.Of(fill)));
            bias = new Parameter(full(new long[] { 2 }, Scalars.Of(-fill)));
            steps = full(new long[] { 1 }, Scalars.Of((long)fill), int64);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => input.matmul(weight.t()) + bias;
    }

    private sealed class TinyPlus : nn.Module<Tensor, Tensor>
    {
        private readonly Tiny inner = new(0);
        private readonly Parameter extra = new(zeros(1));

        public TinyPlus()
            : base(nameof(TinyPlus)) => RegisterComponents();

        public override Tensor forward(Tensor input) => inner.call(input) + extra;
    }

    [Fact]
    public void Module_weights_load_strictly_or_report_missing_and_unexpected_names()
    {
        var path = folder.File("tiny.safetensors");
        using var saved = new Tiny(3).SaveSafeTensors(path);
        using var fresh = new Tiny(0);
        var (missing, unexpected) = fresh.LoadSafeTensors(path);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Equal(Enumerable.Repeat(3f, 6), fresh.state_dict()["weight"].ToArray<float>());
        Assert.Equal(new long[] { 3 }, fresh.state_dict()["steps"].ToArray<long>());

        using var other = new TinyPlus();
        var ex = Assert.Throws<InvalidDataException>(() => other.LoadSafeTensors(path));
        Assert.Contains("missing keys: extra, inner.weight, inner.bias, inner.steps", ex.Message);
        Assert.Contains("unexpected keys: weight, bias, steps", ex.Message);
        (missing, unexpected) = other.LoadSafeTensors(path, strict: false);
        Assert.Equal(4, missing.Count);
        Assert.Equal(new[] { "weight", "bias", "steps" }, unexpected);
    }
}
