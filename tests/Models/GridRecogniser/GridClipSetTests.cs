using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Torch;

namespace Dino.Repro.Tests.Models.GridRecogniser;

public class GridClipSetTests
{
    [Fact]
    public void Clips_are_padded_to_the_longest_and_labelled_per_slot()
    {
        using var front = new GridFeatures(melBands: 16, clipSeconds: 3.0);
        var random = new Random(4);
        float[] Noise(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        string[][] sentences = [["bin", "blue", "at", "a", "zero", "again"], ["set", "white", "with", "z", "nine", "soon"]];
        // 1 s and 3.5 s: both padded to 3.5 s = 56,000 samples → 1 + 56000/160 = 351 centred frames.
        using var set = GridClipSet.FromClips([Noise(16_000), Noise(56_000)], sentences, front);
        Assert.Equal([2, 16, 351], set.Features.shape);
        Assert.Equal([0, 0, 0, 0, 0, 0, 3, 3, 3, 24, 9, 3], set.Labels.ToArray<long>());
        Assert.Equal(["bin blue at a zero again", "set white with z nine soon"], set.Sentences);
        Assert.Throws<ArgumentException>(() => GridClipSet.FromClips([Noise(100)], [["bin", "blue"]], front));
    }
}
