using Dino.Repro.Torch.Optim;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Tests.Support;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// Bit-for-bit agreement with torch.optim (PyTorch 1.13, CPU, float32): the trajectories in
/// tests/fixtures/optim_reference.safetensors come from tests/fixtures/make_optim_fixture.py.
/// </summary>
public class OptimPyTorchTests
{
    // The same configurations as CONFIGS in make_optim_fixture.py.
    private static readonly Dictionary<string, Func<Tensor[], Optimizer>> Configs = new()
    {
        ["adam"] = ps => optim.Adam(ps, lr: 0.01),
        ["adam_wd_amsgrad"] = ps => optim.Adam(ps, lr: 0.01, betas: (0.8, 0.95), eps: 1e-6, weight_decay: 0.1, amsgrad: true),
        ["adam_maximize"] = ps => optim.Adam(ps, lr: 0.02, maximize: true),
        ["adamw"] = ps => optim.AdamW(ps, lr: 0.01, weight_decay: 0.05),
        ["adamw_amsgrad"] = ps => optim.AdamW(ps, lr: 0.01, amsgrad: true),
        ["sgd"] = ps => optim.SGD(ps, lr: 0.1),
        ["sgd_momentum_dampening_wd"] = ps => optim.SGD(ps, lr: 0.1, momentum: 0.9, dampening: 0.2, weight_decay: 0.01),
        ["sgd_nesterov"] = ps => optim.SGD(ps, lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.001),
        ["rmsprop"] = ps => optim.RMSprop(ps, lr: 0.01),
        ["rmsprop_centered_momentum_wd"] = ps => optim.RMSprop(ps, lr: 0.01, alpha: 0.9, eps: 1e-6, weight_decay: 0.01, momentum: 0.5, centered: true),
        ["groups"] = ps => optim.Adam(new[] { new ParamGroup(new[] { ps[0] }),
            new ParamGroup(new[] { ps[1] }, new Dictionary<string, object> { ["lr"] = 0.001, ["betas"] = (0.5, 0.6) }) }, lr: 0.01),
    };

    public static TheoryData<string> ConfigNames => new(Configs.Keys);

    [Theory]
    [MemberData(nameof(ConfigNames))]
    public void Trajectory_matches_torch_optim_bit_for_bit(string config)
    {
        using var scope = NewDisposeScope();
        var reference = SafeTensors.load(Fixtures.Path("optim_reference.safetensors"));
        var ps = new[] { reference["init.0"].clone().requires_grad_(), reference["init.1"].clone().requires_grad_() };
        using var opt = Configs[config](ps);
        for (var s = 0; s < 5; s++)
        {
            for (var i = 0; i < ps.Length; i++)
                ps[i].grad = config == "groups" && i == 1 && s == 2 ? null : reference[$"grad.{s}.{i}"].clone();
            opt.step();
            for (var i = 0; i < ps.Length; i++)
            {
                var expected = reference[$"{config}.param.{s}.{i}"].ToArray<float>();
                var actual = ps[i].detach().ToArray<float>();
                var at = FirstDifference(expected, actual);
                Assert.True(at < 0, at < 0 ? "" : $"{config} step {s} param {i} element {at}: PyTorch {expected[at]:R}, kit {actual[at]:R}");
            }
        }
    }

    // Compares bit patterns: the index of the first element that differs, or -1.
    private static int FirstDifference(float[] a, float[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i])) return i;
        }
        return -1;
    }
}
