using Dino.Repro.Models.Common;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Tests.Models;

/// <summary>
/// Spectral normalisation against torch.nn.utils.spectral_norm of PyTorch 1.13 (tests/fixtures/spectral_norm_reference.safetensors,
/// made by make_spectral_norm_fixture.py) and against the closed form σ = the largest singular value.
/// </summary>
public class SpectralNormTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, Tensor>> Reference = new(() =>
        SafeTensors.Load(Fixtures.Path("spectral_norm_reference.safetensors"))
    );

    private static Tensor R(string key) => Reference.Value[key];

    public static TheoryData<string> Kinds => new() { "conv", "conv_transpose", "linear" };

    private static SpectralNormLayer Make(string kind) =>
        kind switch
        {
            "conv" => new SpectralNormConv2d(3, 4, 3, stride: 2, padding: 1),
            "conv_transpose" => new SpectralNormConvTranspose2d(4, 3, 4, stride: 2, padding: 1),
            _ => new SpectralNormLinear(5, 6),
        };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void It_loads_pytorchs_state_and_matches_its_train_and_eval_passes_power_iteration_and_gradients(string kind)
    {
        using var layer = Make(kind);
        var state = Reference
            .Value.Where(kv => kv.Key.StartsWith($"{kind}.state.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[$"{kind}.state.".Length..], kv => kv.Value);
        Assert.Equal(["bias", "weight_orig", "weight_u", "weight_v"], layer.state_dict().Keys.Order());
        layer.LoadStateDict(state); // strict: PyTorch's keys and shapes exactly

        layer.train();
        using var y1 = layer.call(R($"{kind}.x"));
        AssertClose(R($"{kind}.y1"), y1, "first train-mode output");
        AssertClose(R($"{kind}.u1"), layer.state_dict()["weight_u"], "u after one power-iteration step");
        AssertClose(R($"{kind}.v1"), layer.state_dict()["weight_v"], "v after one power-iteration step");
        y1.pow(Scalars.Of(2)).sum().backward();
        AssertClose(R($"{kind}.grad.weight_orig"), layer.WeightOrig.grad!, "gradient of weight_orig");
        AssertClose(R($"{kind}.grad.bias"), layer.Bias!.grad!, "gradient of the bias");

        using (no_grad())
        {
            using var y2 = layer.call(R($"{kind}.x"));
            AssertClose(R($"{kind}.y2"), y2, "second train-mode output");
            layer.eval();
            using var yEval = layer.call(R($"{kind}.x"));
            AssertClose(R($"{kind}.y_eval"), yEval, "eval-mode output");
            AssertClose(R($"{kind}.u2"), layer.state_dict()["weight_u"], "u after eval (unchanged)");
        }
    }

    // Float32 sums in another order (libtorch 2.10 against 1.13): within 1e-5 of the largest magnitude.
    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        var error = (expected - actual).abs().max().ToSingle();
        var scale = expected.abs().max().ToSingle();
        Assert.True(error <= 1e-5 * scale + 1e-7, $"{what}: max |Δ| {error} at scale {scale}");
    }

    [Fact]
    public void Power_iteration_converges_to_the_largest_singular_value_and_normalises_it_to_one()
    {
        manual_seed(2);
        using var layer = new SpectralNormLinear(3, 3, bias: false);
        using (no_grad())
            layer.WeightOrig.copy_(diag(tensor(new[] { 1f, 3f, 2f })));
        layer.train();
        for (var i = 0; i < 30; i++)
            using (layer.NormalisedWeight()) { }
        using var sigma = layer.Sigma();
        Assert.Equal(3.0, sigma.ToSingle(), 4);
        using var normalised = layer.NormalisedWeight();
        using var singular = linalg.svdvals(normalised);
        Assert.Equal(1.0, singular.max().ToSingle(), 4);
    }

    [Fact]
    public void Two_train_passes_before_one_backward_are_fine()
    {
        // A discriminator sees real and fake batches before its loss is backpropagated: the second pass's update of u, v
        // must not invalidate what the first one saved.
        using var layer = new SpectralNormConv2d(3, 2, 3, padding: 1);
        layer.train();
        using var a = layer.call(randn(1, 3, 4, 4));
        using var b = layer.call(randn(1, 3, 4, 4));
        (a.sum() + b.sum()).backward();
        Assert.NotNull(layer.WeightOrig.grad);
    }
}
