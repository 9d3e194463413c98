using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

/// <summary>The checks in front of TorchSharp entry points whose native side would terminate the process on an error.</summary>
public class GuardedOpsTests
{
    [Fact]
    public void MatMul_refuses_shapes_libtorch_would_refuse_and_multiplies_the_rest()
    {
        using var scope = NewDisposeScope();
        Assert.Contains("2x3 and 4x5", Assert.Throws<ArgumentException>(() => zeros(2, 3).MatMul(zeros(4, 5))).Message);
        Assert.Throws<ArgumentException>(() => zeros(7, 2, 3).MatMul(zeros(4, 5)));
        Assert.Throws<ArgumentException>(() => zeros(2, 3).MatMul(zeros(2)));
        Assert.Throws<ArgumentException>(() => zeros(3, 2, 3).MatMul(zeros(4, 3, 5)));
        Assert.Throws<ArgumentException>(() => tensor(1f).MatMul(zeros(1)));
        for (var i = 0; i < 1000; i++)
            Assert.Throws<ArgumentException>(() => zeros(2, 3).MatMul(zeros(4, 5)));

        var a = arange(Scalars.Of(6), ScalarType.Float64).reshape(2, 3);
        var b = arange(Scalars.Of(12), ScalarType.Float64).reshape(3, 4);
        Assert.Equal(new[] { 20.0, 23, 26, 29, 56, 68, 80, 92 }, a.MatMul(b).ToArray<double>()); // by hand
        Assert.Equal(new long[] { 5, 2, 4 }, ones(5, 2, 3).MatMul(ones(1, 3, 4)).shape); // batch broadcast
        Assert.Equal(new long[] { 2 }, ones(2, 3).MatMul(ones(3)).shape);
    }

    [Fact]
    public void A_generator_state_of_the_wrong_kind_is_refused_and_the_generator_keeps_working()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var state = g.get_state();
        Assert.Throws<ArgumentException>(() => g.SetStateChecked(zeros(new long[] { 10 }, ScalarType.Byte)));
        Assert.Throws<ArgumentException>(() => g.SetStateChecked(state.to(ScalarType.Float32)));
        Assert.Throws<ArgumentException>(() => GuardedOps.SetRngState(zeros(new long[] { 3 }, ScalarType.Byte)));

        var first = randn(new long[] { 4 }, generator: g);
        g.SetStateChecked(state);
        Assert.True(first.Equals(randn(new long[] { 4 }, generator: g)));
    }
}
