using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Jit;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Tests.Torch;

/// <summary>
/// TorchScript modules exported by tests/fixtures/make_torchscript_fixture.py (conv + relu + linear), loaded with the
/// kit's <see cref="ScriptFiles"/> and read with <see cref="ScriptOutputs"/>, give PyTorch's outputs for the same input.
/// </summary>
public class JitTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly OrderedDictionary<string, Tensor> reference = SafeTensors.Load(Fixtures.Path("tiny_convnet_reference.safetensors"));

    public void Dispose() => scope.Dispose();

    [Fact]
    public void Forward_matches_pytorchs_output()
    {
        using var module = ScriptFiles.Load(Fixtures.Path("tiny_convnet.pt"));
        var output = ScriptOutputs.Single(module.forward(reference["input"]), "tiny_convnet.pt");
        Assert.Equal(new long[] { 2, 5 }, output.shape);
        Close.All(reference["output"].ToArray<float>(), output.ToArray<float>(), atol: 1e-6);
    }

    [Fact]
    public void Forward_under_no_grad_records_no_graph()
    {
        // TorchSharp runs a script module under the caller's grad mode (the old binding always ran without autograd):
        // with the module's parameters requiring grad, only no_grad keeps evaluation from building a graph.
        using var module = ScriptFiles.Load(Fixtures.Path("tiny_convnet.pt"));
        using (no_grad())
        {
            var output = ScriptOutputs.Single(module.forward(reference["input"]), "tiny_convnet.pt");
            Assert.False(output.requires_grad);
            Close.All(reference["output"].ToArray<float>(), output.ToArray<float>(), atol: 1e-6);
        }
    }

    [Fact]
    public void A_tuple_result_gives_every_output()
    {
        using var module = ScriptFiles.Load(Fixtures.Path("tiny_convnet_pair.pt"));
        var outputs = ScriptOutputs.Tensors(module.forward(reference["input"]), "tiny_convnet_pair.pt");
        Assert.Equal(2, outputs.Length);
        Close.All(reference["output"].ToArray<float>(), outputs[0].ToArray<float>(), atol: 1e-6);
        Assert.Equal(new long[] { 2, 4, 6, 6 }, outputs[1].shape);
        Close.All(reference["features"].ToArray<float>(), outputs[1].ToArray<float>(), atol: 1e-6);

        var ex = Assert.Throws<InvalidDataException>(() => ScriptOutputs.Single(module.forward(reference["input"]), "tiny_convnet_pair.pt"));
        Assert.Contains("returned 2 tensors, expected one", ex.Message);
    }

    [Fact]
    public void A_wrong_input_is_libtorchs_error_as_an_exception()
    {
        using var module = ScriptFiles.Load(Fixtures.Path("tiny_convnet.pt"));
        var ex = Assert.ThrowsAny<ExternalException>(() => module.forward(zeros(2, 7, 6, 6)));
        Assert.Contains("channels", ex.Message);
    }

    [Fact]
    public void Missing_and_corrupt_files_are_clear_errors()
    {
        using var folder = new Fixtures.TempFolder();
        var missing = folder.File("missing.pt");
        var notFound = Assert.Throws<FileNotFoundException>(() => ScriptFiles.Load(missing));
        Assert.Contains(missing, notFound.Message);

        // A real archive cut short, not just text that is no zip.
        var corrupt = folder.File("corrupt.pt");
        File.WriteAllBytes(corrupt, File.ReadAllBytes(Fixtures.Path("tiny_convnet.pt"))[..1000]);
        var invalid = Assert.Throws<InvalidDataException>(() => ScriptFiles.Load(corrupt));
        Assert.Contains(corrupt, invalid.Message);
        Assert.Contains("could not be loaded as a TorchScript module", invalid.Message);
        Assert.DoesNotContain("\n", invalid.Message); // libtorch's backtrace stays in the inner exception
        Assert.IsAssignableFrom<ExternalException>(invalid.InnerException);
    }

    [Fact]
    public void A_disposed_module_cannot_run()
    {
        var module = ScriptFiles.Load(Fixtures.Path("tiny_convnet.pt"));
        module.Dispose();
        module.Dispose(); // twice is harmless
        Assert.ThrowsAny<ObjectDisposedException>(() => module.forward(reference["input"]));
    }
}
