namespace Dino.Repro.Tests.Torch;

/// <summary>
/// float32 convolutions on the CPU against the same convolutions in float64 (which libtorch computes on its reference
/// path): with oneDNN's AVX2/AVX-512 kernels these shapes came out wrong on this project's AMD EPYC machines, so the kit
/// turns oneDNN convolutions off and caps oneDNN at SSE4.1 (<see cref="NativeEnvironment"/>). Values and both gradients
/// must agree.
/// </summary>
public class ConvFloat32Tests
{
    [Fact]
    public void The_kit_caps_onednn_unless_the_user_chose()
    {
        Assert.False(string.IsNullOrEmpty(NativeEnvironment.NativeValue("ONEDNN_MAX_CPU_ISA")));
        if (Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") is null)
            Assert.Equal(NativeEnvironment.OneDnnIsaCap, NativeEnvironment.NativeValue("ONEDNN_MAX_CPU_ISA"));
    }

    // transposed, batch, in, out, kernel, stride, padding, side — each failed with the AVX2 or AVX-512 kernels.
    public static TheoryData<bool, int, int, int, int, int, int, int> Shapes =>
        new()
        {
            { false, 16, 8, 1, 4, 1, 0, 4 }, // the DCGAN discriminator's last layer (4×4 → 1×1)
            { false, 16, 15, 11, 3, 1, 1, 11 },
            { false, 8, 12, 3, 2, 1, 0, 5 },
            { false, 16, 8, 8, 3, 1, 1, 8 },
            { true, 2, 8, 8, 3, 2, 1, 8 },
            { true, 16, 8, 8, 3, 2, 1, 8 },
            { true, 17, 16, 9, 3, 2, 1, 14 },
            { true, 15, 10, 11, 2, 1, 0, 16 },
            { true, 16, 16, 32, 4, 1, 0, 1 }, // the DCGAN generator's first layer (1×1 → 4×4)
        };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Values_and_gradients_match_float64(
        bool transposed,
        int batch,
        int inChannels,
        int outChannels,
        int kernel,
        int stride,
        int padding,
        int side
    )
    {
        // Both of the kit's settings, each on its own: ATen's kernels (oneDNN off, the default) and oneDNN's SSE4.1 ones.
        var before = EngineSwitches.Mkldnn;
        try
        {
            foreach (var onednn in new[] { false, true })
            {
                EngineSwitches.Mkldnn = onednn;
                Check(transposed, batch, inChannels, outChannels, kernel, stride, padding, side);
            }
        }
        finally
        {
            EngineSwitches.Mkldnn = before;
        }
    }

    private static void Check(bool transposed, int batch, int inChannels, int outChannels, int kernel, int stride, int padding, int side)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)(batch * 1000 + inChannels * 10 + kernel));
        var weightShape = transposed
            ? new long[] { inChannels, outChannels, kernel, kernel }
            : new long[] { outChannels, inChannels, kernel, kernel };
        Tensor Conv(Tensor x, Tensor w) =>
            transposed
                ? nn.functional.conv_transpose2d(x, w, strides: new long[] { stride, stride }, padding: new long[] { padding, padding })
                : nn.functional.conv2d(x, w, strides: new long[] { stride, stride }, padding: new long[] { padding, padding });
        for (var trial = 0; trial < 3; trial++)
        {
            var x = randn(new long[] { batch, inChannels, side, side }, generator: g).requires_grad_(true);
            var w = randn(weightShape, generator: g).requires_grad_(true);
            var y = Conv(x, w);
            var gradOut = randn(y.shape, generator: g);
            var grads = torch.autograd.grad(new[] { y }, new[] { x, w }, new[] { gradOut });

            var x64 = x.detach().to(float64).requires_grad_(true);
            var w64 = w.detach().to(float64).requires_grad_(true);
            var y64 = Conv(x64, w64);
            var grads64 = torch.autograd.grad(new[] { y64 }, new[] { x64, w64 }, new[] { gradOut.to(float64) });

            var path = EngineSwitches.Mkldnn ? "oneDNN" : "ATen";
            AssertClose(y.detach(), y64.detach(), $"{path} values", trial);
            AssertClose(grads[0], grads64[0], $"{path} input gradient", trial);
            AssertClose(grads[1], grads64[1], $"{path} weight gradient", trial);
        }
    }

    // float32 accumulation over at most a few hundred products: 1e-4 of the largest magnitude is generous.
    private static void AssertClose(Tensor actual, Tensor expected, string what, int trial)
    {
        var error = (actual.to(float64) - expected).abs().max().ToDouble();
        var scale = expected.abs().max().ToDouble() + 1e-12;
        Assert.True(error <= 1e-4 * scale, $"{what}, trial {trial}: max error {error:G3} against a largest value of {scale:G3}");
    }
}
