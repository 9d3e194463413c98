using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// TorchSharp's CUDA paths on a real GPU. Every test is a [CudaFact]: on a CPU-only libtorch or a machine
/// without a GPU they are reported as skipped. The CPU side of cuda.* is ErrorsAndMemoryTests'.
/// </summary>
public class CudaTests
{
    [CudaFact]
    public void A_device_is_counted()
    {
        Assert.True(cuda.device_count() >= 1, $"device_count() = {cuda.device_count()}");
    }

    [CudaFact]
    public void Tensors_round_trip_cpu_to_cuda_to_cpu_exactly()
    {
        using var scope = NewDisposeScope();
        var f = randn(3, 5, 7);
        var onGpu = f.cuda();
        Assert.Equal(DeviceType.CUDA, onGpu.device.type);
        var back = onGpu.cpu();
        Assert.Equal(DeviceType.CPU, back.device.type);
        Assert.Equal(f.shape, back.shape);
        Assert.Equal(f.ToArray<float>(), back.ToArray<float>());

        var d = randn(new long[] { 11 }, ScalarType.Float64);
        Assert.Equal(d.ToArray<double>(), d.to(CUDA).to(CPU).ToArray<double>());
        var l = randint(-1000, 1000, new long[] { 13 });
        Assert.Equal(l.ToArray<long>(), l.cuda().cpu().ToArray<long>());
    }

    [CudaFact]
    public void Conv2d_forward_and_backward_on_cuda_match_cpu()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = randn(2, 3, 9, 9);
        var w = randn(4, 3, 3, 3);
        var b = randn(4);
        var g = randn(2, 4, 5, 5); // a fixed upstream gradient, so backward sees every output element

        (float[] y, float[] dx, float[] dw, float[] db) Run(Device device)
        {
            var xi = x.to(device).requires_grad_();
            var wi = w.to(device).requires_grad_();
            var bi = b.to(device).requires_grad_();
            var y = nn.functional.conv2d(xi, wi, bi, strides: new long[] { 2, 2 }, padding: new long[] { 1, 1 });
            (y * g.to(device)).sum().backward();
            return (y.cpu().ToArray<float>(), xi.grad!.cpu().ToArray<float>(), wi.grad!.cpu().ToArray<float>(), bi.grad!.cpu().ToArray<float>());
        }

        var cpu = Run(CPU);
        var gpu = Run(CUDA);
        // cuDNN may use TF32 for float32 convolutions on Ampere and later (PyTorch's default): a 10-bit mantissa
        // gives relative errors near 1e-3 on sums of 27 products, so the tolerance is TF32's, not float32's.
        Close.All(cpu.y, gpu.y, atol: 2e-2, rtol: 2e-3, what: "output");
        Close.All(cpu.dx, gpu.dx, atol: 2e-2, rtol: 2e-3, what: "input gradient");
        Close.All(cpu.dw, gpu.dw, atol: 5e-2, rtol: 2e-3, what: "weight gradient");
        Close.All(cpu.db, gpu.db, atol: 1e-3, rtol: 1e-4, what: "bias gradient");
    }

    [CudaFact]
    public void A_module_moved_to_cuda_keeps_its_parameters_there_through_an_Adam_step()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var model = nn.Conv2d(3, 2, 3, padding: 1);
        var before = model.parameters().Select(p => p.detach().clone()).ToArray();
        model.to(CUDA);
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CUDA, p.device.type));

        using var opt = optim.Adam(model.parameters(), lr: 0.01);
        var x = randn(new long[] { 4, 3, 6, 6 }, device: CUDA);
        opt.zero_grad();
        model.call(x).square().mean().backward();
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CUDA, p.grad!.device.type));
        opt.step();

        var after = model.parameters().ToArray();
        Assert.All(after, p => Assert.Equal(DeviceType.CUDA, p.device.type));
        for (var i = 0; i < after.Length; i++)
        {
            // Adam's first step moves every weight by about lr (the update is m/sqrt(v) = ±1 per element).
            var moved = (after[i].detach().cpu() - before[i]).abs().max().item<float>();
            Assert.InRange(moved, 0.005f, 0.0101f);
        }
    }

    [CudaFact]
    public void Manual_seed_makes_cuda_randn_reproducible()
    {
        using var scope = NewDisposeScope();
        manual_seed(42);
        var a = randn(new long[] { 64 }, device: CUDA).cpu().ToArray<float>();
        var a2 = randn(new long[] { 64 }, device: CUDA).cpu().ToArray<float>();
        manual_seed(42);
        var b = randn(new long[] { 64 }, device: CUDA).cpu().ToArray<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, a2);
    }
}
