using Dino.Repro.Data;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Grid;

namespace Dino.Repro.Tests.Data.Grid;

public class GridSplitTests
{
    [Fact]
    public void Parts_are_disjoint_and_cover_the_33_speakers_with_video()
    {
        var all = GridSplit.TrainSpeakers.Concat(GridSplit.ValSpeakers).Concat(GridSplit.TestSpeakers).ToArray();
        Assert.Equal(33, all.Length);
        Assert.Equal(33, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 34).Where(s => s != 21), all.Order());
        Assert.Equal((16, 7, 10), (GridSplit.TrainSpeakers.Count, GridSplit.ValSpeakers.Count, GridSplit.TestSpeakers.Count));
        foreach (var part in Enum.GetValues<GridSplitName>())
            Assert.All(GridSplit.Speakers(part), s => Assert.Equal(part, GridSplit.Of(s)));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(0)]
    [InlineData(35)]
    public void Speakers_without_video_or_outside_grid_are_in_no_part(int speaker) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GridSplit.Of(speaker));

    [Fact]
    public void Ids_are_the_initials_with_z_for_zero_and_paths_follow_the_script_layout()
    {
        Assert.Equal("bbaf2n", GridLayout.IdOf("bin blue at f two now".Split(' ')));
        Assert.Equal("pwiz9a", GridLayout.IdOf("place white in z nine again".Split(' ')));
        Assert.Equal("lgbqzs", GridLayout.IdOf("lay green by q zero soon".Split(' ')));
        Assert.Throws<ArgumentException>(() => GridLayout.IdOf("bin blue at w two now".Split(' ')));
        Assert.Equal(Path.Combine("/r", "s7", "align", "bbaf2n.align"), GridLayout.AlignmentPath("/r", 7, "bbaf2n"));
        Assert.Equal(Path.Combine("/r", "s7", "bbaf2n.wav"), GridLayout.AudioPath("/r", 7, "bbaf2n"));
        Assert.Equal(Path.Combine("/r", "s7", "bbaf2n.mpg"), GridLayout.VideoPath("/r", 7, "bbaf2n"));
        Assert.Throws<ArgumentOutOfRangeException>(() => GridLayout.VideoPath("/r", 35, "bbaf2n"));
    }

    [Fact]
    public void Mouth_square_is_centred_low_in_the_face_box_and_kept_inside_the_frame()
    {
        // Face 80×80 at (100, 50): side 0.6·80 = 48, centre (140, 50 + 0.75·80 = 110) → top-left (116, 86).
        Assert.Equal(new PixelSquare(116, 86, 48), MouthRegion.Default.In(new Dino.Repro.Vision.FaceBox(100, 50, 80, 80, 1), 360, 288));
        // Near the bottom-right corner the square is shifted back inside, not shrunk.
        Assert.Equal(new PixelSquare(312, 240, 48), MouthRegion.Default.In(new Dino.Repro.Vision.FaceBox(300, 250, 80, 80, 1), 360, 288));
    }

    [Fact]
    public void Grid_is_a_real_corpus_of_the_catalog_and_spoken_grid_stands_in_for_it()
    {
        Assert.Contains(CorpusRegistry.All, c => c.Name == "grid" && !c.Embedded);
        var spoken = CorpusRegistry.Find("spoken-grid")?.Maker;
        Assert.NotNull(spoken);
        Assert.Equal("grid", spoken.StandsFor);
    }
}
