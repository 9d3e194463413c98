using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Jit;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// TorchScript calls with non-tensor arguments, written with keywords and placed positionally by
/// <see cref="ScriptSignature"/>, on tests/fixtures/make_network_metric_fixtures.py's tiny_script_args.pt:
/// forward(x, flag: bool, scale: float, offset: int = 0, mode: str = "plain", extras: Optional[List[Tensor]] = None)
/// = (flag ? x·scale : x − scale) + offset. Expected values are that formula evaluated here.
/// </summary>
public class JitArgumentTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly jit.ScriptModule module = ScriptFiles.Load(Fixtures.Path("tiny_script_args.pt"));
    private readonly Tensor x = tensor(new[] { 1.0f, -2.0f, 0.5f });

    // forward's parameters after x; mode and extras keep their TorchScript defaults (TorchSharp passes no str/None).
    private static readonly ScriptSignature Signature = new(new("flag", false), new("scale", 1.0), new("offset", 0L));

    public void Dispose()
    {
        module.Dispose();
        scope.Dispose();
    }

    private float[] Run(Dictionary<string, object> kwargs) =>
        ScriptOutputs.Single(module.forward(Signature.Positional([x], kwargs)), "tiny_script_args.pt").ToArray<float>();

    [Fact]
    public void Keywords_become_positions_and_defaults_fill_the_rest()
    {
        Assert.Equal(new[] { 2.5f, -5.0f, 1.25f }, Run(new() { ["flag"] = true, ["scale"] = 2.5 }));
        Assert.Equal(new[] { -1.5f, -4.5f, -2.0f }, Run(new() { ["scale"] = 2.5 })); // flag's default
        Assert.Equal(
            new[] { 5.0f, -1.0f, 4.0f },
            Run(
                new()
                {
                    ["offset"] = 3L,
                    ["scale"] = 2.0,
                    ["flag"] = true,
                }
            )
        ); // x·2 + 3; order is the signature's
        Assert.Equal(new[] { 3.0f, -6.0f, 1.5f }, Run(new() { ["flag"] = true, ["scale"] = 3.0f })); // a C# float is a TorchScript float too
    }

    [Fact]
    public void The_positional_list_is_leading_arguments_then_every_parameter()
    {
        var args = Signature.Positional([x], new Dictionary<string, object> { ["scale"] = 2.0 });
        Assert.Equal(4, args.Length);
        Assert.Same(x, args[0]);
        Assert.Equal(new object[] { false, 2.0, 0L }, args[1..]);
    }

    [Fact]
    public void A_tuple_result_comes_back_as_its_tensors()
    {
        using var pair = ScriptFiles.Load(Fixtures.Path("tiny_convnet_pair.pt"));
        var outputs = ScriptOutputs.Tensors(pair.forward(randn(1, 3, 6, 6)), "pair");
        Assert.Equal(2, outputs.Length);
        Assert.Throws<InvalidDataException>(() => ScriptOutputs.Single(pair.forward(randn(1, 3, 6, 6)), "pair"));
    }

    [Fact]
    public void Unknown_keywords_and_unsupported_values_are_refused_before_the_call()
    {
        var unknown = Assert.Throws<ArgumentException>(() => Run(new() { ["colour"] = 1L }));
        Assert.Contains("colour", unknown.Message);
        Assert.Contains("flag, scale, offset", unknown.Message);
        var wrongType = Assert.Throws<ArgumentException>(() => Run(new() { ["offset"] = DateTime.Now }));
        Assert.Contains("keyword argument 'offset'", wrongType.Message);
        Assert.Contains("DateTime", wrongType.Message);
        Assert.Throws<ArgumentNullException>(() => Run(new() { ["flag"] = null! }));
        Assert.Throws<ArgumentException>(() => new ScriptSignature(new("a", 1L), new("a", 2L)));
    }

    [Fact]
    public void A_wrong_argument_list_is_libtorchs_error_as_an_exception()
    {
        // Too few arguments: libtorch's schema check, raised as a .NET exception, the process goes on.
        var missing = Assert.ThrowsAny<ExternalException>(() => module.forward(x));
        Assert.Contains("flag", missing.Message);
    }

    [Fact]
    public void A_missing_or_corrupt_archive_is_named()
    {
        Assert.Throws<FileNotFoundException>(() => ScriptFiles.Load("/nonexistent/model.pt"));
        using var temp = new Fixtures.TempFolder();
        File.WriteAllText(temp.File("bad.pt"), "not a zip archive");
        var e = Assert.Throws<InvalidDataException>(() => ScriptFiles.Load(temp.File("bad.pt")));
        Assert.Contains("bad.pt", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }
}
