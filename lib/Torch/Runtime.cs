namespace Dino.Repro.Torch;

/// <summary>
/// Process-wide engine settings: the native environment (<see cref="NativeEnvironment"/>) and the intra-op thread count,
/// set explicitly so runs are comparable: <c>DINO_NUM_THREADS</c> if set, otherwise every core.
/// </summary>
public static class Runtime
{
    private static int configured;

    public static void Configure(int? threads = null)
    {
        NativeEnvironment.Apply();
        if (threads is null && Interlocked.Exchange(ref configured, 1) == 1)
            return;
        var n = threads ?? ThreadsFromEnvironment() ?? Environment.ProcessorCount;
        // TorchSharp 0.107's set_num_threads does not catch libtorch's check: 0 would abort the process.
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(threads));
        torch.set_num_threads(n);
    }

    private static int? ThreadsFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("DINO_NUM_THREADS");
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (int.TryParse(text, out var n) && n >= 1)
            return n;
        throw new ArgumentException($"DINO_NUM_THREADS must be a positive integer, got '{text}'");
    }
}
