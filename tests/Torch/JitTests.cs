using Dino.Repro.Torch.Jit;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Tests.Support;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// TorchScript modules exported by tests/fixtures/make_torchscript_fixture.py (conv + relu + linear) give
/// PyTorch's outputs for the same input.
/// </summary>
public class JitTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly OrderedDictionary<string, Tensor> reference = SafeTensors.load(Fixtures.Path("tiny_convnet_reference.safetensors"));

    public void Dispose() => scope.Dispose();

    [Fact]
    public void Forward_matches_pytorchs_output()
    {
        using var module = jit.load(Fixtures.Path("tiny_convnet.pt"));
        var output = module.forward(reference["input"]);
        Assert.Equal(new long[] { 2, 5 }, output.shape);
        Close.All(reference["output"].ToArray<float>(), output.ToArray<float>(), atol: 1e-6);
        Assert.False(output.requires_grad);  // run without autograd
    }

    [Fact]
    public void Forward_tuple_returns_every_output()
    {
        using var module = jit.load(Fixtures.Path("tiny_convnet_pair.pt"));
        var outputs = module.forward_tuple(reference["input"]);
        Assert.Equal(2, outputs.Length);
        Close.All(reference["output"].ToArray<float>(), outputs[0].ToArray<float>(), atol: 1e-6);
        Assert.Equal(new long[] { 2, 4, 6, 6 }, outputs[1].shape);
        Close.All(reference["features"].ToArray<float>(), outputs[1].ToArray<float>(), atol: 1e-6);

        var ex = Assert.Throws<InvalidOperationException>(() => module.forward(reference["input"]));
        Assert.Contains("tuple of 2", ex.Message);
    }

    [Fact]
    public void A_wrong_input_is_a_TorchException_with_libtorchs_message()
    {
        using var module = jit.load(Fixtures.Path("tiny_convnet.pt"));
        var ex = Assert.Throws<TorchException>(() => module.forward(zeros(2, 7, 6, 6)));
        Assert.Contains("channels", ex.Message);
    }

    [Fact]
    public void Missing_and_corrupt_files_are_clear_errors()
    {
        using var folder = new Fixtures.TempFolder();
        var missing = folder.File("missing.pt");
        var notFound = Assert.Throws<FileNotFoundException>(() => jit.load(missing));
        Assert.Contains(missing, notFound.Message);

        var corrupt = folder.File("corrupt.pt");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(Fixtures.Path("tiny_convnet.pt"))[..1000]);
        var invalid = Assert.Throws<InvalidDataException>(() => jit.load(corrupt));
        Assert.Contains(corrupt, invalid.Message);
        Assert.Contains("could not be loaded as a TorchScript module", invalid.Message);
        Assert.DoesNotContain("\n", invalid.Message);  // libtorch's backtrace stays in the inner exception
    }

    [Fact]
    public void A_disposed_module_cannot_run()
    {
        var module = ScriptModule.load(Fixtures.Path("tiny_convnet.pt"));
        module.Dispose();
        module.Dispose();
        Assert.Throws<ObjectDisposedException>(() => module.forward(reference["input"]));
    }
}
