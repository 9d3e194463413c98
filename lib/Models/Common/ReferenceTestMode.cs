namespace Dino.Repro.Models.Common;

/// <summary>
/// pix2pix's and BicycleGAN's test.py as their authors run it (without --eval): the generator in train mode, so dropout
/// stays on and batch norm normalises with each image's own statistics (test batch size 1) — the convention the DINO
/// paper's baseline numbers most likely follow. Unlike that script, the networks come back unchanged: batch norm's
/// running statistics are restored, and dropout draws from a private stream, not from the training run's generator.
/// </summary>
public sealed class ReferenceTestMode : IDisposable
{
    private Tensor dropoutState;

    /// <param name="seed">Seeds the private dropout stream: the same seed gives the same masks, run after run.</param>
    public ReferenceTestMode(long seed)
    {
        // A CPU generator's state from a generator of its own: torch.manual_seed would also reseed the CUDA generators.
        // The state lives as long as this object, not as long as the dispose scope it happens to be made or run in.
        using var seeded = new Generator(unchecked((ulong)seed));
        dropoutState = seeded.get_state().DetachFromDisposeScope();
    }

    /// <summary>
    /// <paramref name="translate"/>(image, its index) applied to each image of <paramref name="images"/> [N, …] alone,
    /// with <paramref name="network"/> in train mode; the results stacked [N, …]. No gradients are kept.
    /// </summary>
    public Tensor Run(nn.Module network, Tensor images, Func<Tensor, long, Tensor> translate)
    {
        using var _ = torch.no_grad();
        var buffers = network.named_buffers().Select(b => (b.buffer, saved: b.buffer.clone())).ToList();
        using var caller = torch.get_rng_state();
        GuardedOps.SetRngState(dropoutState);
        network.train();
        try
        {
            using var scope = torch.NewDisposeScope();
            var each = Enumerable.Range(0, (int)images.size(0)).Select(i => translate(images.narrow(0, i, 1), i)).ToArray();
            return torch.cat(each, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            dropoutState.Dispose();
            dropoutState = torch.get_rng_state().DetachFromDisposeScope();
            GuardedOps.SetRngState(caller);
            foreach (var (buffer, saved) in buffers)
            {
                buffer.copy_(saved);
                saved.Dispose();
            }
        }
    }

    public void Dispose() => dropoutState.Dispose();
}
