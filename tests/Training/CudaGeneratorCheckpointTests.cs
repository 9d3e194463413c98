using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class CudaGeneratorCheckpointTests
{
    [CudaFact]
    public void A_checkpoint_restores_the_cuda_generator_so_random_draws_on_the_gpu_repeat()
    {
        using var temp = new Fixtures.TempFolder();
        var definition = BalanceTestExperiment.Definition;
        using var experiment = definition.Create(definition.Resolve("smoke"));
        using (torch.NewDisposeScope()) torch.randn(new long[] { 100 }, device: Device.CUDA);  // move the CUDA generator off its seed
        var path = temp.File("step.safetensors");
        Checkpoint.Save(experiment, new CheckpointInfo(definition.Name, 1, 0), path);
        Assert.Contains(SafeTensors.read_header(path).tensors, t => t.name == Checkpoint.CudaRngKey(0));

        using var first = torch.randn(new long[] { 1000 }, device: Device.CUDA).cpu();
        Checkpoint.Load(experiment, path);
        using var again = torch.randn(new long[] { 1000 }, device: Device.CUDA).cpu();
        Assert.True(first.equal(again), "the draws after restoring differ from those after saving");
        using var onward = torch.randn(new long[] { 1000 }, device: Device.CUDA).cpu();
        Assert.False(first.equal(onward));
    }

    [CudaFact]
    public void The_cuda_generator_state_round_trips_through_get_and_set()
    {
        using var state = torch.cuda.get_rng_state();
        using var a = torch.randn(new long[] { 64 }, device: Device.CUDA).cpu();
        torch.cuda.set_rng_state(state);
        using var b = torch.randn(new long[] { 64 }, device: Device.CUDA).cpu();
        Assert.True(a.equal(b));
    }

    [Fact]
    public void A_checkpoint_holds_one_cuda_generator_state_per_visible_gpu_and_none_without_cuda()
    {
        using var temp = new Fixtures.TempFolder();
        var definition = BalanceTestExperiment.Definition;
        using var experiment = definition.Create(definition.Resolve("smoke"));
        var path = temp.File("step.safetensors");
        Checkpoint.Save(experiment, new CheckpointInfo(definition.Name, 1, 0), path);
        var gpus = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        Assert.Equal(Enumerable.Range(0, gpus).Select(Checkpoint.CudaRngKey),
            SafeTensors.read_header(path).tensors.Select(t => t.name).Where(n => n.StartsWith("rng.cuda.", StringComparison.Ordinal)));
        if (gpus == 0) Assert.Contains("CUDA is not available", Assert.Throws<TorchException>(() => torch.cuda.get_rng_state()).Message);
    }
}
