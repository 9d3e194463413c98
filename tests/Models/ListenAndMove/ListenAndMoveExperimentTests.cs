using Dino.Repro.App;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Loading;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.Synthetic.SoundMotion;
using Dino.Repro.IO;
using Dino.Repro.Models.ListenAndMove;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Tests.Models.ListenAndMove;

public class ListenAndMoveExperimentTests
{
    private static ListenAndMoveExperiment Create(params string[] assignments)
    {
        var definition = BuiltInExperiments.Registry.Get(ListenAndMoveExperiment.Name);
        return (ListenAndMoveExperiment)definition.Create(definition.Resolve(Preset.Smoke, TrainingFixtures.Set(assignments)));
    }

    [Fact]
    public void A_step_scores_generated_and_frame_shuffled_clips_against_real_ones_then_trains_G_through_the_updated_critics()
    {
        using var data = new DataRootScope();
        using var experiment = Create("penalty_weight=0"); // no penalty: each critic loss is its Wasserstein term alone
        using var scope = NewDisposeScope();
        var batch = experiment.Data.Next();
        var sound = batch[SoundClipBatches.FeaturesKey];
        var real = batch[SoundClipBatches.FramesKey];
        var frames = real.size(1);
        // Copies of the three networks before the step, fed the random numbers the step draws, in its order.
        var architecture = experiment.Options.Architecture;
        var generator = new SoundToVideoGenerator(architecture);
        generator.load_state_dict(experiment.Generator.state_dict());
        var videoCritic = new SkipDiscriminator(experiment.Options.ClipLength, 16, 32, 16);
        videoCritic.load_state_dict(experiment.Networks["D_V"].state_dict());
        var imageCritic = new SkipDiscriminator(1, 16, 32, 16);
        imageCritic.load_state_dict(experiment.Networks["D_I"].state_dict());
        manual_seed(21);
        var pick = randint(0, frames, [1], dtype: ScalarType.Int64).item<long>();
        double dv,
            shuffledScore,
            di;
        Tensor fake;
        using (no_grad())
        {
            fake = generator.call(sound);
            var shuffled = real.index_select(1, randperm(frames));
            var realScore = videoCritic.call(real).mean().ToDouble();
            dv = videoCritic.call(fake).mean().ToDouble() - realScore;
            shuffledScore = videoCritic.call(shuffled).mean().ToDouble() - realScore;
            di = imageCritic.call(fake.select(1, pick)).mean().ToDouble() - imageCritic.call(real.select(1, pick)).mean().ToDouble();
        }

        manual_seed(21);
        var logged = experiment.Step(batch);
        Assert.Equal(dv, logged["D_V"], 4);
        Assert.Equal(shuffledScore, logged["D_V_shuffled"], 4);
        Assert.Equal(di, logged["D_I"], 4);
        // G's adversarial term is read through the critics as they are after their updates.
        using (no_grad())
        {
            var adversarial =
                -((SkipDiscriminator)experiment.Networks["D_V"]).call(fake).mean().ToDouble()
                - ((SkipDiscriminator)experiment.Networks["D_I"]).call(fake.select(1, pick)).mean().ToDouble();
            Assert.Equal(adversarial + 10 * logged["perceptual"], logged["G"], 3);
        }
        Assert.True(logged["perceptual"] > 0);
        Assert.False(experiment.Generator.state_dict()["toRgb.weight"].allclose(generator.state_dict()["toRgb.weight"]), "G stepped");
    }

    [Fact]
    public void On_one_short_piece_of_its_clip_g_learns_to_draw_it()
    {
        // The smoke clip's first 16 frames only: one clip of 8 a pass (the other half is the pass offset's room).
        using var data = new DataRootScope();
        using var scope = NewDisposeScope();
        var definition = BuiltInExperiments.Registry.Get(ListenAndMoveExperiment.Name);
        var options = (ListenAndMoveOptions)definition.Resolve(Preset.Smoke, TrainingFixtures.Set("learning_rate_g=0.001"));
        var folder = CorpusRegistry.SoundVideos(options.Corpus, options.CorpusSeconds);
        var clip = SoundVideoCorpus.Load(Path.Combine(folder, "melodic.mp4"), options.TrainingRead);
        var states = SoundMotionStates.Read(folder, "melodic").Frames;
        using var piece = new SoundVideoSequence(clip.Train.Frames.narrow(0, 0, 16), clip.Train.Features.narrow(0, 0, 16), options.ClipLength);
        manual_seed(4);
        using var experiment = new ListenAndMoveExperiment(options, new SoundClipData(new SoundClipBatches(piece, seed: 4), clip, states));
        var perceptual = Enumerable.Range(0, 40).Select(_ => experiment.Step(experiment.Data.Next())["perceptual"]).ToList();
        // The median of the last steps: a pass offset the generator has not met yet can spike one step.
        var (first, last) = (perceptual.Take(10).Average(), perceptual.TakeLast(10).Order().ElementAt(5));
        Assert.True(
            last < 0.2 * first,
            $"perceptual distance to the piece: {first:0.0000} in the first 10 steps, median {last:0.0000} in the last 10"
        );
    }

