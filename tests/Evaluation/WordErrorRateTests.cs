using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Signal.Speech;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

public class WordErrorRateTests
{
    [Theory]
    [InlineData("wer/line1")]
    [InlineData("wer/line2")]
    [InlineData("wer/line3")]
    [InlineData("wer/line4")]
    [InlineData("wer/line5")]
    public void Line_counts_match_jiwer(string name)
    {
        var expected = TestData.Case(name);
        var counts = WordErrorRate.Count(expected["reference"]!.GetValue<string>(), expected["hypothesis"]!.GetValue<string>());
        Assert.Equal(expected["substitutions"]!.GetValue<int>(), counts.Substitutions);
        Assert.Equal(expected["deletions"]!.GetValue<int>(), counts.Deletions);
        Assert.Equal(expected["insertions"]!.GetValue<int>(), counts.Insertions);
        Assert.Equal(expected["hits"]!.GetValue<int>(), counts.Hits);
        Assert.Equal(expected["wer"]!.GetValue<double>(), counts.Wer, 12);
    }

    [Fact]
    public void Corpus_measures_match_jiwer()
    {
        var expected = TestData.Case("wer/corpus");
        var references = File.ReadAllLines(TestData.PathOf("wer/ref.txt"));
        var hypotheses = File.ReadAllLines(TestData.PathOf("wer/hyp.txt"));
        var counts = WordErrorRate.Corpus(references, hypotheses);
        Assert.Equal(expected["reference_words"]!.GetValue<int>(), counts.ReferenceWords);
        Assert.Equal(expected["wer"]!.GetValue<double>(), counts.Wer, 12);
        Assert.Equal(expected["mer"]!.GetValue<double>(), counts.Mer, 12);
        Assert.Equal(expected["wil"]!.GetValue<double>(), counts.Wil, 12);
        Assert.Equal(expected["wip"]!.GetValue<double>(), counts.Wip, 12);
    }

    [Fact]
    public void Bad_input_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => WordErrorRate.Corpus(new[] { "a b" }, new[] { "a", "b" }));
        Assert.Throws<InvalidOperationException>(() => WordErrorRate.Count("", "a b").Wer);
    }
}
