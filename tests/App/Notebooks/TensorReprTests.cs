using Dino.Repro.App.Notebooks;

namespace Dino.Repro.Tests.App.Notebooks;

/// <summary>What a notebook cell shows for a tensor. Expected strings are what PyTorch 1.13 prints for the same tensors.</summary>
public class TensorReprTests
{
    private static string Repr(Tensor t) => TensorRepr.Format(t);

    [Fact]
    public void Tensors_print_like_pytorch()
    {
        using var scope = NewDisposeScope();
        Assert.Equal("tensor([1.0000, 2.5000, 3.0000])", Repr(tensor(new float[] { 1, 2.5f, 3 })));
        Assert.Equal("tensor([1., 2., 3.])", Repr(tensor(new float[] { 1, 2, 3 })));
        Assert.Equal("tensor([0, 1, 2])", Repr(arange(3)));
        Assert.Equal("tensor([ True, False])", Repr(tensor(new[] { true, false })));
        Assert.Equal("tensor(3.5000)", Repr(tensor(3.5f)));
        Assert.Equal("tensor([1., 2.], dtype=torch.float64)", Repr(tensor(new double[] { 1, 2 })));
        Assert.Equal("tensor([[ 1., -2.],\n        [ 3.,  4.]])", Repr(tensor(new float[] { 1, -2, 3, 4 }, new long[] { 2, 2 })));
        Assert.Equal("tensor([1.0000e-05, 1.0000e+00])", Repr(tensor(new float[] { 1e-5f, 1 })));
        Assert.Equal("tensor([1., 1.], requires_grad=True)", Repr(ones(new long[] { 2 }, requires_grad: true)));
        Assert.Equal("tensor([], size=(0, 3))", Repr(zeros(0, 3)));
        Assert.Equal("tensor([   0,    1,    2,  ..., 1997, 1998, 1999])", Repr(arange(2000)));
        Assert.Equal("tensor([[0, 1],\n        [2, 3]], dtype=torch.int32)", Repr(arange(4).view(2, 2).to(int32)));
        Assert.Equal("tensor([[[ 0.,  1.,  2.],\n         [ 3.,  4.,  5.]],\n\n        [[ 6.,  7.,  8.],\n         [ 9., 10., 11.]]])",
            Repr(arange(0.0f, 12.0f).view(2, 2, 3)));
        Assert.Equal(
            "tensor([[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 4.7000e+01, 4.8000e+01,\n         4.9000e+01],\n" +
            "        [5.0000e+01, 5.1000e+01, 5.2000e+01,  ..., 9.7000e+01, 9.8000e+01,\n         9.9000e+01],\n" +
            "        [1.0000e+02, 1.0100e+02, 1.0200e+02,  ..., 1.4700e+02, 1.4800e+02,\n         1.4900e+02],\n" +
            "        ...,\n" +
            "        [1.8500e+03, 1.8510e+03, 1.8520e+03,  ..., 1.8970e+03, 1.8980e+03,\n         1.8990e+03],\n" +
            "        [1.9000e+03, 1.9010e+03, 1.9020e+03,  ..., 1.9470e+03, 1.9480e+03,\n         1.9490e+03],\n" +
            "        [1.9500e+03, 1.9510e+03, 1.9520e+03,  ..., 1.9970e+03, 1.9980e+03,\n         1.9990e+03]])",
            Repr(arange(0.0f, 2000.0f).view(40, 50)));
        var disposed = ones(2);
        disposed.Dispose();
        Assert.Equal("tensor(<disposed>)", Repr(disposed));
    }
}
