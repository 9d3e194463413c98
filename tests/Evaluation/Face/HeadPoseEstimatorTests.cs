using Dino.Repro.Evaluation.Metrics.Face;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation.Face;

/// <summary>
/// The kit's Hopenet read-out against tiny_hopenet.pt (tests/fixtures/make_head_pose_fixture.py), whose logits are a closed
/// form of the normalised input: the angles are computed here by hand from the colours fed in.
/// </summary>
public class HeadPoseEstimatorTests
{
    private static HeadPoseEstimator Tiny() =>
        HeadPoseEstimator.Load(evaluator: HeadPoseEstimator.Hopenet.WithFile(Fixtures.Path("tiny_hopenet.pt")));

    // The fixture's angle for a channel whose normalised mean is m: the expected bin centre under softmax(-(k - 33 - 4m)² / 8).
    private static double ByHand(double m)
    {
        var logits = Enumerable.Range(0, 66).Select(k => -Math.Pow(k - 33 - 4 * m, 2) / 8).ToArray();
        var top = logits.Max();
        var weights = logits.Select(l => Math.Exp(l - top)).ToArray();
        return Enumerable.Range(0, 66).Sum(k => weights[k] * (3.0 * k - 99)) / weights.Sum();
    }

    [Fact]
    public void Angles_are_the_expected_bin_of_each_head_after_imagenet_normalisation_at_224()
    {
        // Two flat faces at 32² (resized to 224², a flat image stays flat) with known colours in [-1, 1].
        double[][] colours =
        [
            [-0.5, 0.25, 0.9],
            [0.8, -1, 0],
        ];
        using var scope = NewDisposeScope();
        var faces = stack(colours.Select(c => tensor(c.Select(v => (float)v).ToArray()).view(3, 1, 1).expand(3, 32, 32)).ToArray());
        using var estimator = Tiny();
        var angles = estimator.Read(faces);
        Assert.Equal(new long[] { 2, 3 }, angles.shape);
        double[] mean = [0.485, 0.456, 0.406],
            std = [0.229, 0.224, 0.225];
        for (var i = 0; i < 2; i++)
        for (var a = 0; a < 3; a++)
        {
            var normalised = ((colours[i][a] + 1) / 2 - mean[a]) / std[a];
            Assert.Equal(ByHand(normalised), angles[i, a].ToDouble(), 3);
        }
    }

    [Fact]
    public void A_network_with_other_outputs_is_refused_naming_what_it_returned()
    {
        using var estimator = HeadPoseEstimator.Load(evaluator: HeadPoseEstimator.Hopenet.WithFile(Fixtures.Path("tiny_segmenter.pt")));
        using var faces = zeros(1, 3, 16, 16);
        var e = Assert.Throws<InvalidDataException>(() => estimator.Read(faces));
        Assert.Contains("tiny_segmenter.pt", e.Message);
        Assert.Contains("expected three [N, 66] (yaw, pitch, roll)", e.Message);
    }

    [Fact]
    public void Bad_faces_and_a_missing_file_get_clear_errors()
    {
        using var estimator = Tiny();
        using var bytes = zeros(new long[] { 1, 3, 8, 8 }, ScalarType.Byte);
        Assert.Contains("float RGB faces [N,3,S,S]", Assert.Throws<ArgumentException>(() => estimator.Read(bytes)).Message);
        using var gray = zeros(1, 1, 8, 8);
        Assert.Throws<ArgumentException>(() => estimator.Read(gray));
        using var folder = new Fixtures.TempFolder();
        var missing = Assert.Throws<MissingEvaluatorException>(() => HeadPoseEstimator.Load(folder.Root));
        Assert.Contains("CONVERSION.md ('Head pose')", missing.Message);
        Assert.Contains("hopenet.pt", missing.Message);
    }
}
