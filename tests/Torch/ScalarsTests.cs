namespace Dino.Repro.Tests.Torch;

/// <summary>The Scalars the kit holds instead of making temporaries (lib/Torch/Scalars.cs).</summary>
public class ScalarsTests
{
    [Fact]
    public void A_value_gives_the_same_held_scalar_every_time_and_survives_collections()
    {
        var first = Scalars.Of(3.25);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Same(first, Scalars.Of(3.25));
        Assert.Equal(3.25, first.ToDouble());
        Assert.Equal(-7L, Scalars.Of(-7).ToInt64());
    }

    [Fact]
    public void Integers_stay_integer_and_reals_promote_as_the_implicit_conversions_do()
    {
        using var scope = NewDisposeScope();
        var i = tensor(new long[] { 1, 2, 3 });
        Assert.Equal(ScalarType.Int64, i.mul(Scalars.Of(2)).dtype);
        Assert.Equal(ScalarType.Float32, i.mul(Scalars.Of(2.0)).dtype);
        Assert.Equal(ScalarType.Float32, i.mul(Scalars.Of(2.0f)).dtype);
        Assert.Equal(new long[] { 2, 4, 6 }, i.mul(Scalars.Of(2)).ToArray<long>());
    }

    [Fact]
    public void Values_are_told_apart_by_their_bits()
    {
        using var scope = NewDisposeScope();
        Assert.NotSame(Scalars.Of(0.0), Scalars.Of(-0.0));
        Assert.True(double.IsNegative(Scalars.Of(-0.0).ToDouble()));
        Assert.NotSame(Scalars.Of(1), Scalars.Of(1.0));
        // 1 / -0 is -inf: the sign survives into libtorch.
        Assert.Equal(double.NegativeInfinity, tensor(1.0).div(Scalars.Of(-0.0)).item<double>());
    }
}
