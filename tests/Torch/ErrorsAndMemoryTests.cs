using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

/// <summary>What the kit relies on from TorchSharp: libtorch's errors as .NET exceptions (the process goes on) and dispose scopes.</summary>
public class ErrorsAndMemoryTests
{
    [Fact]
    public void Shape_mismatch_is_an_exception_with_libtorchs_message()
    {
        using var scope = NewDisposeScope();
        var a = zeros(2, 3);
        var b = zeros(4, 5);
        var ex = Assert.ThrowsAny<ExternalException>(() => a + b);
        Assert.Contains("must match the size of tensor b", ex.Message);
        ex = Assert.ThrowsAny<ExternalException>(() => a.mm(b));
        Assert.Contains("cannot be multiplied", ex.Message);
        ex = Assert.ThrowsAny<ExternalException>(() => a.view(7));
        Assert.Contains("invalid for input of size 6", ex.Message);
    }

    [Fact]
    public void Wrong_dtype_is_an_exception()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.ThrowsAny<ExternalException>(() => arange(Scalars.Of(4)).index_select(0, tensor(new float[] { 0, 1 })));
        Assert.Contains("index", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.ThrowsAny<ExternalException>(() => zeros(2, 2).mm(zeros(new long[] { 2, 2 }, float64)));
    }

    [Fact]
    public void A_wrong_shape_in_a_layer_is_an_exception_not_a_crash()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(3, 8, 3);
        // TorchSharp's module checks the channels itself; a deeper mismatch is libtorch's error.
        Assert.Contains("3 channels", Assert.Throws<ArgumentException>(() => conv.call(zeros(1, 5, 8, 8))).Message);
        Assert.Contains(
            "kernel size can't be greater than actual input size",
            Assert.ThrowsAny<ExternalException>(() => conv.call(zeros(1, 3, 2, 2))).Message,
            StringComparison.OrdinalIgnoreCase
        );
    }

    [Fact]
    public void Disposed_tensor_use_is_an_exception()
    {
        var t = ones(3);
        t.Dispose();
        t.Dispose(); // idempotent
        Assert.True(t.IsInvalid);
        Assert.Throws<InvalidOperationException>(() => t.sum());
    }

    [Fact]
    public void A_thousand_failing_calls_leave_the_process_healthy()
    {
        var before = LiveTensors.Settled();
        using (var scope = NewDisposeScope())
        {
            var a = zeros(2, 3);
            var b = zeros(4, 5);
            for (var i = 0; i < 1000; i++)
            {
                Assert.ThrowsAny<ExternalException>(() => a.mm(b)); // (matmul itself is unguarded in TorchSharp 0.107: GuardedOps)
                Assert.ThrowsAny<ExternalException>(() => a.view(-1, 7));
            }
            // The error slot is cleared after each throw: a successful call after failures reports nothing.
            Assert.Equal(6, (a + Scalars.Of(1)).sum().ToSingle());
        }
        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void Dispose_scope_frees_everything_made_inside_unless_moved_out()
    {
        var before = LiveTensors.Settled();
        Tensor kept;
        using (var outer = NewDisposeScope())
        {
            using (var inner = NewDisposeScope())
            {
                var a = randn(3, 3);
                var b = a.mm(a).relu();
                kept = (b + Scalars.Of(1)).MoveToOuterDisposeScope();
                Assert.Equal(before + 4, Tensor.TotalCount);
            }
            Assert.False(kept.IsInvalid);
            Assert.Equal(before + 1, Tensor.TotalCount);
        }
        Assert.True(kept.IsInvalid); // the outer scope owned it
        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void DisposeEverythingBut_keeps_only_the_named_tensors()
    {
        var before = LiveTensors.Settled();
        using (var scope = NewDisposeScope())
        {
            var a = ones(2);
            var b = a * Scalars.Of(2);
            var c = b + Scalars.Of(1);
            scope.DisposeEverythingBut(c);
            Assert.True(a.IsInvalid);
            Assert.True(b.IsInvalid);
            Assert.False(c.IsInvalid);
            Assert.Equal(new float[] { 3, 3 }, c.ToArray<float>());
        }
        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void Cuda_is_reported_unavailable_on_a_cpu_build_and_moving_there_is_an_exception()
    {
        if (cuda.is_available())
            return; // the CUDA path is exercised by the [CudaFact] tests on a GPU machine
        Assert.Equal(0, cuda.device_count());
        using var scope = NewDisposeScope();
        Assert.ThrowsAny<Exception>(() => ones(2).cuda());
    }

    [Fact]
    public void The_kit_has_no_native_code_of_its_own()
    {
        var root = RepoRoot();
        var native = Directory
            .EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f =>
                !f.Contains("/bin/") && !f.Contains("/obj/") && !f.Contains("/.git/") && !f.Contains("/.cache/") && !f.Contains("/node_modules/")
            )
            .Where(f =>
                f.EndsWith(".cpp")
                || f.EndsWith(".cc")
                || f.EndsWith(".c")
                || f.EndsWith(".h")
                || f.EndsWith(".hpp")
                || Path.GetFileName(f) == "CMakeLists.txt"
            )
            .Select(f => Path.GetRelativePath(root, f))
            .ToList();
        Assert.True(native.Count == 0, "C/C++ or CMake files in the kit: " + string.Join(", ", native));
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dino.Repro.csproj")))
                return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}

public class EngineConfigurationTests
{
    [Fact]
    public void Thread_count_is_set_explicitly_and_validated()
    {
        var before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            Assert.Equal(1, torch.get_num_threads());
            Runtime.Configure(2);
            Assert.Equal(2, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Fact]
    public void The_engine_is_TorchSharp_0_107_on_libtorch_2_10()
    {
        Assert.StartsWith("2.10", torch.__version__);
        Assert.Equal(new Version(0, 107, 0), new Version(typeof(torch).Assembly.GetName().Version!.ToString(3)));
    }
}
