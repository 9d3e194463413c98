using Dino.Repro.Tests.Support;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// TorchScript calls with non-tensor and keyword arguments, on tests/fixtures/make_network_metric_fixtures.py's
/// tiny_script_args.pt: forward(x, flag: bool, scale: float, offset: int = 0, mode: str = "plain",
/// extras: Optional[List[Tensor]] = None) = (flag ? x·scale : x − scale) + offset, negated for mode "negate",
/// plus every extra. Expected values are that formula evaluated here.
/// </summary>
public class JitArgumentTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Dino.Repro.Torch.Jit.ScriptModule module = jit.load(Fixtures.Path("tiny_script_args.pt"));
    private readonly Tensor x = tensor(new[] { 1.0f, -2.0f, 0.5f });

    public void Dispose()
    {
        module.Dispose();
        scope.Dispose();
    }

    private float[] Run(IReadOnlyList<object> args, Dictionary<string, object>? kwargs = null) => module.forward(args, kwargs).ToArray<float>();

    [Fact]
    public void Bool_and_float_arguments_choose_the_branch_and_the_value()
    {
        Assert.Equal(new[] { 2.5f, -5.0f, 1.25f }, Run([x, true, 2.5]));
        Assert.Equal(new[] { -1.5f, -4.5f, -2.0f }, Run([x, false, 2.5]));
        Assert.Equal(new[] { 3.0f, -6.0f, 1.5f }, Run([x, true, 3.0f]));  // a C# float is a TorchScript float too
    }

    [Fact]
    public void Keyword_arguments_are_matched_by_name_and_defaults_fill_the_rest()
    {
        // offset (int), mode (str) and extras (List[Tensor]) by keyword; flag and scale by keyword too.
        var extras = new[] { tensor(new[] { 10f, 20f, 30f }), tensor(new[] { 1f, 1f, 1f }) };
        var kwargs = new Dictionary<string, object> { ["scale"] = 2.0, ["flag"] = true, ["offset"] = 3, ["mode"] = "negate", ["extras"] = extras };
        // −(x·2 + 3) + 10 + 1 etc.
        Assert.Equal(new[] { 6f, 22f, 27f }, Run([x], kwargs));
        Assert.Equal(new[] { -2f, -5f, -2.5f }, Run([x, false], new() { ["scale"] = 4.0, ["offset"] = 1L }));  // x − 4 + 1
    }

    [Fact]
    public void Tensor_only_calls_still_work_through_the_same_path()
    {
        using var pair = jit.load(Fixtures.Path("tiny_convnet_pair.pt"));
        var outputs = pair.forward_tuple([randn(1, 3, 6, 6)], null);
        Assert.Equal(2, outputs.Length);
    }

    [Fact]
    public void Wrong_arguments_are_TorchExceptions_with_libtorchs_message()
    {
        var unknown = Assert.Throws<TorchException>(() => Run([x, true, 1.0], new() { ["colour"] = "red" }));
        Assert.Contains("colour", unknown.Message);
        var wrongType = Assert.Throws<TorchException>(() => Run([x, true, "two"]));
        Assert.Contains("scale", wrongType.Message);
        var missing = Assert.Throws<TorchException>(() => Run([x]));
        Assert.Contains("flag", missing.Message);
        var raised = Assert.Throws<TorchException>(() => Run([x, true, 1.0], new() { ["mode"] = "sideways" }));
        Assert.Contains("unknown mode sideways", raised.Message);
    }

    [Fact]
    public void Unsupported_CSharp_values_are_refused_before_the_call()
    {
        var ex = Assert.Throws<ArgumentException>(() => Run([x, true, 1.0], new() { ["offset"] = DateTime.Now }));
        Assert.Contains("keyword argument 'offset'", ex.Message);
        Assert.Contains("DateTime", ex.Message);
        Assert.Throws<ArgumentNullException>(() => Run([x, null!, 1.0]));
    }
}
