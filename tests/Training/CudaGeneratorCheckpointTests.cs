using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

/// <summary>
/// TorchSharp cannot read or set the CUDA default generator's state, so a checkpoint reseeds it from the step on save
/// and on load: a resumed run and an uninterrupted one draw the same CUDA numbers after the checkpoint.
/// </summary>
public class CudaGeneratorCheckpointTests
{
    [CudaFact]
    public void Saving_and_loading_leave_the_cuda_generator_at_the_same_seed()
    {
        using var temp = new Fixtures.TempFolder();
        var definition = BalanceTestExperiment.Definition;
        using var experiment = definition.Create(definition.Resolve(Preset.Smoke));
        using (torch.NewDisposeScope())
            torch.randn(new long[] { 100 }, device: torch.CUDA); // move the CUDA generator off its seed
        var path = temp.File("step.safetensors");
        Checkpoint.Save(experiment, new CheckpointInfo(definition.Name, 7, 0), path);
        using var afterSave = torch.randn(new long[] { 1000 }, device: torch.CUDA).cpu();

        using (torch.NewDisposeScope())
            torch.randn(new long[] { 100 }, device: torch.CUDA);
        Checkpoint.Load(experiment, path);
        using var afterLoad = torch.randn(new long[] { 1000 }, device: torch.CUDA).cpu();
        Assert.True(afterSave.Equals(afterLoad), "the draws after loading differ from those after saving");

        torch.cuda.manual_seed_all(Checkpoint.CudaSeedAfter(7));
        using var seeded = torch.randn(new long[] { 1000 }, device: torch.CUDA).cpu();
        Assert.True(afterSave.Equals(seeded));
    }

    [Fact]
    public void Each_step_gets_its_own_cuda_seed_and_the_checkpoint_holds_no_cuda_state()
    {
        var seeds = Enumerable.Range(0, 1000).Select(step => Checkpoint.CudaSeedAfter(step)).ToList();
        Assert.Equal(seeds.Count, seeds.Distinct().Count());
        Assert.Equal(Checkpoint.CudaSeedAfter(12), Checkpoint.CudaSeedAfter(12));

        using var temp = new Fixtures.TempFolder();
        var definition = BalanceTestExperiment.Definition;
        using var experiment = definition.Create(definition.Resolve(Preset.Smoke));
        var path = temp.File("step.safetensors");
        Checkpoint.Save(experiment, new CheckpointInfo(definition.Name, 1, 0), path);
        Assert.DoesNotContain(SafeTensors.ReadHeader(path).Tensors, t => t.Name.StartsWith("rng.cuda", StringComparison.Ordinal));
    }
}
