using Dino.Repro.Torch;

namespace Dino.Repro.Models.Common;

/// <summary>
/// Work that draws from torch's default generator with a seed of its own (an evaluator's initialisation and training),
/// after which the caller's generator state is put back, even when the work throws: making an evaluator never shifts a
/// training run's random numbers.
/// </summary>
public static class SeededDefaultGenerator
{
    public static T Run<T>(long seed, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var saved = torch.get_rng_state();
        try
        {
            torch.manual_seed(seed);
            return work();
        }
        finally
        {
            GuardedOps.SetRngState(saved);
        }
    }

    public static void Run(long seed, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Run(seed, () =>
        {
            work();
            return 0;
        });
    }
}
