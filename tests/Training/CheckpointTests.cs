using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class CheckpointTests
{
    [Fact]
    public void A_serializer_failing_mid_write_leaves_the_previous_checkpoint_intact()
    {
        using var temp = new Fixtures.TempFolder();
        var options = BalanceTestExperiment.Definition.Resolve(Preset.Smoke);
        using var experiment = BalanceTestExperiment.Definition.Create(options);
        var path = temp.File("latest.safetensors");
        Checkpoint.Save(experiment, new CheckpointInfo("balance-test", 10, 1.5), path);
        var before = File.ReadAllBytes(path);

        // The failing serializer writes half of a real checkpoint, then dies (a full disk, a crash).
        TensorFileWriter failing = (tensors, metadata, target) =>
        {
            Checkpoint.SafeTensorsWriter(tensors, metadata, target);
            var bytes = File.ReadAllBytes(target);
            File.WriteAllBytes(target, bytes[..(bytes.Length / 2)]);
            throw new IOException("disk full (simulated)");
        };
        var e = Assert.Throws<IOException>(() => Checkpoint.Save(experiment, new CheckpointInfo("balance-test", 20, 3.0), path, failing));
        Assert.Contains("simulated", e.Message);

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(10, Checkpoint.Load(experiment, path).Step);
        Assert.Equal(new[] { "latest.safetensors" }, Directory.GetFiles(temp.Root).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void A_failed_checkpoint_during_training_stops_the_run_and_resume_uses_the_previous_one()
    {
        using var temp = new Fixtures.TempFolder();
        var calls = 0;
        TensorFileWriter failsSecondTime = (tensors, metadata, target) =>
        {
            if (++calls == 2)
                throw new IOException("disk full (simulated)");
            Checkpoint.SafeTensorsWriter(tensors, metadata, target);
        };
        var trainer = TrainingFixtures.Trainer(temp.Root, writer: failsSecondTime);
        Assert.Throws<IOException>(() => trainer.Train("balance-test", Preset.Smoke));
        var run = Directory.GetDirectories(temp.Root).Single();
        var store = new CheckpointStore(Path.Combine(run, "checkpoints"), 3);
        Assert.Equal(new long[] { 10 }, store.List().Select(c => c.step));
        Assert.DoesNotContain(Directory.GetFiles(store.Folder), f => AtomicFile.IsTemporary(Path.GetFileName(f)));

        var resumed = TrainingFixtures.Trainer(temp.Root).Resume(run);
        Assert.True(resumed.Completed);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), TrainingFixtures.LossesByStep(run).Keys);
    }

    [Fact]
    public void Load_restores_controller_rng_data_position_optimiser_and_scheduler_exactly()
    {
        using var temp = new Fixtures.TempFolder();
        var definition = BalanceTestExperiment.Definition;
        var options = definition.Resolve(Preset.Smoke);
        var path = temp.File("c.safetensors");
        double k;
        DataPosition position;
        double lr;
        byte[] rng;
        using (var a = definition.Create(options))
        {
            for (var i = 0; i < 13; i++)
            {
                using var scope = torch.NewDisposeScope();
                a.Step(a.Data.Next());
            }
            Checkpoint.Save(a, new CheckpointInfo("balance-test", 13, 0), path);
            (k, position, lr) = (a.Controller["k"], a.Data.Position, a.Optimizers["fit"].ParamGroups.First().LearningRate);
            using var state = torch.get_rng_state();
            rng = state.ToArray<byte>();
        }
        Assert.NotEqual(0.0, k);

        torch.manual_seed(999); // disturb the default generator
        using var b = definition.Create(options);
        var info = Checkpoint.Load(b, path);
        Assert.Equal(13, info.Step);
        Assert.Equal(k, b.Controller["k"]);
        Assert.Equal(position, b.Data.Position);
        Assert.Equal(lr, b.Optimizers["fit"].ParamGroups.First().LearningRate);
        Assert.Equal(13, b.Schedulers["fit"].LastEpoch);
        using var restored = torch.get_rng_state();
        Assert.Equal(rng, restored.ToArray<byte>());
    }

    [Fact]
    public void Loading_a_checkpoint_of_another_shape_names_the_problem()
    {
        using var temp = new Fixtures.TempFolder();
        var path = temp.File("c.safetensors");
        using (var small = ToyGanDefinition().Create(ToyGanDefinition().Resolve(Preset.Smoke)))
            Checkpoint.Save(small, new CheckpointInfo("toy-gan", 1, 0), path);
        using var wide = ToyGanDefinition().Create(ToyGanDefinition().Resolve(Preset.Smoke, TrainingFixtures.Set("width=4")));
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(wide, path));
        Assert.Contains("shape mismatch", e.Message);
    }

    private static IExperimentDefinition ToyGanDefinition() => Dino.Repro.Models.ToyGan.ToyGanExperiment.Definition;
}
