namespace Dino.Repro.Torch;

/// <summary>
/// Process-wide engine settings. libtorch on Debian defaults to one intra-op thread; the kit sets the count
/// explicitly: <c>DINO_NUM_THREADS</c> if set, otherwise every core.
/// </summary>
public static class Runtime
{
    private static int configured;

    public static void Configure(int? threads = null)
    {
        if (threads is null && Interlocked.Exchange(ref configured, 1) == 1) return;
        var n = threads ?? ThreadsFromEnvironment() ?? Environment.ProcessorCount;
        torch.set_num_threads(n);
    }

    private static int? ThreadsFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("DINO_NUM_THREADS");
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, out var n) && n >= 1) return n;
        throw new ArgumentException($"DINO_NUM_THREADS must be a positive integer, got '{text}'");
    }
}
