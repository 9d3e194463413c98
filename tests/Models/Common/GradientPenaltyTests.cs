using Dino.Repro.Models.Common;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Models.Common;

public class GradientPenaltyTests
{
    [Fact]
    public void A_linear_critic_is_penalised_by_the_squared_distance_of_its_weight_norm_from_one_and_the_penalty_trains_the_weight()
    {
        // D(x) = Σ w·x has gradient w at every x: the penalty is (‖w‖ − 1)² = (3 − 1)² = 4 wherever x̂ falls,
        // and its gradient in w is 2(‖w‖ − 1)·w/‖w‖ = (4/3)·w.
        using var w = tensor(new[] { 2f, 1f, 2f }).requires_grad_(true);
        using var real = randn(5, 3);
        using var fake = randn(5, 3);
        using var penalty = GradientPenalty.Of(x => (x * w).sum(1), real, fake);
        Assert.Equal(4.0, penalty.ToDouble(), 5);
        penalty.backward();
        Close.All([8f / 3, 4f / 3, 8f / 3], w.grad!.data<float>().ToArray(), atol: 1e-5);
    }

    [Fact]
    public void The_mix_is_taken_per_example_at_the_given_epsilon()
    {
        // D(x) = Σ x² has gradient 2x̂: at ε = 1 the penalty reads the reals only, at ε = 0 the fakes.
        using var real = tensor(new[] { 0.5f, 0f, 0f, 1f }, [2, 2]); // gradients (1, 0), (0, 2): norms 1, 2
        using var fake = zeros(2, 2);
        using var allOnes = torch.ones(2);
        using var atReal = GradientPenalty.Of(x => x.pow(Scalars.Of(2)).sum(1), real, fake, allOnes);
        Assert.Equal((0.0 + 1.0) / 2, atReal.ToDouble(), 6);
        using var zerosEpsilon = zeros(2);
        using var atFake = GradientPenalty.Of(x => x.pow(Scalars.Of(2)).sum(1), real, fake, zerosEpsilon);
        Assert.Equal(1.0, atFake.ToDouble(), 6);
        using var other = zeros(3, 2);
        Assert.Throws<ArgumentException>(() => GradientPenalty.Of(x => x.sum(1), real, other));
    }
}
