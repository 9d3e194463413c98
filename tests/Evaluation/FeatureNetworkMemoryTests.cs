using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Evaluation.Metrics.Video;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Jit;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>Outside any dispose scope, the network-metric helpers free their intermediates: only what they return stays alive.</summary>
public class FeatureNetworkMemoryTests
{
    [Fact]
    public void Each_network_metric_helper_leaves_only_its_result_alive()
    {
        using var script = ScriptFiles.Load(Fixtures.Path("tiny_script_args.pt"));
        using var pair = ScriptFiles.Load(Fixtures.Path("tiny_convnet_pair.pt"));
        var signature = new ScriptSignature(new("flag", false), new("scale", 1.0), new("offset", 0L));
        using var inception = FeatureExtractor.Load(Evaluators.Inception with { FileName = Fixtures.Path("tiny_nvidia_inception.pt") });
        using var i3d = FeatureExtractor.Load(Evaluators.I3d with { FileName = Fixtures.Path("tiny_i3d.pt") });
        using var segmenter = Segmenter.Load(SegmenterSpec.FromFile(Fixtures.Path("tiny_segmenter.pt"), 5) with { InputHeight = 8, InputWidth = 8 });
        using var lpips = Lpips.Load(new Evaluator("tiny LPIPS", Fixtures.Path("tiny_lpips.pt"), null, EvaluatorOutputs.Distance));
        using var x = randn(3);
        using var extra = ones(3);
        using var images = randint(256, new long[] { 3, 3, 16, 16 }, ScalarType.Byte);
        using var image = randint(256, new long[] { 12, 12, 3 }, ScalarType.Byte);
        using var frames = randint(256, new long[] { 4, 16, 16, 3 }, ScalarType.Byte);
        using var other = randint(256, new long[] { 4, 16, 16, 3 }, ScalarType.Byte);
        using var input = randn(1, 3, 6, 6);
        var clips = FrechetVideoDistance.Clips(frames, 2, "frames");

        var returning = new (string name, Func<IDisposable> call)[]
        {
            ("ScriptModule.forward with keywords placed positionally", () => ScriptOutputs.Single(
                    script.forward(
                        signature.Positional(
                            [x],
                            new Dictionary<string, object>
                            {
                                ["flag"] = true,
                                ["scale"] = 2.0,
                                ["offset"] = 1L,
                            }
                        )
                    ),
                    "script"
                )),
            ("FeatureExtractor.Extract (keyword calls)", () => inception.Extract(images, batchSize: 2)),
            ("FrechetVideoDistance.Features", () => FrechetVideoDistance.Features(i3d, clips, batchSize: 1)),
            ("FrechetVideoDistance.Preprocess", () => FrechetVideoDistance.Preprocess(frames.unsqueeze(0).narrow(1, 0, 2).contiguous())),
            ("Segmenter.Predict", () => segmenter.Predict(image)),
        };
        foreach (var (name, call) in returning)
        {
            var before = LiveTensors.Settled();
            call().Dispose();
            Assert.True(before == LiveTensors.Settled(), $"{name} left {Tensor.TotalCount - before} tensors alive");
        }

        var scoring = new (string name, Action call)[]
        {
            ("ScriptOutputs.Single refusing a tuple", () =>
                Assert.Throws<InvalidDataException>(() => ScriptOutputs.Single(pair.forward(input), "pair"))
            ),
            ("PerFrameVideoMetric.Ssim", () => PerFrameVideoMetric.Ssim(frames, other)),
            ("PerFrameVideoMetric.Lpips", () => PerFrameVideoMetric.Lpips(lpips, frames, other, batchSize: 3)),
            ("FrechetVideoDistance.Compute", () => FrechetVideoDistance.Compute(i3d, clips, clips)),
        };
        foreach (var (name, call) in scoring)
        {
            var before = LiveTensors.Settled();
            call();
            Assert.True(before == LiveTensors.Settled(), $"{name} left {Tensor.TotalCount - before} tensors alive");
        }
        foreach (var clip in clips)
            clip.Dispose();
    }
}
