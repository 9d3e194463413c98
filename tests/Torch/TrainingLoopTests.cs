using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

public class TrainingLoopTests
{
    [Fact]
    public void Two_thousand_gan_steps_in_scopes_keep_tensor_count_and_memory_flat()
    {
        manual_seed(1);
        using var gan = new TinyGan();
        gan.Step(); // first step creates the optimisers' state tensors
        var baseline = LiveTensors.Settled();
        long rssAfterWarmup = 0;
        for (var step = 1; step < 2000; step++)
        {
            var (lossD, lossG) = gan.Step();
            // NaN from the first steps: see ConvFloat32Tests (float32 transposed convolution behind the logit's gradient).
            Assert.True(double.IsFinite(lossD) && double.IsFinite(lossG), $"step {step}: non-finite loss");
            Assert.Equal(baseline, Tensor.TotalCount);
            if (step == 200)
            {
                GC.Collect();
                rssAfterWarmup = ResidentBytes();
            }
        }
        GC.Collect();
        var growthMb = (ResidentBytes() - rssAfterWarmup) / 1e6;
        Assert.True(growthMb < 50, $"resident memory grew {growthMb:F1} MB over 1800 steps");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_losses_over_fifty_steps()
    {
        static double[] Run()
        {
            manual_seed(1234);
            using var gan = new TinyGan();
            var losses = new double[100];
            for (var i = 0; i < 50; i++)
                (losses[2 * i], losses[2 * i + 1]) = gan.Step();
            return losses;
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first, second); // exact: double equality of every loss
        Assert.NotEqual(first[0], first[98]); // and the model did train
    }

    /// <summary>The process's resident set size, from /proc (Linux).</summary>
    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
