using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Audio;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>The fastdtw 0.3.4 port: tie order, coarsening, and paths of a line-by-line transcription of fastdtw.</summary>
public class AudioMetricDtwTests
{
    [Fact]
    public void Dtw_ties_go_to_the_cell_above_then_left_then_diagonal()
    {
        // x = [0, 1], y = [1, 0]: D[1,1] = 1, D[1,2] = 1 (from the left), D[2,1] = 1 (from above), and at D[2,2]
        // all three predecessors give 2. fastdtw's min keeps the first of (i−1, j), (i, j−1), (i−1, j−1), so the
        // path runs through (0, 1): (0,0) → (0,1) → (1,1), accumulated distance 2.
        var (distance, path) = FastDtw.Align(new[] { new[] { 0.0 }, new[] { 1.0 } }, new[] { new[] { 1.0 }, new[] { 0.0 } }, radius: 10);
        Assert.Equal(2, distance);
        Assert.Equal(new[] { (0, 0), (0, 1), (1, 1) }, path);
    }

    [Fact]
    public void Dtw_follows_a_known_shift_through_the_coarsened_levels()
    {
        // y is x with its first frame held for 5 more frames (the ramp never repeats a frame, so the zero-cost
        // path is unique): 100 and 105 frames force several coarsening levels at radius 1, and the projected
        // windows must still hold that path.
        var x = Enumerable.Range(0, 100).Select(t => new[] { Math.Sin(t * 0.2) + t * 0.05, Math.Cos(t * 0.13) }).ToArray();
        var y = Enumerable.Repeat(x[0], 5).Concat(x).ToArray();
        var (distance, path) = FastDtw.Align(x, y, radius: 1);
        Assert.Equal(0, distance);
        Assert.Equal(105, path.Length);
        Assert.All(path.Take(6), p => Assert.Equal(0, p.i));
        Assert.All(path.Skip(5), p => Assert.Equal(p.j - 5, p.i));
    }

    [Fact]
    public void Paths_match_the_fastdtw_transcription()
    {
        // tests/fixtures/make_fastdtw_fixture.py: 40 random-walk pairs (1–70 frames, radius 1, 2, 3 or 10), half of
        // them on a coarse grid so that equal costs are frequent. Paths must be identical, distances bit-equal.
        var cases = JsonNode.Parse(File.ReadAllText(Fixtures.Path("fastdtw_paths.json")))!.AsArray();
        Assert.Equal(40, cases.Count);
        for (var k = 0; k < cases.Count; k++)
        {
            var c = cases[k]!;
            var (distance, path) = FastDtw.Align(Series(c["x"]!), Series(c["y"]!), c["radius"]!.GetValue<int>());
            var expected = c["path"]!.AsArray().Select(p => (p![0]!.GetValue<int>(), p[1]!.GetValue<int>())).ToArray();
            Assert.True(expected.SequenceEqual(path), $"case {k}: path differs from fastdtw's");
            Assert.Equal(c["distance"]!.GetValue<double>(), distance);
        }
    }

    private static double[][] Series(JsonNode node) =>
        node.AsArray().Select(row => row!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
}
