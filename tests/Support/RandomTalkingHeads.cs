using Dino.Repro.Data.Loading;
using Dino.Repro.Models.Common;

namespace Dino.Repro.Tests.Support;

/// <summary>Random talking-head data for the speech-to-face model tests: no corpus, seconds to make.</summary>
internal static class RandomTalkingHeads
{
    /// <summary>
    /// 12 random faces (64², in [−1, 1]) and speech windows of <paramref name="samples"/> from 3 speakers (labels 0, 1, 2,
    /// 0, …) in batches of 4, and 4 more as the sample grid's batch (labels 0, 1, 2, 0). With <paramref name="wrongFaces"/>
    /// every training row also carries a face of another speaker, as a matching-aware D needs.
    /// </summary>
    public static TalkingHeadData Make(long seed, bool wrongFaces = false, int samples = 4096)
    {
        using var noise = new Generator((ulong)seed);
        Tensor Uniform(params long[] shape) => rand(shape, generator: noise) * Scalars.Of(2) - Scalars.Of(1);
        var faces = Uniform(12, 3, 64, 64);
        var speech = Uniform(12, samples);
        var labels = arange(Scalars.Of(12), dtype: ScalarType.Int64) % Scalars.Of(3);
        IBatchSource batches = new ShuffledBatches(
            new Dictionary<string, Tensor>
            {
                [TalkingHeadData.FaceKey] = faces.clone(),
                [TalkingHeadData.SpeechKey] = speech,
                [TalkingHeadData.LabelKey] = labels.clone(),
            },
            4,
            seed
        );
        if (wrongFaces)
            batches = new MismatchedExamples(batches, faces, labels, TalkingHeadData.LabelKey, TalkingHeadData.WrongFaceKey, seed);
        else
        {
            faces.Dispose();
            labels.Dispose();
        }
        var grid = new Batch(
            4,
            new Dictionary<string, Tensor>
            {
                [TalkingHeadData.FaceKey] = Uniform(4, 3, 64, 64).DetachFromDisposeScope(),
                [TalkingHeadData.SpeechKey] = Uniform(4, samples).DetachFromDisposeScope(),
                [TalkingHeadData.LabelKey] = tensor(new long[] { 0, 1, 2, 0 }).DetachFromDisposeScope(),
            }
        );
        return new TalkingHeadData(batches, Identities: 3, grid);
    }
}
