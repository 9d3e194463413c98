using Dino.Repro.Evaluation.FaceTranslation;

namespace Dino.Repro.Tests.Evaluation.FaceTranslation;

public class FaceTranslationMetricsTests
{
    [Fact]
    public void The_target_rate_counts_translations_read_as_the_domain_they_were_sent_to()
    {
        // Targets male, male, female, female; read as male (p ≥ ½, so exactly ½ counts as male): the 1st, 3rd and 4th. Only
        // the 1st matches its target.
        using var male = tensor(new[] { 0.9f, 0.2f, 0.7f, 0.5f });
        using var targets = tensor(new long[] { 1, 1, 0, 0 });
        Assert.Equal(0.25, FaceTranslationMetrics.TargetDomainRate(male, targets), 12);
        using var better = tensor(new[] { 0.9f, 0.6f, 0.1f, 0.49f });
        Assert.Equal(1.0, FaceTranslationMetrics.TargetDomainRate(better, targets), 12);
    }

    [Fact]
    public void Factor_errors_are_mean_absolute_differences_with_gaze_averaged_over_both_axes()
    {
        using var truth = tensor(new[] { 10f, 2f, 0.5f, 0.1f, -0.2f, -20f, 0f, 0f, 1f, 1f }, [2, 5]);
        using var read = tensor(new[] { 14f, 1f, 0.25f, 0.3f, -0.2f, -10f, 3f, 0.5f, 0f, 0.5f }, [2, 5]);
        var errors = FaceTranslationMetrics.FactorErrors(read, truth);
        Assert.Equal((4 + 10) / 2.0, errors[FaceTranslationMetrics.YawError], 5);
        Assert.Equal((1 + 3) / 2.0, errors[FaceTranslationMetrics.RollError], 5);
        Assert.Equal((0.25 + 0.5) / 2.0, errors[FaceTranslationMetrics.MouthError], 5);
        // gaze_x errors 0.2 and 1, gaze_y errors 0 and 0.5: means 0.6 and 0.25, averaged 0.425.
        Assert.Equal(0.425, errors[FaceTranslationMetrics.GazeError], 5);
    }

    [Fact]
    public void Mismatched_shapes_are_refused_with_both_shapes_named()
    {
        using var a = zeros(3, 5);
        using var b = zeros(3, 4);
        var error = Assert.Throws<ArgumentException>(() => FaceTranslationMetrics.FactorErrors(a, b));
        Assert.Contains("[3, 4]", error.Message);
        using var p = zeros(3);
        using var t = zeros(new long[] { 2 }, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => FaceTranslationMetrics.TargetDomainRate(p, t));
    }

    [Fact]
    public void Keys_headers_and_directions_line_up()
    {
        Assert.Equal(FaceTranslationMetrics.Keys.Count, FaceTranslationMetrics.Headers.Count);
        Assert.False(FaceTranslationMetrics.LowerIsBetter(FaceTranslationMetrics.TargetRate));
        Assert.True(FaceTranslationMetrics.LowerIsBetter(FaceTranslationMetrics.Fid));
    }

    [Fact]
    public void Keeping_nothing_scores_the_median_guess_of_each_factor()
    {
        // Yaw 1, 2, 10 → median 2, errors 1, 0, 8; every other factor constant → no error.
        using var truth = tensor(new[] { 1f, 0f, 0f, 0f, 0f, 2f, 0f, 0f, 0f, 0f, 10f, 0f, 0f, 0f, 0f }, [3, 5]);
        var errors = FaceTranslationMetrics.ConstantGuessErrors(truth);
        Assert.Equal(3.0, errors[FaceTranslationMetrics.YawError], 5);
        Assert.Equal(0.0, errors[FaceTranslationMetrics.RollError], 5);
        Assert.Equal(0.0, errors[FaceTranslationMetrics.GazeError], 5);
    }

    [Fact]
    public void Pose_errors_are_mean_absolute_yaw_and_roll_differences_and_keeping_nothing_guesses_each_median()
    {
        // Read (yaw, roll) against truth: |10 − 4| = 6, |−2 − 0| = 2 → yaw 4; |1 − 3| = 2, |5 − 1| = 4 → roll 3.
        using var read = tensor(new[] { 10f, 1f, -2f, 5f }, [2, 2]);
        using var truth = tensor(new[] { 4f, 3f, 0f, 1f }, [2, 2]);
        var errors = FaceTranslationMetrics.PoseErrors(read, truth);
        Assert.Equal(4.0, errors[FaceTranslationMetrics.YawError], 6);
        Assert.Equal(3.0, errors[FaceTranslationMetrics.RollError], 6);
        Assert.Equal(2, errors.Count); // no mouth or gaze: nothing reads them on a real face

        // Yaw −30, 0, 20 → median 0, errors 30, 0, 20; roll 5, 5, 8 → median 5, errors 0, 0, 3.
        using var poses = tensor(new[] { -30f, 5f, 0f, 5f, 20f, 8f }, [3, 2]);
        var guessed = FaceTranslationMetrics.ConstantGuessPoseErrors(poses);
        Assert.Equal(50.0 / 3, guessed[FaceTranslationMetrics.YawError], 5);
        Assert.Equal(1.0, guessed[FaceTranslationMetrics.RollError], 5);
        using var wrong = tensor(new[] { 1f, 2f, 3f }, [1, 3]);
        Assert.Throws<ArgumentException>(() => FaceTranslationMetrics.PoseErrors(wrong, wrong));
    }
}
