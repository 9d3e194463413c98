using Dino.Repro.Data.Grid;
using Xunit;

namespace Dino.Repro.Tests.Data.Grid;

public class GridGrammarTests
{
    [Fact]
    public void HasFiftyOneDistinctWordsWithoutW()
    {
        Assert.Equal(51, GridGrammar.Vocabulary.Count);
        Assert.Equal(51, GridGrammar.Vocabulary.Distinct().Count());
        Assert.Equal(25, GridGrammar.Letters.Count);
        Assert.DoesNotContain("w", GridGrammar.Letters);
    }

    [Fact]
    public void SamplesAreGrammaticalAndSeeded()
    {
        var a = GridGrammar.Sample(new Random(7));
        var b = GridGrammar.Sample(new Random(7));
        Assert.Equal(a, b);
        var random = new Random(1);
        var sentences = Enumerable.Range(0, 500).Select(_ => GridGrammar.Sample(random)).ToList();
        Assert.All(sentences, s => Assert.True(GridGrammar.IsSentence(s), string.Join(' ', s)));
        // Over 500 draws every letter shows up (each has probability 1/25 per draw).
        Assert.Equal(25, sentences.Select(s => s[3]).Distinct().Count());
        Assert.True(GridGrammar.IsSentence("bin blue at f two now".Split(' ')));
        Assert.False(GridGrammar.IsSentence("blue bin at f two now".Split(' ')));
        Assert.False(GridGrammar.IsSentence("bin blue at w two now".Split(' ')));
    }
}
