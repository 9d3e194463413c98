using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.SpokenCaptions;

public class CaptionFileTests
{
    [Fact]
    public void Blank_lines_are_skipped_and_broken_characters_and_tabs_become_spaces()
    {
        using var dir = new Fixtures.TempFolder();
        var path = dir.File("Black_Footed_Albatross_0046_18.txt");
        string[] lines =
        [
            "a bird with a white\ufffd\ufffdbelly",
            "",
            "  this bird\thas black wings  ",
            .. Enumerable.Range(0, 8).Select(i => $"caption {i}"),
            "",
        ];
        File.WriteAllText(path, string.Join("\r\n", lines));
        var captions = CaptionFile.Read(path);
        Assert.Equal(["a bird with a white belly", "this bird has black wings", .. Enumerable.Range(0, 8).Select(i => $"caption {i}")], captions);
    }

    [Fact]
    public void Writing_refuses_anything_but_ten_one_line_captions_and_reads_back_what_it_wrote()
    {
        using var dir = new Fixtures.TempFolder();
        var ten = Enumerable.Range(0, 10).Select(i => $"a small red circle number {i}").ToArray();
        CaptionFile.Write(dir.File("a.txt"), ten);
        Assert.Equal(ten, CaptionFile.Read(dir.File("a.txt")));
        Assert.Throws<ArgumentException>(() => CaptionFile.Write(dir.File("b.txt"), ten[..9]));
        Assert.Throws<ArgumentException>(() => CaptionFile.Write(dir.File("c.txt"), [.. ten[..9], "two\nlines"]));
        Assert.False(File.Exists(dir.File("b.txt")));
    }
}
