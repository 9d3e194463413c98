using System.Runtime.InteropServices;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Tests.Torch;

public class NNDropoutTests
{
    [Fact]
    public void Dropout_zeroes_about_p_and_scales_the_rest_in_train_and_is_identity_in_eval()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var dropout = nn.Dropout(0.3);
        var x = ones(new long[] { 100_000 }, float64);
        var y = dropout.call(x).ToArray<double>();
        var zeroFraction = y.Count(v => v == 0) / (double)y.Length;
        Assert.InRange(zeroFraction, 0.29, 0.31);
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / 0.7, v, 12));
        dropout.eval();
        Assert.True(dropout.call(x).Equals(x));
        Assert.True(F.dropout(x, 0.3, training: false).Equals(x));
    }

    [Fact]
    public void Channel_dropout_zeroes_whole_channels()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        using var dropout2d = nn.Dropout2d(0.25);
        var y = dropout2d.call(ones(new long[] { 8, 500, 2, 3 }, float64));
        var perChannel = y.reshape(8 * 500, 6);
        var channelMin = perChannel.amin(new long[] { 1 }).ToArray<double>();
        var channelMax = perChannel.amax(new long[] { 1 }).ToArray<double>();
        Assert.Equal(channelMin, channelMax); // every channel is all-zero or all-kept
        var dropped = channelMin.Count(v => v == 0) / (double)channelMin.Length;
        Assert.InRange(dropped, 0.22, 0.28);
        Assert.All(channelMin.Where(v => v != 0), v => Assert.Equal(1 / 0.75, v, 12));

        using var dropout3d = nn.Dropout3d(0.5);
        var unbatched = dropout3d.call(ones(new long[] { 400, 2, 2, 2 }, float64));
        Assert.Equal(new long[] { 400, 2, 2, 2 }, unbatched.shape);
        var flat = unbatched.reshape(400, 8);
        Assert.Equal(flat.amin(new long[] { 1 }).ToArray<double>(), flat.amax(new long[] { 1 }).ToArray<double>());
        dropout3d.eval();
        Assert.Equal(8f * 400, dropout3d.call(ones(400, 2, 2, 2)).sum().item<float>());
    }

    [Fact]
    public void Inplace_dropout_writes_into_its_input()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        var x = ones(new long[] { 1000 }, float64);
        using var dropout = nn.Dropout(0.5, inplace: true);
        var y = dropout.call(x);
        Assert.True(x.Equals(y));
        Assert.Contains(0.0, x.ToArray<double>());
    }

    [Fact]
    public void Bad_probabilities_are_rejected()
    {
        // A 2-d input to dropout3d is no longer an error: libtorch 2.10, like PyTorch, treats it as unbatched
        // (PyTorch only warns), so the old binding's "Expected 4D or 5D input" case was dropped.
        using var scope = NewDisposeScope();
        // TorchSharp builds nn.Dropout(1.5) without complaint (PyTorch raises in the constructor); libtorch rejects
        // the probability when the module runs.
        using var dropout = nn.Dropout(1.5);
        Assert.Contains("between 0 and 1, but got 1.5", Assert.Throws<ExternalException>(() => dropout.call(ones(3))).Message);
        Assert.Contains("between 0 and 1", Assert.Throws<ExternalException>(() => F.dropout(ones(3), -0.1)).Message);
    }
}
