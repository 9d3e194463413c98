using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

/// <summary>What lib/Torch adds to TorchSharp: bulk array copies, dtype names, device names.</summary>
public class KitExtensionTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();

    public void Dispose() => scope.Dispose();

    [Fact]
    public void ToArray_copies_any_layout_in_C_order()
    {
        var m = arange(Scalars.Of(6), dtype: ScalarType.Float32).reshape(2, 3);
        Assert.Equal(new[] { 0f, 1f, 2f, 3f, 4f, 5f }, m.ToArray<float>());
        Assert.Equal(new[] { 0f, 3f, 1f, 4f, 2f, 5f }, m.T.ToArray<float>()); // a transposed view
        Assert.Equal(new[] { 1f, 4f }, m.narrow(1, 1, 1).ToArray<float>()); // a strided slice
        Assert.Equal(new[] { 7L }, tensor(7L).ToArray<long>()); // a 0-d tensor
        Assert.Empty(zeros(0, 3).ToArray<float>());
    }

    [Fact]
    public void ToArray_refuses_a_dtype_that_does_not_match()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ones(2).ToArray<double>());
        Assert.Contains("torch.float64", e.Message);
        Assert.Contains("torch.float32", e.Message);
    }

    [Fact]
    public void FromBytes_round_trips_and_checks_the_length()
    {
        var values = new[] { 1.5, -2.25, 1e300 };
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var t = TensorData.FromBytes(bytes, new long[] { 3 }, ScalarType.Float64);
        Assert.Equal(values, t.ToArray<double>());
        Assert.Throws<ArgumentException>(() => TensorData.FromBytes(bytes[..16], new long[] { 3 }, ScalarType.Float64));
    }

    [Theory]
    [InlineData(ScalarType.Byte, "torch.uint8", 1)]
    [InlineData(ScalarType.Float32, "torch.float32", 4)]
    [InlineData(ScalarType.Int64, "torch.int64", 8)]
    [InlineData(ScalarType.Bool, "torch.bool", 1)]
    public void Dtype_names_and_sizes_are_PyTorchs(ScalarType dtype, string name, int size)
    {
        Assert.Equal(name, dtype.TorchName());
        Assert.Equal(size, dtype.ElementSize()); // TorchSharp's, which the kit uses
        using var t = zeros(new long[] { 1 }, dtype);
        Assert.Equal(size, t.ElementSize);
    }

    [Fact]
    public void Device_names_parse_and_unknown_ones_are_refused()
    {
        Assert.Equal(ComputeDevice.Cpu, ComputeDevice.Parse("cpu"));
        Assert.Equal(ComputeDevice.Cpu, default); // an options record nobody set runs on the CPU
        Assert.Equal((DeviceType.CPU, -1L), (ComputeDevice.Cpu.ToTorch().type, ComputeDevice.Cpu.ToTorch().index));
        Assert.Equal((DeviceType.CUDA, 1L), (ComputeDevice.Parse(" CUDA:1 ").ToTorch().type, ComputeDevice.Parse("CUDA:1").ToTorch().index));
        Assert.Equal(["cpu", "cuda", "cuda:1"], new[] { "CPU", "cuda", "cuda:1" }.Select(n => ComputeDevice.Parse(n).ToString()));
        Assert.Contains(
            "unknown device 'gpu': expected cpu, cuda or cuda:N",
            Assert.Throws<ArgumentException>(() => ComputeDevice.Parse("gpu")).Message
        );
        Assert.Contains("malformed", Assert.Throws<ArgumentException>(() => ComputeDevice.Parse("cuda:-1")).Message);
        Assert.Throws<ArgumentException>(() => ComputeDevice.Parse("cuda:1:2"));
        Assert.Throws<ArgumentException>(() => ComputeDevice.Parse("cpu:0"));
        Assert.Throws<ArgumentException>(() => ComputeDevice.Parse(""));
        Assert.False(ComputeDevice.Cpu.IsCuda);
        Assert.True(ComputeDevice.CudaAt(0).IsCuda);
    }
}
