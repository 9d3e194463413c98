using Dino.Repro.App.Reporting;
using Dino.Repro.Models;
using Dino.Repro.Models.Dino;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// The balance k of every DINO row over training (the paper's Figure 2 shows one), each with the first logged step at
/// which the Reverse loss's fake term acts — k &gt; 0 while the hinge is open (E_fake &lt; m, Eq. 5). Before that step
/// DINO trains as its L1 term plus d(R(F(x)), x), not as an energy-based GAN, so a reviewer needs to see when it begins.
/// </summary>
public static class BalanceCurves
{
    /// <summary>One balance a DINO row logs: its controller key, the energy its hinge tests, and the margin.</summary>
    public sealed record Balance(string Method, string KKey, string FakeEnergyKey, double Margin)
    {
        /// <summary>The series' name in plots and notes ("DINO k", "DINO (bidirectional) k1").</summary>
        public string Label => $"{Method} {KKey}";
    }

    /// <summary>The balances a run with <paramref name="options"/> logs: one for one-way DINO, two for bidirectional, none otherwise.</summary>
    public static IReadOnlyList<Balance> Of(string method, TrainingOptions options) =>
        options switch
        {
            BidirectionalDinoOptions o =>
            [
                new(method, BidirectionalDinoExperiment.ForwardBalanceKey, "E1_fake", o.Margin),
                new(method, BidirectionalDinoExperiment.ReverseBalanceKey, "E2_fake", o.Margin),
            ],
            DinoOptions o => [new(method, DinoExperiment.BalanceKey, "E_fake", o.Margin)],
            _ => [],
        };

    /// <summary>The first logged step with k &gt; 0 while <see cref="DinoLosses.HingeActive"/>; null when the fake term never acted.</summary>
    public static long? HingeFirstActs(IReadOnlyList<LoggedStep> history, Balance balance)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(balance);
        return history
            .FirstOrDefault(s =>
                s.Controller.TryGetValue(balance.KKey, out var k)
                && k > 0
                && s.Losses.TryGetValue(balance.FakeEnergyKey, out var fake)
                && DinoLosses.HingeActive(fake, balance.Margin)
            )
            ?.Step;
    }

    /// <summary>
    /// k of every DINO row in <paramref name="runs"/> against the step, a vertical mark where each one's hinge first acts; null without DINO rows.
    /// </summary>
    public static LinePlot? Plot(IReadOnlyList<TrainedMethod> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plot = new LinePlot("k over training, every DINO row (| marks the first step its fake term acts)", "step", "k");
        var marks = new List<(string label, long step)>();
        var top = 0.0;
        foreach (var run in runs)
        {
            var steps = run.History.Select(r => (double)r.Step).ToArray();
            foreach (var balance in Of(run.Method, run.Options))
            {
                var k = run.Series(balance.KKey);
                plot.Add(balance.Label, steps, k);
                top = Math.Max(top, k.Where(double.IsFinite).DefaultIfEmpty(0).Max());
                if (HingeFirstActs(run.History, balance) is { } step)
                    marks.Add((balance.Label, step));
            }
        }
        if (plot.Series.Count == 0)
            return null;
        // A two-point vertical line per row: both renderers draw series only.
        foreach (var (label, step) in marks)
            plot.Add($"{label}: fake term first acts (step {step})", [step, step], [0, top > 0 ? top : 1]);
        return plot;
    }

    /// <summary>One sentence per DINO balance for the report: when its fake term first acted and where k ended.</summary>
    public static IEnumerable<string> Notes(IReadOnlyList<TrainedMethod> runs)
    {
        foreach (var run in runs)
        {
            foreach (var balance in Of(run.Method, run.Options))
            {
                var last = run.Series(balance.KKey).LastOrDefault(double.IsFinite, double.NaN);
                var first = HingeFirstActs(run.History, balance);
                yield return first is { } step
                    ? $"{balance.Label}: the Reverse loss's fake term k·(m − E_fake) first acts at logged step {step} (k > 0 while E_fake < m = "
                        + $"{balance.Margin}); k ends at {last:0.####}."
                    : $"{balance.Label}: the fake term never acted at a logged step (k stayed 0 or E_fake ≥ m = {balance.Margin}); k ends at "
                        + $"{last:0.####}: the energy-based GAN's fake term never shaped this row.";
            }
        }
    }
}
