using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Modules;
using static Dino.Repro.Torch.torch;
using F = Dino.Repro.Torch.torch.nn.functional;

namespace Dino.Repro.Tests.Torch;

public class SeqEmbeddingTests
{
    [Fact]
    public void Embedding_looks_up_rows_and_zeroes_the_padding_row()
    {
        using var emb = nn.Embedding(5, 3, padding_idx: -1);
        Assert.Equal(4, emb.padding_idx);
        Assert.Equal(new[] { "weight" }, emb.state_dict().Keys);
        using var scope = NewDisposeScope();
        var weight = emb.weight.ToArray<float>();
        Assert.Equal(new float[3], weight[12..15]);
        var index = tensor(new long[] { 2, 0, 4, 2 }, new long[] { 2, 2 });
        var output = emb.call(index);
        Assert.Equal(new long[] { 2, 2, 3 }, output.shape);
        var got = output.ToArray<float>();
        var rows = new[] { 2, 0, 4, 2 };
        for (var i = 0; i < rows.Length; i++) Assert.Equal(weight[(rows[i] * 3)..(rows[i] * 3 + 3)], got[(i * 3)..(i * 3 + 3)]);
    }

    [Fact]
    public void Padding_row_gets_no_gradient_and_repeated_rows_accumulate()
    {
        using var emb = nn.Embedding(4, 2, padding_idx: 1);
        using var scope = NewDisposeScope();
        emb.call(tensor(new long[] { 1, 3, 3, 0, 1 })).sum().backward();
        // Row counts: 0 once, 1 padding, 2 never, 3 twice.
        Assert.Equal(new float[] { 1, 1, 0, 0, 0, 0, 2, 2 }, emb.weight.grad!.ToArray<float>());
    }

    [Fact]
    public void From_pretrained_copies_and_freezes()
    {
        using var scope = NewDisposeScope();
        var table = arange(0.0, 6.0).reshape(3, 2);
        using var emb = Embedding.from_pretrained(table);
        Assert.False(emb.weight.requires_grad);
        table.add_(100);
        Assert.Equal(new float[] { 4, 5 }, emb.call(tensor(new long[] { 2 })).ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => nn.Embedding(3, 2, padding_idx: 3));
    }

    [Fact]
    public void Embedding_gradient_matches_finite_differences()
    {
        using var scope = NewDisposeScope();
        var index = tensor(new long[] { 0, 2, 2, 1 });
        GradCheck.Assert(t => F.embedding(index, t[0]), new[] { randn(3, 2) }, name: "embedding");
    }

    [Fact]
    public void Scale_grad_by_freq_divides_each_row_gradient_by_its_count()
    {
        using var scope = NewDisposeScope();
        var weight = randn(3, 2).requires_grad_();
        F.embedding(tensor(new long[] { 0, 2, 2, 2 }), weight, scale_grad_by_freq: true).sum().backward();
        Assert.Equal(new float[] { 1, 1, 0, 0, 1, 1 }, weight.grad!.ToArray<float>());
    }
}
