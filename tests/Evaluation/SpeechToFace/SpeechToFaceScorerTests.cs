using Dino.Repro.Data.Synthetic.VoiceFaces;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.Evaluation.SpeechToFace;
using Dino.Repro.IO;
using Dino.Repro.Models.FaceAttributes;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation.SpeechToFace;

/// <summary>The identity judge and the scorer on the smoke voice-faces (four voices, the last held out), in a temporary data root.</summary>
public sealed class SpeechToFaceScorerTests : IDisposable
{
    private readonly DataRootScope data = new();
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly YouTubersCorpus corpus = VoiceFacesCorpus.MadeOnce(
        Preset.Smoke,
        new YouTubersOptions(WindowSeconds: 1, HopSeconds: 0.5, HeldOutSpeakers: 1)
    );

    public void Dispose()
    {
        scope.Dispose();
        data.Dispose();
    }

    [Fact]
    public void The_judge_tells_speakers_and_long_hair_apart_on_utterances_it_never_saw_and_is_cached()
    {
        var options = new IdentityJudgeOptions(64, Steps: IdentityJudgeOptions.DefaultSteps(Preset.Smoke));
        var logged = new List<string>();
        using var judge = SpeechToFaceJudging.Judge(corpus, options, logged.Add);
        Assert.False(judge.FromCache);
        Assert.Contains(logged, l => l.StartsWith("training the identity judge", StringComparison.Ordinal));

        var hair = SpeechToFaceJudging.HairByLabel(corpus)!;
        Assert.Equal(4, hair.Count);
        Assert.Equal(corpus.Identities.Select((_, i) => Math.Round(VoiceFaceIdentity.Create(0, i).Traits.HairLength, 4)), hair);

        using var heldOut = corpus.LoadSplit(FacePairSplit.UnseenUtterances);
        var (identity, hairRead, _) = judge.Read(heldOut.Faces);
        Assert.True(SpeechToFaceMetrics.Accuracy(identity, heldOut.Labels) >= 0.9, "the judge should know the speakers' faces");
        Assert.True(SpeechToFaceMetrics.TraitAgreement(hairRead, heldOut.Labels, hair) >= 0.9, "the judge should read long hair");

        using var cached = SpeechToFaceJudging.Judge(corpus, options, _ => throw new InvalidOperationException("trained again"));
        Assert.True(cached.FromCache);
        var (again, _, _) = cached.Read(heldOut.Faces);
        Assert.True(again.allclose(identity, rtol: 0, atol: 0));
    }

    [Fact]
    public void Real_faces_score_as_their_speakers_and_a_face_repeated_has_no_diversity()
    {
        using var judge = SpeechToFaceJudging.Judge(corpus, new IdentityJudgeOptions(64, Steps: 60));
        using var train = corpus.LoadSplit(FacePairSplit.Train);
        using var scorer = new SpeechToFaceScorer(judge, train.Faces, SpeechToFaceJudging.HairByLabel(corpus));

        using var heldOut = corpus.LoadSplit(FacePairSplit.UnseenUtterances);
        var real = scorer.Score(heldOut.Faces, heldOut.Labels);
        Assert.True(real[SpeechToFaceMetrics.IdentityAccuracy] >= 0.9);
        Assert.True(real[SpeechToFaceMetrics.HairAgreement] >= 0.9);
        Assert.InRange(real[SpeechToFaceMetrics.InceptionScore]!.Value, 2, 3.2); // three speakers told apart: near 3
        Assert.True(real[SpeechToFaceMetrics.Diversity] > 0, "talking frames differ");

        // The training faces against their own statistics: FID ≈ 0. One face for everyone: no diversity, IS 1.
        Assert.InRange(scorer.Score(train.Faces, train.Labels)[SpeechToFaceMetrics.Fid]!.Value, -0.01, 0.01);
        var count = heldOut.Labels.size(0);
        var same = scorer.Score(heldOut.Faces[..1].expand(count, -1, -1, -1), heldOut.Labels);
        Assert.Equal(0, same[SpeechToFaceMetrics.Diversity]!.Value, 9);
        Assert.Equal(1, same[SpeechToFaceMetrics.InceptionScore]!.Value, 6);
    }
}
