using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.IO;
using Dino.Repro.Models.AcGan;
using M = Dino.Repro.Evaluation.FaceTranslation.FaceTranslationMetrics;

namespace Dino.Repro.Tests.App.Reproduce;

public class AcGanTranslationVerdictTests
{
    private static Dictionary<string, double?> Row(double? rate, double yaw, double roll, double mouth, double gaze) =>
        new()
        {
            [M.TargetRate] = rate,
            [M.YawError] = yaw,
            [M.RollError] = roll,
            [M.MouthError] = mouth,
            [M.GazeError] = gaze,
        };

    private static AcGanTranslationResult Result(Dictionary<string, double?> paper, double latentSeconds, double pixelSeconds) =>
        Result(
            [
                new(AcGanTranslationTable.RealPairs, Row(1.0, 2, 1, 0.05, 0.1)),
                new(AcGanTranslationTable.NothingKept, Row(null, 20, 8, 0.35, 0.7)),
                new(AcGanTranslationTable.LatentEncoder, paper),
            ],
            latentSeconds,
            pixelSeconds
        );

    private static AcGanTranslationResult Result(List<MethodScores> rows, double latentSeconds, double pixelSeconds)
    {
        EncoderSpeedRow Speed(string method, double seconds) =>
            new(method, [new(500, seconds, 0.05)], 0.05, new ReconstructionPoint(500, seconds, 0.05), 0.05, seconds / 500);
        return new AcGanTranslationResult(
            "/nowhere",
            Preset.Cpu,
            new AcGanOptions(),
            100,
            "a judge",
            rows,
            [Speed(AcGanTranslationTable.LatentEncoder, latentSeconds), Speed(AcGanTranslationTable.PixelEncoder, pixelSeconds)]
        );
    }

    [Fact]
    public void Claims_hold_when_the_domain_changes_the_factors_stay_near_the_real_pairs_and_the_latent_encoder_is_faster()
    {
        // Midpoints between real pairs and keeping nothing: yaw 11, roll 4.5, mouth 0.2, gaze 0.4.
        var verdict = AcGanTranslationVerdict.For(Result(Row(0.95, 5, 2, 0.1, 0.6), latentSeconds: 60, pixelSeconds: 90));
        Assert.StartsWith("Translations change the domain", verdict[0]);
        Assert.StartsWith("Claim 1 holds", verdict[1]);
        Assert.StartsWith("Gaze is not kept", verdict[2]); // 0.6 ≥ 0.4: the review's limit, reproduced
        Assert.StartsWith("Claim 2 holds", verdict[3]);
        Assert.Contains("60 s", verdict[3]);
    }

    [Fact]
    public void On_a_real_corpus_yaw_and_roll_are_judged_against_the_inputs_own_pose_and_mouth_and_gaze_are_said_unmeasured()
    {
        // Hopenet's reading of the input is the truth (floor 0); keeping nothing errs 20° and 8°, so the midpoints are 10° and 4°.
        Dictionary<string, double?> Pose(double? rate, double yaw, double roll) =>
            new()
            {
                [M.TargetRate] = rate,
                [M.YawError] = yaw,
                [M.RollError] = roll,
            };
        List<MethodScores> Rows(double yaw, double roll) =>
            [new(AcGanTranslationTable.NothingKept, Pose(null, 20, 8)), new(AcGanTranslationTable.LatentEncoder, Pose(0.95, yaw, roll))];

        var kept = AcGanTranslationVerdict.For(Result(Rows(9, 3), 60, 90));
        Assert.StartsWith("Translations change the domain", kept[0]);
        Assert.StartsWith("Claim 1 holds as far as it is measured", kept[1]);
        Assert.Contains("mouth: not measured on this corpus", kept[1]);
        Assert.StartsWith("Gaze is not measured", kept[2]);
        var lost = AcGanTranslationVerdict.For(Result(Rows(9, 5), 60, 90));
        Assert.StartsWith("Claim 1 does not hold", lost[1]);
        Assert.Contains("roll 5 (the input's own 0, nothing kept 8)", lost[1]);
        var unjudged = AcGanTranslationVerdict.For(Result([new(AcGanTranslationTable.LatentEncoder, Pose(0.5, 9, 3))], 60, 90));
        Assert.StartsWith("Translations do not reliably change the domain", unjudged[0]);
        Assert.StartsWith("Claim 1 cannot be judged", unjudged[1]);
    }

    [Fact]
    public void Claims_fail_when_the_rate_is_low_a_factor_is_near_keeping_nothing_or_the_pixel_encoder_is_faster()
    {
        var verdict = AcGanTranslationVerdict.For(Result(Row(0.6, 15, 2, 0.1, 0.2), latentSeconds: 90, pixelSeconds: 60));
        Assert.StartsWith("Translations do not reliably change the domain", verdict[0]);
        Assert.StartsWith("Claim 1 does not hold", verdict[1]);
        Assert.Contains("yaw 15", verdict[1]);
        Assert.StartsWith("Gaze is kept", verdict[2]);
        Assert.StartsWith("Claim 2 does not hold", verdict[3]);
    }

    [Fact]
    public void A_factor_is_kept_only_below_the_midpoint_and_only_when_all_three_values_exist()
    {
        var floor = new Dictionary<string, double?> { [M.YawError] = 2 };
        var nothing = new Dictionary<string, double?> { [M.YawError] = 20 };
        Assert.True(AcGanTranslationVerdict.Kept(new Dictionary<string, double?> { [M.YawError] = 10.9 }, floor, nothing, M.YawError));
        Assert.False(AcGanTranslationVerdict.Kept(new Dictionary<string, double?> { [M.YawError] = 11 }, floor, nothing, M.YawError));
        Assert.False(AcGanTranslationVerdict.Kept(new Dictionary<string, double?> { [M.YawError] = null }, floor, nothing, M.YawError));
    }
}
