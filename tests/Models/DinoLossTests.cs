using Dino.Repro.Models.Dino;

namespace Dino.Repro.Tests.Models;

public class DinoLossTests
{
    private static Tensor T(params float[] values) => tensor(values, new long[] { 1, 1, 1, values.Length });

    [Fact]
    public void Energy_is_the_mean_squared_error_over_every_element()
    {
        using var scope = NewDisposeScope();
        // (1−0)² + (2−0)² + (3−1)² + (−1−1)² = 1 + 4 + 4 + 4 = 13, over 4 elements.
        Assert.Equal(13.0 / 4, DinoLosses.Energy(T(1, 2, 3, -1), T(0, 0, 1, 1)).ToDouble(), 6);
    }

    [Fact]
    public void Reverse_loss_adds_k_times_the_margin_shortfall_while_the_fake_energy_is_below_the_margin()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 0.05f });
        // Eq. 5: E_real + k(m − E_fake) = 0.05 + 0.5·(0.2 − 0.12) = 0.09.
        Assert.Equal(0.09, DinoLosses.ReverseLoss(real, tensor(new[] { 0.12f }), k: 0.5, margin: 0.2).ToDouble(), 6);
        // Above the margin the fake term is cut off: only E_real.
        Assert.Equal(0.05, DinoLosses.ReverseLoss(real, tensor(new[] { 0.3f }), k: 0.5, margin: 0.2).ToDouble(), 6);
        // m = 0: no cutoff, the term −k·E_fake always acts.
        Assert.Equal(0.05 - 0.5 * 0.3, DinoLosses.ReverseLoss(real, tensor(new[] { 0.3f }), k: 0.5, margin: 0).ToDouble(), 6);
    }

    [Fact]
    public void Reverse_loss_pushes_the_fake_energy_up_with_gradient_minus_k()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 0.05f }, requires_grad: true);
        var fake = tensor(new[] { 0.12f }, requires_grad: true);
        DinoLosses.ReverseLoss(real, fake, k: 0.25, margin: 0.2).sum().backward();
        Assert.Equal(1.0, real.grad!.ToDouble(), 6);
        Assert.Equal(-0.25, fake.grad!.ToDouble(), 6);
    }

    [Fact]
    public void Forward_loss_adds_the_weighted_l1_term_and_drops_it_at_weight_0()
    {
        using var scope = NewDisposeScope();
        var energy = tensor(new[] { 0.1f });
        var translation = T(0.5f, -0.5f);
        var target = T(0, 0.5f);
        // mean|F − y| = (0.5 + 1) / 2 = 0.75; 0.1 + 2·0.75 = 1.6.
        Assert.Equal(1.6, DinoLosses.ForwardLoss(energy, translation, target, 2).ToDouble(), 6);
        Assert.Equal(0.1, DinoLosses.ForwardLoss(energy, translation, target, 0).ToDouble(), 6);
    }

    [Fact]
    public void Controller_follows_equation_4_on_hand_worked_numbers()
    {
        var controller = new BalanceController(Gain: 0.001, Gamma: 0.8);
        // b = 0.1 − 0.8·0.05 = 0.06; k = 0.3 + 0.001·0.06 = 0.30006.
        Assert.Equal(0.06, controller.Balance(0.1, 0.05), 12);
        Assert.Equal(0.30006, controller.Update(0.3, 0.1, 0.05), 12);
        // b = 0.1 − 0.8·0.5 = −0.3; k = 0.3 − 0.0003 = 0.2997.
        Assert.Equal(0.2997, controller.Update(0.3, 0.1, 0.5), 12);
    }

    [Fact]
    public void Controller_clips_k_to_0_and_1()
    {
        var controller = new BalanceController(Gain: 0.5, Gamma: 0.8);
        Assert.Equal(0.0, controller.Update(0.1, 0.0, 1.0)); // 0.1 + 0.5·(−0.8) = −0.3 → 0
        Assert.Equal(1.0, controller.Update(0.9, 1.0, 0.0)); // 0.9 + 0.5·1 = 1.4 → 1
        Assert.Equal(0.0, controller.Update(0.0, 0.0, 0.2)); // stays at the floor
    }

    [Fact]
    public void Without_adaptive_balance_k_stays_fixed()
    {
        var controller = new BalanceController(Gain: 0.5, Gamma: 0.8, Adaptive: false);
        Assert.Equal(1.0, controller.Update(1.0, 0.0, 1.0));
    }
}
