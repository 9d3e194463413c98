using System.Text.Json;
using Dino.Repro.Torch.Optim;
using Dino.Repro.Torch.Optim.LRSchedulers;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Tests.Support;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

/// <summary>Learning-rate sequences against their closed forms and against PyTorch 1.13's own sequences.</summary>
public class SchedulerTests : IDisposable
{
    private const int Steps = 12;
    private readonly DisposeScope scope = NewDisposeScope();

    public void Dispose() => scope.Dispose();

    // One SGD group per rate, as in make_optim_fixture.py (lr 0.1·(i + 1) for group i).
    private static SGD Optimizer(int groups = 1) =>
        optim.SGD(Enumerable.Range(0, groups).Select(i => new ParamGroup(new[] { zeros(new long[] { 1 }, requires_grad: true) }, 0.1 * (i + 1))), lr: 0.1);

    // get_last_lr after construction and after each of `steps` steps.
    private static List<double[]> Run(LRScheduler scheduler, int steps = Steps)
    {
        var seq = new List<double[]> { scheduler.get_last_lr().ToArray() };
        for (var i = 0; i < steps; i++)
        {
            scheduler.optimizer.step();
            scheduler.step();
            seq.Add(scheduler.get_last_lr().ToArray());
        }
        return seq;
    }

    private static void AssertClosedForm(List<double[]> seq, Func<int, double> factor, double baseLr = 0.1)
    {
        for (var epoch = 0; epoch < seq.Count; epoch++)
            Assert.True(Math.Abs(seq[epoch][0] - baseLr * factor(epoch)) < 1e-12, $"epoch {epoch}: got {seq[epoch][0]:R}, closed form {baseLr * factor(epoch):R}");
    }

    [Fact]
    public void StepLR_follows_gamma_to_the_epoch_over_step_size()
    {
        var seq = Run(optim.lr_scheduler.StepLR(Optimizer(), step_size: 3, gamma: 0.5));
        AssertClosedForm(seq, e => Math.Pow(0.5, e / 3));
    }

    [Fact]
    public void MultiStepLR_decays_at_each_milestone_counting_repeats()
    {
        int[] milestones = { 2, 5, 5, 9 };
        var seq = Run(optim.lr_scheduler.MultiStepLR(Optimizer(), milestones, gamma: 0.3));
        AssertClosedForm(seq, e => Math.Pow(0.3, milestones.Count(m => m <= e)));
    }

    [Theory]
    [InlineData(0.25, 1.0, 4)]
    [InlineData(1.0 / 3, 1.0, 5)]
    [InlineData(1.0, 0.1, 7)]
    public void LinearLR_interpolates_the_factor_then_holds_it(double start, double end, int total)
    {
        var seq = Run(optim.lr_scheduler.LinearLR(Optimizer(), start, end, total));
        AssertClosedForm(seq, e => start + (end - start) * Math.Min(total, e) / total);
    }

    [Fact]
    public void LambdaLR_scales_each_groups_initial_rate_by_its_own_function()
    {
        var opt = Optimizer(groups: 2);
        var seq = Run(optim.lr_scheduler.LambdaLR(opt, new Func<int, double>[] { e => 1.0 / (e + 1), e => e % 2 }));
        for (var e = 0; e < seq.Count; e++)
        {
            Assert.Equal(0.1 / (e + 1), seq[e][0], 15);
            Assert.Equal(0.2 * (e % 2), seq[e][1], 15);
        }
        Assert.Equal(seq[^1], opt.param_groups.Select(g => g.lr));  // the rates were written into the groups
    }

    [Fact]
    public void LinearDecayLR_is_pix2pixs_linear_policy()
    {
        // pix2pix --n_epochs 3 --n_epochs_decay 4: epochs 1-3 at full rate, then 4/5, 3/5, 2/5, 1/5 (scheduler.step per epoch).
        var seq = Run(optim.lr_scheduler.LinearDecayLR(Optimizer(), n_epochs: 3, n_epochs_decay: 4), steps: 7);
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 0.8, 0.6, 0.4, 0.2, 0.0 }, seq.Select(lr => Math.Round(lr[0] / 0.1, 12)));
        // Resuming at --epoch_count 3 shifts the schedule: the first rate is that of epoch 3.
        var resumed = Run(optim.lr_scheduler.LinearDecayLR(Optimizer(), n_epochs: 3, n_epochs_decay: 4, epoch_count: 3), steps: 2);
        Assert.Equal(new[] { 1.0, 0.8, 0.6 }, resumed.Select(lr => Math.Round(lr[0] / 0.1, 12)));
    }

    public static TheoryData<string> FixtureNames => new("step", "multistep", "linear", "linear_default", "linear_down", "lambda", "step_two_groups");

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Sequences_match_torch_lr_scheduler_bit_for_bit(string name)
    {
        var (_, metadata) = SafeTensors.load_with_metadata(Fixtures.Path("optim_reference.safetensors"));
        var expected = JsonSerializer.Deserialize<Dictionary<string, double[][]>>(metadata["schedulers"])![name];
        LRScheduler scheduler = name switch
        {
            "step" => optim.lr_scheduler.StepLR(Optimizer(), step_size: 3, gamma: 0.5),
            "multistep" => optim.lr_scheduler.MultiStepLR(Optimizer(), new[] { 2, 5, 5, 9 }, gamma: 0.3),
            "linear" => optim.lr_scheduler.LinearLR(Optimizer(), start_factor: 0.25, end_factor: 1.0, total_iters: 4),
            "linear_default" => optim.lr_scheduler.LinearLR(Optimizer()),
            "linear_down" => optim.lr_scheduler.LinearLR(Optimizer(), start_factor: 1.0, end_factor: 0.1, total_iters: 7),
            "lambda" => optim.lr_scheduler.LambdaLR(Optimizer(), e => Math.Pow(0.95, e)),
            "step_two_groups" => optim.lr_scheduler.StepLR(Optimizer(groups: 2), step_size: 2, gamma: 0.7),
            _ => throw new ArgumentException(name),
        };
        var actual = Run(scheduler);
        Assert.Equal(expected.Length, actual.Count);
        for (var e = 0; e < expected.Length; e++) Assert.Equal(expected[e], actual[e]);  // exact doubles
    }

    [Fact]
    public void Resumed_scheduler_continues_the_same_sequence()
    {
        var straight = Run(optim.lr_scheduler.StepLR(Optimizer(), step_size: 2, gamma: 0.5), steps: 8);

        var opt = Optimizer();
        var first = optim.lr_scheduler.StepLR(opt, step_size: 2, gamma: 0.5);
        Run(first, steps: 3);
        var json = first.state_dict().to_json();
        var optimizerState = opt.state_dict();

        // PyTorch's order: build optimiser and scheduler as for a new run, then load both states (the optimiser's
        // restores the rates the scheduler's initial step just overwrote).
        var opt2 = Optimizer();
        var second = optim.lr_scheduler.StepLR(opt2, step_size: 2, gamma: 0.5);
        opt2.load_state_dict(optimizerState);
        second.load_state_dict(LRSchedulerState.from_json(json));
        Assert.Equal(3, second.last_epoch);
        var rest = Run(second, steps: 5);
        Assert.Equal(straight.Skip(3).Select(x => x[0]), rest.Select(x => x[0]));
    }

    [Fact]
    public void Resuming_without_initial_lr_is_an_error_naming_the_group()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => optim.lr_scheduler.StepLR(Optimizer(), step_size: 2, last_epoch: 4));
        Assert.Contains("'initial_lr' is not specified in param_groups[0]", ex.Message);
    }
}
