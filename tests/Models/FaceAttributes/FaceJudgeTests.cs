using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Models.FaceAttributes;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Models.FaceAttributes;

public class FaceJudgeTests
{
    [Fact]
    public void It_learns_the_domains_of_real_faces_is_cached_beside_the_corpus_and_leaves_the_callers_generator_alone()
    {
        using var dir = new Fixtures.TempFolder();
        var root = Path.Combine(dir.Root, "faces");
        var corpus = TwoDomainFacesCorpus.Write(root, new TwoDomainFacesOptions(Count: 60, Width: 36, Seed: 5));
        var options = new FaceJudgeOptions(Resolution: 16, Steps: 200, BatchSize: 16);
        LabelledFaces Train() => LabelledFaces.Load(corpus, CelebAGenderSplit.Train, 16);

        manual_seed(1);
        using var before = get_rng_state();
        using var judge = FaceJudge.LoadOrTrain(root, Train, options);
        using var after = get_rng_state();
        Assert.True(after.Equals(before), "training the judge moved the caller's generator");
        Assert.False(judge.FromCache);
        Assert.Equal(dir.Root, Path.GetDirectoryName(judge.CacheFile));

        using var faces = Train();
        var (male, factors, features) = judge.Read(faces.Images);
        // The domains differ in hair, beard and lipstick: a judge that learnt anything reads its training faces right.
        using var right = male.ge(Scalars.Of(0.5)).to(ScalarType.Int64).eq(faces.Classes).to(ScalarType.Float32).mean();
        Assert.True(right.ToSingle() > 0.9, $"domain accuracy {right.ToSingle()}");
        Assert.Equal([faces.Count, 5L], factors.shape);
        Assert.Equal([faces.Count, (long)FaceAttributeNet.FeatureSize], features.shape);

        Func<LabelledFaces> again = () => throw new InvalidOperationException("trained again");
        using var cached = FaceJudge.LoadOrTrain(root, again, options);
        Assert.True(cached.FromCache);
        var (cachedMale, cachedFactors, _) = cached.Read(faces.Images);
        Assert.True(cachedMale.allclose(male, rtol: 0, atol: 0) && cachedFactors.allclose(factors, rtol: 0, atol: 0));
    }

    [Fact]
    public void On_faces_without_recorded_factors_it_learns_the_domain_alone_under_its_own_cache_name()
    {
        using var dir = new Fixtures.TempFolder();
        var root = Path.Combine(dir.Root, "faces");
        var corpus = TwoDomainFacesCorpus.Write(root, new TwoDomainFacesOptions(Count: 60, Width: 36, Seed: 5));
        var options = new FaceJudgeOptions(Resolution: 16, Steps: 200, BatchSize: 16, ReadsFactors: false);
        GenderFaces Train() => GenderFaces.Load(corpus, CelebAGenderSplit.Train, 16);

        using var judge = FaceJudge.LoadOrTrain(root, Train, options);
        Assert.False(judge.ReadsFactors);
        Assert.Contains("domain labels", judge.Description);
        Assert.NotEqual(FaceJudge.CachePathFor(root, options with { ReadsFactors = true }), judge.CacheFile);
        using var faces = Train();
        var (male, _, _) = judge.Read(faces.Images);
        using var right = male.ge(Scalars.Of(0.5)).to(ScalarType.Int64).eq(faces.Classes).to(ScalarType.Float32).mean();
        Assert.True(right.ToSingle() > 0.9, $"domain accuracy {right.ToSingle()}");

        // Each kind of training data asks for the judge it can train.
        Assert.Throws<ArgumentException>(() => FaceJudge.LoadOrTrain(root, Train, options with { ReadsFactors = true }));
        Assert.Throws<ArgumentException>(() => FaceJudge.LoadOrTrain(root, () => LabelledFaces.Load(corpus, CelebAGenderSplit.Train, 16), options));
    }
}
