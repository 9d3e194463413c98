using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Native;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

public class ErrorsAndMemoryTests
{
    [Theory]
    [InlineData(0, "dn_test_throw: c10 error")]
    [InlineData(1, "dn_test_throw: std error")]
    [InlineData(2, "unknown native exception")]
    public void Every_kind_of_native_exception_becomes_a_TorchException(int kind, string message)
    {
        NativeError.Take();
        var ex = Assert.Throws<TorchException>(() => NativeError.Check(LibTorch.dn_test_throw(kind)));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Shape_mismatch_is_an_exception_with_libtorchs_message()
    {
        using var scope = NewDisposeScope();
        var a = zeros(2, 3);
        var b = zeros(4, 5);
        var ex = Assert.Throws<TorchException>(() => a + b);
        Assert.Contains("must match the size of tensor b", ex.Message);
        ex = Assert.Throws<TorchException>(() => a.mm(b));
        Assert.Contains("cannot be multiplied", ex.Message);
        ex = Assert.Throws<TorchException>(() => a.view(7));
        Assert.Contains("invalid for input of size 6", ex.Message);
    }

    [Fact]
    public void Wrong_dtype_is_an_exception()
    {
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => arange(4).index_select(0, tensor(new float[] { 0, 1 })));
        Assert.Contains("index", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<TorchException>(() => zeros(2, 2).mm(zeros(new long[] { 2, 2 }, float64)));
    }

    [Fact]
    public void Disposed_tensor_use_is_an_ObjectDisposedException()
    {
        var t = ones(3);
        t.Dispose();
        t.Dispose();  // idempotent
        var ex = Assert.Throws<ObjectDisposedException>(() => t.sum());
        Assert.Contains("disposed", ex.Message);
        Assert.Equal("tensor(<disposed>)", t.ToString());
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
                Assert.Throws<TorchException>(() => a.matmul(b));
                Assert.Throws<TorchException>(() => a.view(-1, 7));
            }
            // The error slot is cleared after each throw: a successful call after failures reports nothing.
            Assert.Equal(6, (a + 1).sum().item<double>());
            Assert.Equal("", NativeError.Take());
        }
        Assert.Equal(before, Tensor.LiveCount);
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
                kept = (b + 1).MoveToOuterDisposeScope();
                Assert.Equal(before + 4, Tensor.LiveCount);
            }
            Assert.False(kept.IsInvalid);
            Assert.Equal(before + 1, Tensor.LiveCount);
        }
        Assert.True(kept.IsInvalid);  // the outer scope owned it
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void DisposeEverythingBut_keeps_only_the_named_tensors()
    {
        var before = LiveTensors.Settled();
        using (var scope = NewDisposeScope())
        {
            var a = ones(2);
            var b = a * 2;
            var c = b + 1;
            scope.DisposeEverythingBut(c);
            Assert.True(a.IsInvalid);
            Assert.True(b.IsInvalid);
            Assert.False(c.IsInvalid);
            Assert.Equal(new float[] { 3, 3 }, c.ToArray<float>());
        }
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void Cuda_is_reported_unavailable_on_a_cpu_build_and_moving_there_is_an_exception()
    {
        if (cuda.is_available()) return;  // the CUDA path is exercised by the GPU test on a GPU machine
        Assert.Equal(0, cuda.device_count());
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<TorchException>(() => ones(2).cuda());
        Assert.Contains("cuda", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Native_library_has_no_export_without_the_guard()
    {
        var root = RepoRoot();
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "lib", "Native", "src"), "*.cpp"))
        {
            var text = File.ReadAllText(file);
            var index = 0;
            while ((index = text.IndexOf("DN_EXPORT", index, StringComparison.Ordinal)) >= 0)
            {
                var lineStart = text.LastIndexOf('\n', index) + 1;
                var isMacroDefinition = text.Substring(lineStart, index - lineStart).TrimStart().StartsWith('#');
                var bodyStart = text.IndexOf('{', index);
                var bodyEnd = MatchingBrace(text, bodyStart);
                var body = text.Substring(bodyStart, bodyEnd - bodyStart);
                var signature = text.Substring(index, bodyStart - index).Split('(')[0].Trim();
                if (!body.Contains("guard", StringComparison.Ordinal) && !isMacroDefinition) offenders.Add($"{Path.GetFileName(file)}: {signature}");
                if (isMacroDefinition && !body.Contains("guard", StringComparison.Ordinal)) offenders.Add($"{Path.GetFileName(file)}: macro {signature}");
                index = bodyEnd;
            }
        }
        Assert.True(offenders.Count == 0, "exports without dn::guard: " + string.Join("; ", offenders));
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return i + 1;
        }
        return text.Length;
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dino.Repro.csproj"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}

public class EngineConfigurationTests
{
    [Fact]
    public void OpenBLAS_core_type_is_chosen_from_the_cpu_flags_before_the_library_loads()
    {
        using var t = torch.ones(1);  // forces the native library (and OpenBLAS) to load
        var detected = Dino.Repro.Torch.Native.OpenBlasCoreType.Detect();
        if (detected is null) return;  // a CPU without AVX: nothing to choose
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE")));
    }

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
            Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_num_threads(0));
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Fact]
    public void Config_reports_the_libtorch_build()
    {
        var config = torch.config_show();
        Assert.Contains("PyTorch built with", config);
    }
}
