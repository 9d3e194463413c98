using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Synthetic.SpokenGrid;

namespace Dino.Repro.Tests.Data.Synthetic;

public class SpokenGridVisemeTests
{
    [Theory]
    [InlineData("b'In", "b I n")]
    [InlineData("pl'eIs", "p l eI s")]
    [InlineData("w'aIt", "w aI t")]
    [InlineData("a#g'En", "a g E n")]
    [InlineData("s'Ev@n", "s E v @ n")]
    [InlineData("dZ'i:", "dZ i")]
    [InlineData("z'i@roU", "z i@ r oU")]
    public void Tokenizes_espeak_mnemonics_longest_symbol_first_and_drops_marks(string mnemonics, string symbols) =>
        Assert.Equal(symbols.Split(' '), Visemes.Tokenize(mnemonics));

    [Fact]
    public void Lips_close_for_bilabials_open_for_open_vowels_and_round_for_back_vowels()
    {
        Assert.Equal(0, Visemes.Of("p").Opening);
        Assert.Equal(2.5, Visemes.RelativeDuration("aI"));
        Assert.Equal(1.0, Visemes.RelativeDuration("dZ"));
        Assert.Equal(Visemes.Of("p"), Visemes.Of("m"));
        Assert.True(Visemes.Of("aI").Opening > Visemes.Of("E").Opening);
        Assert.True(Visemes.Of("E").Opening > Visemes.Of("t").Opening);
        Assert.True(Visemes.Of("u").Rounding > 0.5 && Visemes.Of("i").Rounding == 0);
        Assert.True(Visemes.Of("i").Width > Visemes.Of("u").Width);
        Assert.Throws<ArgumentException>(() => Visemes.Of("'"));
    }

    [Fact]
    public void A_word_shares_its_duration_among_its_visemes_vowels_longer_and_the_mouth_rests_outside_words()
    {
        var visemes = Visemes.Of(["b", "I", "n"]);
        Assert.Equal([1.0, 2.5, 1.0], visemes.Select(v => v.RelativeDuration));
        // "bin" from 0.41 s to 0.86 s: b takes 1/4.5 of it (0.1 s), I 2.5/4.5 (0.25 s), n the last 0.1 s.
        var words = new[] { new SpokenWord(new GridWord("bin", 0.41, 0.86), visemes) };
        Assert.Equal(MouthShape.Rest, MouthTrack.At(words, 0.409));
        Assert.Equal(visemes[0].Shape, MouthTrack.At(words, 0.41));
        Assert.Equal(visemes[0].Shape, MouthTrack.At(words, 0.509));
        Assert.Equal(visemes[1].Shape, MouthTrack.At(words, 0.511));
        Assert.Equal(visemes[1].Shape, MouthTrack.At(words, 0.759));
        Assert.Equal(visemes[2].Shape, MouthTrack.At(words, 0.761));
        Assert.Equal(MouthShape.Rest, MouthTrack.At(words, 0.86));

        // Frame k is sampled at (k + ½)/25 s and smoothed with [¼, ½, ¼]: frame 13 (0.54 s) sits between 12 (0.50 s, still "b") and 14 (0.58 s).
        var track = MouthTrack.Of(words, 25, 25);
        var (before, at, after) = (MouthTrack.At(words, 0.50), MouthTrack.At(words, 0.54), MouthTrack.At(words, 0.58));
        Assert.Equal(0.25 * before.Opening + 0.5 * at.Opening + 0.25 * after.Opening, track[13].Opening, 12);
        Assert.Equal(0.25 * visemes[0].Shape.Opening + 0.75 * visemes[1].Shape.Opening, track[13].Opening, 12);
        Assert.Equal(MouthShape.Rest, track[0]);
    }

    [Fact]
    public void Different_words_give_different_mouth_tracks()
    {
        MouthShape[] Track(params string[] symbols) => MouthTrack.Of([new SpokenWord(new GridWord("w", 0.2, 0.8), Visemes.Of(symbols))], 25, 25);
        var bin = Track("b", "I", "n");
        var now = Track("n", "aU");
        var blue = Track("b", "l", "u");
        double Distance(MouthShape[] a, MouthShape[] b) =>
            a.Zip(b, (x, y) => Math.Abs(x.Opening - y.Opening) + Math.Abs(x.Width - y.Width) + Math.Abs(x.Rounding - y.Rounding)).Sum();
        Assert.True(Distance(bin, now) > 3, $"bin/now {Distance(bin, now)}");
        Assert.True(Distance(bin, blue) > 1, $"bin/blue {Distance(bin, blue)}");
        Assert.True(Distance(now, blue) > 3, $"now/blue {Distance(now, blue)}");
    }
}
