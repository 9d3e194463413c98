using Dino.Repro.App.Reproduce;
using Dino.Repro.Models.Dino;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.App.Reproduce;

public class BalanceCurvesTests
{
    private static LoggedStep Step(long step, double k, double fake) =>
        new(step, new Dictionary<string, double> { ["E_fake"] = fake }, new Dictionary<string, double> { ["k"] = k });

    private static readonly BalanceCurves.Balance OneWay = new("DINO", "k", "E_fake", Margin: 0.2);

    [Fact]
    public void The_fake_term_first_acts_at_the_first_step_with_k_above_zero_while_E_fake_is_below_the_margin()
    {
        // k is 0 at steps 10 and 20 (no weight), E_fake is above m at 30 (hinge closed): step 40 is the first with both.
        IReadOnlyList<LoggedStep> history = [Step(10, 0, 0.05), Step(20, 0, 0.01), Step(30, 0.002, 0.25), Step(40, 0.003, 0.1), Step(50, 0.004, 0.1)];
        Assert.Equal(40, BalanceCurves.HingeFirstActs(history, OneWay));
        // With m = 0 the cutoff is off: any k > 0 acts.
        Assert.Equal(30, BalanceCurves.HingeFirstActs(history, OneWay with { Margin = 0 }));
        // k never rises: never.
        Assert.Null(BalanceCurves.HingeFirstActs([Step(10, 0, 0.01), Step(20, 0, 0.01)], OneWay));
    }

    [Fact]
    public void One_way_dino_has_one_balance_bidirectional_dino_two_and_other_methods_none()
    {
        var oneWay = BalanceCurves.Of("DINO", new DinoOptions { Margin = 0.3 });
        Assert.Equal([("k", "E_fake", 0.3)], oneWay.Select(b => (b.KKey, b.FakeEnergyKey, b.Margin)));
        var bidirectional = BalanceCurves.Of("DINO (bidirectional)", new BidirectionalDinoOptions());
        Assert.Equal(
            [(BidirectionalDinoExperiment.ForwardBalanceKey, "E1_fake"), (BidirectionalDinoExperiment.ReverseBalanceKey, "E2_fake")],
            bidirectional.Select(b => (b.KKey, b.FakeEnergyKey))
        );
        Assert.Empty(BalanceCurves.Of("pix2pix", new Dino.Repro.Models.Pix2Pix.Pix2PixOptions()));
    }
}
