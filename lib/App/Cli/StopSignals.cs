using System.Runtime.InteropServices;

namespace Dino.Repro.App.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM — what `timeout`, `docker stop` and cluster schedulers send — into a stop after the
/// current step, so the run writes a checkpoint and says how to resume instead of dying mid-write. A second signal
/// is left to the runtime's default (the process ends at once, as a user pressing Ctrl+C twice expects).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration[] registrations;
    private int received;

    public StopSignals()
    {
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => stop.Token;

    /// <summary>The first signal that asked the run to stop, or null.</summary>
    public PosixSignal? Received => received == 0 ? null : (PosixSignal)received;

    /// <summary>128 + the signal's number, as shells report a process a signal stopped (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => Received == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <summary>"SIGINT" or "SIGTERM", for the message that says the run stopped.</summary>
    public string Name => Received == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT (Ctrl+C)";

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref received, (int)context.Signal, 0) != 0)
            return; // the second signal: let it end the process
        context.Cancel = true;
        // Said at once: between training steps (scoring, writing a report) the stop is only noticed at the next step.
        Console.Error.WriteLine($"dino: {Name} received: stopping after the current training step (a second one ends the process now)");
        stop.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
            registration.Dispose();
        stop.Dispose();
    }
}