    [Fact]
    public void Training_stopped_mid_pass_resumes_bit_identically_carried_states_and_the_next_pass_included()
    {
        using var data = new DataRootScope();
        using var temp = new Fixtures.TempFolder();
        // Smoke: 128 training frames make 15 clips of 8 per pass; 20 steps cross into the second pass (a new offset, states reset).
        var (_, losses) = TrainingFixtures.AssertStopAndResumeMatch(
            BuiltInExperiments.Registry,
            temp.Root,
            ListenAndMoveExperiment.Name,
            TrainingFixtures.Set("steps=20", "log_every=1", "checkpoint_every=5"),
            stopAfter: 7,
            comparedAfter: 5
        );
        Assert.Equal(20, losses.Count);
    }

    [Fact]
    public void The_clips_come_in_order_each_pass_from_its_own_offset_the_first_one_marked()
    {
        using var scope = NewDisposeScope();
        // Frame k shows grey level k, its descriptor is k: a clip's first descriptor tells where it starts.
        var frames = arange(Scalars.Of(40), dtype: ScalarType.Byte).view(40, 1, 1, 1).expand(40, 2, 2, 3).contiguous();
        var features = arange(Scalars.Of(40), dtype: ScalarType.Float32).view(40, 1).expand(40, 3).contiguous();
        using var sequence = new SoundVideoSequence(frames, features, clipLength: 8); // 40 / 8 − 1 = 4 clips a pass
        var batches = new SoundClipBatches(sequence, seed: 5);
        var starts = new List<(float Start, float First)>();
        for (var i = 0; i < 12; i++)
        {
            var batch = batches.Next();
            starts.Add((batch[SoundClipBatches.FeaturesKey][0, 0, 0].item<float>(), batch[SoundClipBatches.FirstOfPassKey].item<float>()));
        }
        Assert.Equal([0f, 8, 16, 24], starts.Take(4).Select(s => s.Start));
        Assert.Equal([1f, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], starts.Select(s => s.First));
        var offset = sequence.PassOffset(5, 1);
        Assert.Equal(new float[] { offset, offset + 8, offset + 16, offset + 24 }, starts.Skip(4).Take(4).Select(s => s.Start));
        // The position is the whole state: a second source put there continues the same order.
        var again = new SoundClipBatches(sequence, seed: 5) { Position = new DataPosition(1, 2, 5) };
        Assert.Equal(offset + 16, again.Next()[SoundClipBatches.FeaturesKey][0, 0, 0].item<float>());
    }

    [Fact]
    public void The_perceptual_stand_in_reads_the_recorded_states_from_frames_it_was_not_trained_on()
    {
        using var data = new DataRootScope();
        using var experiment = Create();
        using var scope = NewDisposeScope();
        var folder = CorpusRegistry.SoundVideos("sound-motion", 8);
        using var clip = SoundVideoCorpus.Load(Path.Combine(folder, "melodic.mp4"), new SoundVideoOptions(Size: 16, ClipLength: 8));
        var states = SoundMotionStates.Read(folder, "melodic").Frames;
        var cached = Directory.GetFiles(Path.Combine(data.Path, "cache", "listen-and-move"));
        var net = new FrameFeatureNet(2);
        net.LoadSafeTensors(Assert.Single(cached));
        var held = clip.Validation.Frames.permute(0, 3, 1, 2).to(ScalarType.Float32).div(Scalars.Of(255));
        var read = net.ReadStates(held).select(1, 0).to(ScalarType.Float64).data<double>().ToList();
        var truth = states.Skip((int)clip.Train.Length).Take(read.Count).Select(s => s[0]).ToList();
        Assert.True(
            Dino.Repro.Tests.Data.Correlation.Pearson(read, truth) > 0.8,
            $"height read from held-out frames: r = {Dino.Repro.Tests.Data.Correlation.Pearson(read, truth):0.00}"
        );
    }

    [Fact]
    public void Non_finite_gradients_are_zeroed_and_bad_settings_are_refused_by_name()
    {
        using var p = new Parameter(zeros(3));
        p.grad = tensor(new[] { 1f, float.NaN, float.PositiveInfinity });
        FiniteGradients.ZeroNonFinite([p]);
        Assert.Equal([1f, 0, 0], p.grad!.data<float>().ToArray());

        var definition = BuiltInExperiments.Registry.Get(ListenAndMoveExperiment.Name);
        var problem = Assert.ThrowsAny<Exception>(() => definition.Resolve(Preset.Smoke, TrainingFixtures.Set("batch_size=2")));
        Assert.Contains("batch_size must be 1", problem.Message);
        problem = Assert.ThrowsAny<Exception>(() => definition.Resolve(Preset.Smoke, TrainingFixtures.Set("clip_length=7")));
        Assert.Contains("clip_length must be even", problem.Message);
        using var data = new DataRootScope();
        var missing = Assert.Throws<UsageException>(() => Create("clip=violin"));
        Assert.Contains("melodic", missing.Message);
    }
}
