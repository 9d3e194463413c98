using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.Synthetic.SoundMotion;
using Dino.Repro.Evaluation.Metrics.Video;
using Dino.Repro.Evaluation.SoundToVideo;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation.SoundToVideo;

public class SoundToVideoScorerTests
{
    [Fact]
    public void Ssim_is_the_zero_padded_gaussian_form_of_the_reference_code()
    {
        manual_seed(2);
        using var scope = NewDisposeScope();
        var x = rand(1, 1, 6, 7);
        var y = x.mul(Scalars.Of(0.7)).add(rand(1, 1, 6, 7).mul(Scalars.Of(0.3)));
        var (a, b) = (x.to(ScalarType.Float64).data<double>().ToArray(), y.to(ScalarType.Float64).data<double>().ToArray());
        var g = Enumerable.Range(0, 11).Select(i => Math.Exp(-(i - 5) * (i - 5) / 4.5)).ToArray();
        var sum = g.Sum();
        // The 11×11 window over zero-padded images, at every pixel; SSIM averaged over the whole map.
        double Blur(Func<int, double> image, int r, int c)
        {
            var total = 0.0;
            for (var i = 0; i < 11; i++)
            for (var j = 0; j < 11; j++)
            {
                var (rr, cc) = (r + i - 5, c + j - 5);
                if (rr >= 0 && rr < 6 && cc >= 0 && cc < 7)
                    total += g[i] / sum * g[j] / sum * image(rr * 7 + cc);
            }
            return total;
        }
        var map = new List<double>();
        for (var r = 0; r < 6; r++)
        for (var c = 0; c < 7; c++)
        {
            var (ma, mb) = (Blur(p => a[p], r, c), Blur(p => b[p], r, c));
            var va = Blur(p => a[p] * a[p], r, c) - ma * ma;
            var vb = Blur(p => b[p] * b[p], r, c) - mb * mb;
            var cov = Blur(p => a[p] * b[p], r, c) - ma * mb;
            map.Add((2 * ma * mb + 1e-4) * (2 * cov + 9e-4) / ((ma * ma + mb * mb + 1e-4) * (va + vb + 9e-4)));
        }
        Assert.Equal(map.Average(), ZeroPaddedSsim.PerImage(x, y).item<double>(), 10);
        Assert.Equal(1.0, ZeroPaddedSsim.PerImage(x, x).item<double>(), 10);
    }

    [Fact]
    public void The_real_video_scores_perfectly_and_a_frozen_one_scores_worse_on_every_column()
    {
        using var data = new DataRootScope();
        using var scope = NewDisposeScope();
        var folder = CorpusRegistry.SoundVideos(SoundMotionCorpus.Name, 8);
        using var clip = SoundVideoCorpus.Load(Path.Combine(folder, "melodic.mp4"), new SoundVideoOptions(Size: 16, ClipLength: 8));
        var states = SoundMotionStates.Read(folder, "melodic").Frames;
        using var reader = StateReader.For(SoundMotionCorpus.Name, "melodic", clip.Train.Frames, states);
        using var validation = new SoundVideoSequence(clip.Validation.Frames.alias(), clip.Validation.Features.alias(), 8);

        // The reader reads the state from frames it was not trained on.
        var held = clip.Validation.Frames.permute(0, 3, 1, 2).to(ScalarType.Float32).div(Scalars.Of(255));
        var read = reader.call(held).select(1, 0).to(ScalarType.Float64).data<double>().ToList();
        var truth = states.Skip((int)clip.Train.Length).Take(read.Count).Select(s => s[0]).ToList();
        Assert.True(Dino.Repro.Tests.Data.Correlation.Pearson(read, truth) > 0.8, "the reader sees the disc's height");

        var k = 0;
        manual_seed(1);
        var space = new StandInFeatureSpace(reader);
        var recorded = new RecordedStates(reader, states);
        var oracle = SoundToVideoScorer.Score(_ => validation.Clip(k++).Frames, clip, space, recorded, 8);
        k = 0;
        manual_seed(1);
        var frozen = SoundToVideoScorer.Score(
            _ => validation.Clip(k++).Frames.narrow(0, 0, 1).expand(8, -1, -1, -1).contiguous(),
            clip,
            space,
            recorded,
            8
        );
        Assert.Equal(3, oracle.Clips);
        Assert.Equal(1.0, oracle.Ssim.Mean, 6);
        Assert.Equal(0.0, oracle.Lpips.Mean, 6);
        Assert.Equal(oracle.ReaderFloor, oracle.SyncError.Mean, 6);
        Assert.True(frozen.Ssim.Mean < oracle.Ssim.Mean - 0.01, $"SSIM {frozen.Ssim} vs {oracle.Ssim}");
        Assert.True(frozen.Lpips.Mean > 0.01, $"LPIPS {frozen.Lpips}");
        Assert.True(frozen.SyncError.Mean > oracle.SyncError.Mean + 0.01, $"sync {frozen.SyncError} vs {oracle.SyncError}");
        Assert.True(frozen.Fvd.Mean > oracle.Fvd.Mean, $"FVD {frozen.Fvd} vs {oracle.Fvd}");
    }

