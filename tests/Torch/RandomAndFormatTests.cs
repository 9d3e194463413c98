namespace Dino.Repro.Tests.Torch;

// The PyTorch-repr test (ToString_prints_like_pytorch) is gone: TorchSharp's Tensor.ToString() prints metadata
// ("[2x3], type = Float32, device = cpu") and none of its string styles (Julia, Numpy, CSharp) is PyTorch's repr.
public class RandomAndFormatTests
{
    [Fact]
    public void Manual_seed_makes_draws_bit_identical()
    {
        using var scope = NewDisposeScope();
        manual_seed(42);
        var a = randn(100).ToArray<float>();
        var b = rand(100).ToArray<float>();
        manual_seed(42);
        Assert.Equal(a, randn(100).ToArray<float>());
        Assert.Equal(b, rand(100).ToArray<float>());
        manual_seed(43);
        Assert.NotEqual(a, randn(100).ToArray<float>());
    }

    [Fact]
    public void Generators_are_independent_and_their_state_restores()
    {
        using var scope = NewDisposeScope();
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        manual_seed(0);
        var x1 = randn(new long[] { 10 }, generator: g1).ToArray<float>();
        randn(1000); // drawing from the default generator does not disturb g2
        Assert.Equal(x1, randn(new long[] { 10 }, generator: g2).ToArray<float>());

        var state = g1.get_state();
        var next = rand(new long[] { 10 }, generator: g1).ToArray<float>();
        g1.set_state(state);
        Assert.Equal(next, rand(new long[] { 10 }, generator: g1).ToArray<float>());
    }

    [Fact]
    public void Default_generator_state_round_trips_for_checkpoints()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var state = get_rng_state();
        var first = randn(5).ToArray<float>();
        set_rng_state(state);
        Assert.Equal(first, randn(5).ToArray<float>());
    }

    [Fact]
    public void Randn_has_unit_variance_and_rand_is_uniform()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        var n = randn(new long[] { 200_000 }, float64, generator: g);
        Assert.InRange(n.mean().item<double>(), -0.01, 0.01);
        Assert.InRange(n.std().item<double>(), 0.99, 1.01);
        var u = rand(new long[] { 200_000 }, float64, generator: g);
        Assert.InRange(u.mean().item<double>(), 0.495, 0.505);
        Assert.InRange(u.var().item<double>(), 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);
    }
}
