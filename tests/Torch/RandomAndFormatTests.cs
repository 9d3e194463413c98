using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

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
        randn(1000);  // drawing from the default generator does not disturb g2
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

    // Expected strings are what PyTorch 1.13 prints for the same tensors.
    [Fact]
    public void ToString_prints_like_pytorch()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("tensor([1.0000, 2.5000, 3.0000])", tensor(new float[] { 1, 2.5f, 3 }).ToString());
        Assert.Equal("tensor([1., 2., 3.])", tensor(new float[] { 1, 2, 3 }).ToString());
        Assert.Equal("tensor([0, 1, 2])", arange(3).ToString());
        Assert.Equal("tensor([ True, False])", tensor(new[] { true, false }).ToString());
        Assert.Equal("tensor(3.5000)", scalar_tensor(3.5).ToString());
        Assert.Equal("tensor([1., 2.], dtype=torch.float64)", tensor(new double[] { 1, 2 }).ToString());
        Assert.Equal("tensor([[ 1., -2.],\n        [ 3.,  4.]])", tensor(new float[] { 1, -2, 3, 4 }, new long[] { 2, 2 }).ToString());
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00])", tensor(new float[] { 1e-5f, 1 }).ToString());
        Assert.Equal("tensor([1., 1.], requires_grad=True)", ones(new long[] { 2 }, requires_grad: true).ToString());
        var x = ones(new long[] { 2 }, requires_grad: true);
        Assert.Equal("tensor([1., 1.], grad_fn=<MulBackward0>)", (x * x).ToString());
        Assert.Equal("tensor([], size=(0, 3))", zeros(0, 3).ToString());
        Assert.Equal("tensor([   0,    1,    2,  ..., 1997, 1998, 1999])", arange(2000).ToString());
        Assert.Equal("tensor([[0, 1],\n        [2, 3]], dtype=torch.int32)", arange(4).view(2, 2).to(int32).ToString());
        Assert.Equal("tensor([[[ 0.,  1.,  2.],\n         [ 3.,  4.,  5.]],\n\n        [[ 6.,  7.,  8.],\n         [ 9., 10., 11.]]])",
            arange(0.0, 12.0).view(2, 2, 3).ToString());
        Assert.Equal(
            "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 4.7000e+01, 4.8000e+01,\n         4.9000e+01],\n" +
            "        [5.0000e+01, 5.1000e+01, 5.2000e+01,  ..., 9.7000e+01, 9.8000e+01,\n         9.9000e+01],\n" +
            "        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.4700e+02, 1.4800e+02,\n         1.4900e+02],\n" +
            "        ...,\n" +
            "        [1.8500e+03, 1.8510e+03, 1.8520e+03,  ..., 1.8970e+03, 1.8980e+03,\n         1.8990e+03],\n" +
            "        [1.9000e+03, 1.9010e+03, 1.9020e+03,  ..., 1.9470e+03, 1.9480e+03,\n         1.9490e+03],\n" +
            "        [1.9500e+03, 1.9510e+03, 1.9520e+03,  ..., 1.9970e+03, 1.9980e+03,\n         1.9990e+03]])",
            arange(0.0, 2000.0).view(40, 50).ToString());
    }
}
