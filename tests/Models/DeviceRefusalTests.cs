using Dino.Repro.IO;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Models;

/// <summary>What a CPU-only machine answers to device=cuda and to the paper preset without its corpus: a clear error, nothing left behind.</summary>
public class DeviceRefusalTests
{
    [NoCudaTheory]
    [InlineData("dino")]
    [InlineData("dino-bidirectional")]
    [InlineData("pix2pix")]
    [InlineData("bicyclegan")]
    [InlineData("toy-gan")]
    public void Training_on_cuda_without_cuda_is_a_usage_error_that_makes_no_run_folder(string experiment)
    {
        using var data = new DataRootScope();
        var runs = Path.Combine(data.Path, "runs");
        var (code, _, error) = CliRunner.Run("train", experiment, "--preset", "smoke", "--steps", "1", "--out", runs, "--set", "device=cuda");
        Assert.Equal(2, code);
        Assert.Contains("device 'cuda' was asked for but this libtorch has no CUDA device", error);
        Assert.Contains("set device=cpu", error);
        Assert.False(Directory.Exists(runs) && Directory.EnumerateFileSystemEntries(runs).Any(), "a refused run left a folder behind");
    }

    [Fact]
    public void The_paper_preset_without_its_corpus_names_the_script_without_a_stack_trace()
    {
        using var data = new DataRootScope();
        var (code, _, error) = CliRunner.Run("reproduce", "dino-table1", "--preset", "paper", "--out", Path.Combine(data.Path, "reports"));
        Assert.NotEqual(0, code);
        Assert.Contains("data-scripts/celebamask-hq.sh", error);
        Assert.DoesNotContain("   at ", error);
    }

    [NoCudaTheory]
    [InlineData("fid-images")]
    [InlineData("segment-images")]
    public void Network_metrics_on_cuda_without_cuda_fail_with_the_reason(string metric)
    {
        using var temp = new Fixtures.TempFolder();
        using var image = TorchSharp.torch.zeros(new long[] { 16, 16, 3 }, ScalarType.Byte);
        foreach (var folder in new[] { "a", "b" })
        {
            Directory.CreateDirectory(temp.File(folder));
            Dino.Repro.Vision.ImageIO.Write(Path.Combine(temp.File(folder), "x.png"), image);
        }
        var (code, _, error) = CliRunner.Run(
            "metric",
            metric,
            "--ref-dir",
            temp.File("a"),
            "--deg-dir",
            temp.File("b"),
            "--set",
            "device=cuda",
            "--set",
            "evaluator=" + Fixtures.Path("tiny_inception.pt"),
            "--set",
            "segmenter=" + Fixtures.Path("tiny_segmenter.pt"),
            "--set",
            "out=" + temp.File("labels")
        );
        Assert.NotEqual(0, code);
        Assert.Contains("device 'cuda' was asked for but this libtorch has no CUDA device", error);
    }

    [Fact]
    public void The_cpu_is_always_reachable_and_an_unknown_device_name_is_refused()
    {
        Assert.Null(ComputeDevice.Cpu.Unreachable());
        var ex = Assert.Throws<ArgumentException>(() => ComputeDevice.Parse("gpu"));
        Assert.Contains("expected cpu, cuda or cuda:N", ex.Message);
        Assert.Contains("cuda:4096", ComputeDevice.CudaAt(4096).Unreachable()); // no machine has 4097 GPUs, with or without CUDA
        Assert.Contains("cuda:4096", Assert.Throws<UsageException>(() => ComputeDevice.CudaAt(4096).Require()).Message);
    }
}