    // Frame features: each frame's mean intensity and its square; a clip's: its frames' mean feature and mean change.
    private sealed class MeanBrightness : IVideoFeatureSpace
    {
        public string Description => "mean brightness";

        public double[] FrameDistances(Tensor real, Tensor fake) =>
            real.sub(fake).abs().mean([1, 2, 3]).to(ScalarType.Float64).data<double>().ToArray();

        public Tensor FrameFeatures(Tensor frames)
        {
            var m = frames.mean([1, 2, 3]).to(ScalarType.Float64);
            return stack([m, m.pow(Scalars.Of(2))], 1);
        }

        public Tensor ClipFeature(Tensor frames)
        {
            var f = FrameFeatures(frames);
            return cat([f.mean([0]), f.narrow(0, 1, f.size(0) - 1).sub(f.narrow(0, 0, f.size(0) - 1)).abs().mean([0])]);
        }
    }

    [Fact]
    public void A_real_clip_is_scored_in_the_given_space_without_a_sync_error()
    {
        using var data = new DataRootScope();
        using var scope = NewDisposeScope();
        var folder = CorpusRegistry.SoundVideos(SoundMotionCorpus.Name, 8);
        using var clip = SoundVideoCorpus.Load(Path.Combine(folder, "melodic.mp4"), new SoundVideoOptions(Size: 16, ClipLength: 8));
        using var validation = new SoundVideoSequence(clip.Validation.Frames.alias(), clip.Validation.Features.alias(), 8);
        var k = 0;
        var darker = SoundToVideoScorer.Score(
            _ => validation.Clip(k++).Frames.sub(Scalars.Of(0.5)).clamp(Scalars.Of(-1), Scalars.Of(1)),
            clip,
            new MeanBrightness(),
            null,
            8
        );
        Assert.Equal(0, darker.SyncError.Count);
        Assert.True(double.IsNaN(darker.ReaderFloor));
        Assert.Equal(3, darker.Clips);
        Assert.Equal(3 * 8, darker.Lpips.Count); // one distance a frame, from the space
        // Frames in [0, 1] darkened by 0.25 (0.5 in [−1, 1]) wherever that stays in range: the space's distance is at most 0.25.
        Assert.InRange(darker.Lpips.Mean, 0.05, 0.25 + 1e-6);
        Assert.Equal(3, darker.Fid.Count); // one FID a clip
        Assert.True(darker.Fid.Mean > 0.001, $"FID {darker.Fid}");
    }

    [Fact]
    public void The_paper_space_names_every_missing_evaluator_at_once()
    {
        using var folder = new Fixtures.TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => PaperFeatureSpace.Load(folder.Root));
        foreach (var file in new[] { "lpips-alex.pt", "inception-2015-12-05.pt", "i3d_torchscript.pt" })
            Assert.Contains(Path.Combine(folder.Root, file), error.Message);
    }
}
