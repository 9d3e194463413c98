using Dino.Repro.Data.Grid;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.Grid;

public class GridAlignmentTests
{
    [Fact]
    public void Pauses_are_tokens_but_not_words()
    {
        var tokens = GridAlignment.Parse(["0 12500 sil", "12500 25000 bin", "25000 26000 sp", "26000 50000 now", "50000 75000 sil"], "test");
        Assert.Equal(5, tokens.Count);
        Assert.Equal([true, false, true, false, true], tokens.Select(t => t.IsPause));
        // 12,500 units = 0.5 s = 12.5 video frames at 25 fps; 75,000 units = 3 s.
        Assert.Equal(0.5, tokens[1].StartSeconds, 12);
        Assert.Equal(1.04, tokens[3].StartSeconds, 12);
        Assert.Equal(3.0, tokens[4].EndSeconds, 12);
    }

    [Theory]
    [InlineData("0 100", "line 1", "three fields")]
    [InlineData("0 100 sil\n100 -5 bin", "line 2", "non-negative integers")]
    [InlineData("0 100 sil\n300 200 bin", "line 2", "ends (200) before it starts (300)")]
    [InlineData("0 100 sil\n50 200 bin", "line 2", "before the previous one ends")]
    [InlineData("\n\n", "no tokens", "")]
    public void Bad_lines_name_the_file_line_and_problem(string text, string where, string problem)
    {
        using var dir = new Fixtures.TempFolder();
        var path = dir.File("x.align");
        File.WriteAllText(path, text);
        var error = Assert.Throws<InvalidDataException>(() => GridAlignment.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(where, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Formats_words_with_sil_around_and_sp_between_and_reads_them_back()
    {
        var words = new[] { new GridWord("set", 0.4, 0.7), new GridWord("red", 0.7, 0.9), new GridWord("at", 1.0, 1.12) };
        var text = GridAlignment.Format(words, 3.0);
        Assert.Equal("0 10000 sil\n10000 17500 set\n17500 22500 red\n22500 25000 sp\n25000 28000 at\n28000 75000 sil\n", text);
        var back = GridAlignment.Parse(text.Split('\n'), "text").Where(w => !w.IsPause).ToArray();
        Assert.Equal(words, back);
    }

    [Fact]
    public void Rejects_overlapping_words_and_a_total_shorter_than_the_words()
    {
        Assert.Throws<ArgumentException>(() => GridAlignment.Format([new GridWord("a", 0.5, 1.0), new GridWord("b", 0.9, 1.2)], 3));
        Assert.Throws<ArgumentException>(() => GridAlignment.Format([new GridWord("a", 0.5, 1.0)], 0.8));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => GridAlignment.Read("/nonexistent/s1/align/bbaf2n.align"));
        Assert.Contains("/nonexistent/s1/align/bbaf2n.align", error.Message);
    }
}
