using System.Runtime.InteropServices;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Torch;

public class SeqEmbeddingTests
{
    [Fact]
    public void Embedding_looks_up_rows_and_zeroes_the_padding_row()
    {
        using var emb = nn.Embedding(5, 3, padding_idx: -1);
        Assert.Equal(new[] { "weight" }, emb.state_dict().Keys);
        using var scope = NewDisposeScope();
        // padding_idx -1 counts from the end: row 4 is the padding row (TorchSharp exposes no padding_idx property,
        // so the normalisation is checked through the zeroed row here and the missing gradient below).
        var weight = emb.weight!.ToArray<float>();
        Assert.Equal(new float[3], weight[12..15]);
        var index = tensor(new long[] { 2, 0, 4, 2 }, new long[] { 2, 2 });
        var output = emb.call(index);
        Assert.Equal(new long[] { 2, 2, 3 }, output.shape);
        var got = output.ToArray<float>();
        var rows = new[] { 2, 0, 4, 2 };
        for (var i = 0; i < rows.Length; i++)
            Assert.Equal(weight[(rows[i] * 3)..(rows[i] * 3 + 3)], got[(i * 3)..(i * 3 + 3)]);
        output.sum().backward();
        Assert.Equal(new float[3], emb.weight!.grad!.ToArray<float>()[12..15]);
    }

    [Fact]
    public void Padding_row_gets_no_gradient_and_repeated_rows_accumulate()
    {
        using var emb = nn.Embedding(4, 2, padding_idx: 1);
        using var scope = NewDisposeScope();
        emb.call(tensor(new long[] { 1, 3, 3, 0, 1 })).sum().backward();
        // Row counts: 0 once, 1 padding, 2 never, 3 twice.
        Assert.Equal(new float[] { 1, 1, 0, 0, 0, 0, 2, 2 }, emb.weight!.grad!.ToArray<float>());
    }

    [Fact]
    public void From_pretrained_looks_up_the_table_and_freezes()
    {
        using var scope = NewDisposeScope();
        var table = arange(Scalars.Of(0.0), Scalars.Of(6.0)).reshape(3, 2);
        using var emb = nn.Embedding_from_pretrained(table);
        Assert.False(emb.weight!.requires_grad);
        Assert.Equal(new float[] { 4, 5 }, emb.call(tensor(new long[] { 2 })).ToArray<float>());
        // The weight shares the table's storage, as in PyTorch (the old binding copied it), so no copy is asserted.
        // libtorch checks the padding index against the table size (PyTorch raises an AssertionError there).
        Assert.Contains(
            "Padding_idx must be within num_embeddings",
            Assert.Throws<ExternalException>(() => nn.Embedding(3, 2, padding_idx: 3)).Message
        );
    }

    /// <summary>
    /// An embedding lookup whose table is <paramref name="weight"/> itself, so autograd reaches it (TorchSharp has no F.embedding).
    /// </summary>
    private static Tensor Lookup(Tensor index, Tensor weight, bool scaleGradByFreq = false)
    {
        using var emb = nn.Embedding_from_pretrained(weight, freeze: !weight.requires_grad, scale_grad_by_freq: scaleGradByFreq);
        return emb.call(index);
    }

    [Fact]
    public void Embedding_gradient_matches_finite_differences()
    {
        using var scope = NewDisposeScope();
        var index = tensor(new long[] { 0, 2, 2, 1 });
        GradCheck.Assert(t => Lookup(index, t[0]), new[] { randn(3, 2) }, name: "embedding");
    }

    [Fact]
    public void Scale_grad_by_freq_divides_each_row_gradient_by_its_count()
    {
        using var scope = NewDisposeScope();
        var weight = randn(3, 2).requires_grad_();
        Lookup(tensor(new long[] { 0, 2, 2, 2 }), weight, scaleGradByFreq: true).sum().backward();
        Assert.Equal(new float[] { 1, 1, 0, 0, 1, 1 }, weight.grad!.ToArray<float>());
    }
}
