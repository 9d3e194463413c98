using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Video;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.Evaluation.SoundToVideo;

/// <summary>
/// Scores a trained Listen and Move generator on its clip's validation split as the reference's eval_models.py does:
/// eval mode, states reset once and then carried over the consecutive clips of T frames; per frame SSIM (the reference's
/// zero-padded form) and LPIPS; FID per generated clip against 500 random training frames; FVD of the clips generated so
/// far against 20 random training sequences, every 4th clip (from the second on) — LPIPS, FID and FVD in an <see
/// cref="IVideoFeatureSpace"/> (the paper's networks, or the stand-ins). Where the corpus recorded its states, also the sync
/// error — how far the <see cref="StateReader"/> reads each generated frame's state from the recorded one. Random draws
/// (the motion noise, the reference picks) come from a seeded stream that leaves the caller's untouched.
/// </summary>
public static class SoundToVideoScorer
{
    public const int ReferenceFrames = 500,
        ReferenceSequences = 20,
        FvdEvery = 4;

    public static SoundToVideoScores Score(
        SoundToVideoGenerator generator,
        SoundVideoCorpus clip,
        IVideoFeatureSpace space,
        RecordedStates? states,
        int frames,
        long seed
    )
    {
        ArgumentNullException.ThrowIfNull(generator);
        var device = generator.parameters().First().device;
        return SeededDefaultGenerator.Run(seed, () => EvalMode.Run(
                () =>
                {
                    generator.Reset();
                    return Score(features => generator.call(features.unsqueeze(0).to(device))[0].cpu(), clip, space, states, frames);
                },
                generator
            ));
    }

    /// <summary>
    /// The scores of <paramref name="draw"/>, which turns each validation clip's descriptors [T, F] into frames [T, 3, S, S]
    /// in [−1, 1] and is called on the clips in order (a recurrent generator carries its states between the calls).
    /// Draws the reference frames and sequences from torch's default generator.
    /// </summary>
    public static SoundToVideoScores Score(
        Func<Tensor, Tensor> draw,
        SoundVideoCorpus clip,
        IVideoFeatureSpace space,
        RecordedStates? states,
        int frames
    )
    {
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(space);
        using var validation = new SoundVideoSequence(clip.Validation.Frames.alias(), clip.Validation.Features.alias(), frames);
        if (validation.ClipCount == 0)
            throw new ArgumentException($"the validation split's {validation.Length} frames hold no clip of {frames} to score");
        var offset = (int)clip.Train.Length; // validation frame k is the video's frame offset + k
        if (states is not null && states.Frames.Count < offset + validation.Length)
            throw new ArgumentException($"{states.Frames.Count} recorded states do not cover the clip's {offset + validation.Length} frames");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var realFrames = ReferenceFeatures(space, clip.Train.Frames);
        var realClips = torch.stack(RandomSequences(clip.Train, frames).Select(space.ClipFeature).ToArray());
        List<double> ssim = [],
            lpips = [],
            sync = [],
            floor = [],
            fid = [],
            fvd = [];
        var fakeClips = new List<Tensor>();
        for (var k = 0; k < validation.ClipCount; k++)
        {
            using var piece = validation.Clip(k);
            var fake = draw(piece.Features).add(Scalars.Of(1)).div(Scalars.Of(2));
            var real = piece.Frames.add(Scalars.Of(1)).div(Scalars.Of(2));
            ssim.AddRange(ZeroPaddedSsim.PerImage(real, fake).data<double>().ToArray());
            lpips.AddRange(space.FrameDistances(real, fake));
            if (states is not null)
            {
                var truth = torch.tensor(
                    Enumerable.Range(0, frames).SelectMany(t => states.Frames[offset + k * frames + t]).Select(v => (float)v).ToArray(),
                    [frames, states.Frames[0].Length]
                );
                sync.AddRange(ReadError(states.Reader, fake, truth));
                floor.AddRange(ReadError(states.Reader, real, truth));
            }
            fid.Add(FrechetDistance.Compute(space.FrameFeatures(fake), realFrames));
            fakeClips.Add(space.ClipFeature(fake));
            if (fakeClips.Count >= 2 && (k % FvdEvery == 0 || k + 1 == validation.ClipCount)) // a covariance needs two clips
                fvd.Add(FrechetDistance.Compute(torch.stack(fakeClips.ToArray()), realClips));
        }
        return new SoundToVideoScores(
            MeanSd.Of(ssim),
            MeanSd.Of(lpips),
            MeanSd.Of(fvd),
            MeanSd.Of(fid),
            MeanSd.Of(sync),
            floor.Count == 0 ? double.NaN : floor.Average(),
            (int)validation.ClipCount
        );
    }

    private static double[] ReadError(StateReader reader, Tensor frames, Tensor truth) =>
        reader.call(frames).sub(truth).abs().mean([1]).to(ScalarType.Float64).data<double>().ToArray();

    /// <summary>
    /// FID's real side: the features (float64) of 500 random training frames (uint8 [N, S, S, 3]), drawn with torch's
    /// default generator.
    /// </summary>
    public static Tensor ReferenceFeatures(IVideoFeatureSpace space, Tensor trainFrames)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(trainFrames);
        using var scope = torch.NewDisposeScope();
        var picks = torch.randperm(trainFrames.size(0)).narrow(0, 0, Math.Min(ReferenceFrames, trainFrames.size(0)));
        var images = trainFrames.index_select(0, picks).permute(0, 3, 1, 2).to(ScalarType.Float32).div(Scalars.Of(255));
        return space.FrameFeatures(images).MoveToOuterDisposeScope();
    }

    private static IEnumerable<Tensor> RandomSequences(SoundVideoSequence train, int frames)
    {
        var starts = torch.randint(0, train.Length - frames, [ReferenceSequences], dtype: ScalarType.Int64).data<long>().ToArray();
        foreach (var start in starts)
            yield return train.Frames.narrow(0, start, frames).permute(0, 3, 1, 2).to(ScalarType.Float32).div(Scalars.Of(255));
    }
}
