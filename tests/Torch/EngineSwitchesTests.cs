namespace Dino.Repro.Tests.Torch;

/// <summary>libtorch's global switches the kit sets through at::Context, which TorchSharp does not expose.</summary>
public class EngineSwitchesTests
{
    [Fact]
    public void The_kit_turns_onednn_convolutions_off_unless_asked_not_to()
    {
        NativeEnvironment.Apply();
        Assert.Equal(Environment.GetEnvironmentVariable("DINO_ONEDNN") == "1", EngineSwitches.Mkldnn);
        Assert.False(EngineSwitches.Nnpack);
    }

    [Fact]
    public void Switches_read_back_what_was_set()
    {
        var mkldnn = EngineSwitches.Mkldnn;
        var nnpack = EngineSwitches.Nnpack;
        var deterministic = EngineSwitches.DeterministicAlgorithms;
        try
        {
            EngineSwitches.Mkldnn = !mkldnn;
            Assert.Equal(!mkldnn, EngineSwitches.Mkldnn);
            EngineSwitches.Nnpack = !nnpack;
            Assert.Equal(!nnpack, EngineSwitches.Nnpack);
            EngineSwitches.DeterministicAlgorithms = true;
            Assert.True(EngineSwitches.DeterministicAlgorithms);
            using var scope = NewDisposeScope();
            // CPU kernels are deterministic: a convolution still runs, twice to the same bits.
            using var g = new Generator(3);
            var x = randn(new long[] { 2, 3, 8, 8 }, generator: g);
            var w = randn(new long[] { 4, 3, 3, 3 }, generator: g);
            Assert.True(nn.functional.conv2d(x, w).Equals(nn.functional.conv2d(x, w)));
            EngineSwitches.DeterministicAlgorithms = false;
            Assert.False(EngineSwitches.DeterministicAlgorithms);
        }
        finally
        {
            EngineSwitches.Mkldnn = mkldnn;
            EngineSwitches.Nnpack = nnpack;
            EngineSwitches.DeterministicAlgorithms = deterministic;
        }
    }
}
