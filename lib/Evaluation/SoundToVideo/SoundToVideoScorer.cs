using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Video;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.Evaluation.SoundToVideo;

/// <summary>
/// Scores a trained Listen and Move generator on its clip's validation split as the reference's eval_models.py does:
/// eval mode, states reset once and then carried over the consecutive clips of T frames; per frame SSIM (the reference's
/// zero-padded form) and an LPIPS-style distance; FID per generated clip against 500 random training frames; FVD of the
/// clips generated so far against 20 random training sequences, every 4th clip (from the second on); and the sync error — how far the
/// <see cref="StateReader"/> reads each generated frame's state from the recorded one. Random draws (the motion noise,
/// the reference picks) come from a seeded stream that leaves the caller's untouched.
/// </summary>
public static class SoundToVideoScorer
{
    public const int ReferenceFrames = 500,
        ReferenceSequences = 20,
        FvdEvery = 4;

    /// <param name="states">The recorded state of every frame of the clip (training frames first, as in the video).</param>
    public static SoundToVideoScores Score(
        SoundToVideoGenerator generator,
        SoundVideoCorpus clip,
        IReadOnlyList<double[]> states,
        StateReader reader,
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
                    return Score(features => generator.call(features.unsqueeze(0).to(device))[0].cpu(), clip, states, reader, frames);
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
        IReadOnlyList<double[]> states,
        StateReader reader,
        int frames
    )
    {
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(reader);
        using var validation = new SoundVideoSequence(clip.Validation.Frames.alias(), clip.Validation.Features.alias(), frames);
        if (validation.ClipCount == 0)
            throw new ArgumentException($"the validation split's {validation.Length} frames hold no clip of {frames} to score");
        var offset = (int)clip.Train.Length; // validation frame k is the video's frame offset + k
        if (states.Count < offset + validation.Length)
            throw new ArgumentException($"{states.Count} recorded states do not cover the clip's {offset + validation.Length} frames");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var realFrames = ReferenceFeatures(reader, clip.Train.Frames);
        var realClips = torch.stack(RandomSequences(clip.Train, frames).Select(s => ClipFeature(reader, s)).ToArray());
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
            lpips.AddRange(FeatureDistance(reader, real, fake));
            var truth = torch.tensor(
                Enumerable.Range(0, frames).SelectMany(t => states[offset + k * frames + t]).Select(v => (float)v).ToArray(),
                [frames, states[0].Length]
            );
            sync.AddRange(reader.call(fake).sub(truth).abs().mean([1]).to(ScalarType.Float64).data<double>().ToArray());
            floor.AddRange(reader.call(real).sub(truth).abs().mean([1]).to(ScalarType.Float64).data<double>().ToArray());
            fid.Add(FrechetDistance.Compute(Pooled(reader, fake), realFrames));
            fakeClips.Add(ClipFeature(reader, fake));
            if (fakeClips.Count >= 2 && (k % FvdEvery == 0 || k + 1 == validation.ClipCount)) // a covariance needs two clips
                fvd.Add(FrechetDistance.Compute(torch.stack(fakeClips.ToArray()), realClips));
        }
        return new SoundToVideoScores(
            MeanSd.Of(ssim),
            MeanSd.Of(lpips),
            MeanSd.Of(fvd),
            MeanSd.Of(fid),
            MeanSd.Of(sync),
            floor.Average(),
            (int)validation.ClipCount
        );
    }

    // LPIPS with uniform weights on the reader's maps: unit-normalise each pixel's channel vector, square the difference,
    // sum over channels, average over the map, sum over the layers.
    private static IEnumerable<double> FeatureDistance(StateReader reader, Tensor real, Tensor fake)
    {
        var (a, b) = (reader.Maps(real), reader.Maps(fake));
        var total = torch.zeros(real.size(0));
        for (var l = 0; l < a.Count; l++)
        {
            var na = a[l].div(a[l].pow(Scalars.Of(2)).sum(1, keepdim: true).sqrt().add(Scalars.Of(1e-10)));
            var nb = b[l].div(b[l].pow(Scalars.Of(2)).sum(1, keepdim: true).sqrt().add(Scalars.Of(1e-10)));
            total = total.add(na.sub(nb).pow(Scalars.Of(2)).sum(1).mean([1, 2]));
        }
        return total.to(ScalarType.Float64).data<double>().ToArray();
    }

    private static Tensor Pooled(StateReader reader, Tensor frames) => reader.Pooled(frames).to(ScalarType.Float64);

    // A clip's statistics for the FVD stand-in: the mean and spread of its frames' pooled features and their mean change.
    private static Tensor ClipFeature(StateReader reader, Tensor frames)
    {
        var f = reader.Pooled(frames).to(ScalarType.Float64); // [T, D]
        var change = f.narrow(0, 1, f.size(0) - 1).sub(f.narrow(0, 0, f.size(0) - 1)).abs().mean([0]);
        return torch.cat([f.mean([0]), f.std(0), change]);
    }

    /// <summary>
    /// FID's real side: the reader's pooled features (float64) of 500 random training frames (uint8 [N, S, S, 3]), drawn with
    /// torch's default generator.
    /// </summary>
    public static Tensor ReferenceFeatures(StateReader reader, Tensor trainFrames)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(trainFrames);
        using var scope = torch.NewDisposeScope();
        var picks = torch.randperm(trainFrames.size(0)).narrow(0, 0, Math.Min(ReferenceFrames, trainFrames.size(0)));
        var images = trainFrames.index_select(0, picks).permute(0, 3, 1, 2).to(ScalarType.Float32).div(Scalars.Of(255));
        return Pooled(reader, images).MoveToOuterDisposeScope();
    }

    private static IEnumerable<Tensor> RandomSequences(SoundVideoSequence train, int frames)
    {
        var starts = torch.randint(0, train.Length - frames, [ReferenceSequences], dtype: ScalarType.Int64).data<long>().ToArray();
        foreach (var start in starts)
            yield return train.Frames.narrow(0, start, frames).permute(0, 3, 1, 2).to(ScalarType.Float32).div(Scalars.Of(255));
    }
}
