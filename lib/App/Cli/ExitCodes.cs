namespace Dino.Repro.App.Cli;

/// <summary>The exit codes every verb uses, so scripts can tell a bad command line from a failed run.</summary>
internal static class ExitCodes
{
    /// <summary>The work was done.</summary>
    public const int Ok = 0;

    /// <summary>The work failed (a non-finite loss, an I/O or libtorch error); the message says where.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (unknown verb, experiment, preset or option; a bad value); nothing ran.</summary>
    public const int Usage = 2;

    /// <summary>`dino corpus prepare`: the download failed (offline, host unreachable, HTTP error); the data-scripts' code 3.</summary>
    public const int Offline = 3;

    /// <summary>`dino corpus prepare`: a file failed its checksum or file count; the data-scripts' code 4.</summary>
    public const int Checksum = 4;

    /// <summary>`dino corpus prepare`: the licence needs a manual download first; the data-scripts' code 5.</summary>
    public const int ManualStep = 5;

    /// <summary>Interrupted with Ctrl+C after writing a checkpoint (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (`timeout`, `docker stop`, a scheduler) after writing a checkpoint (128 + SIGTERM).</summary>
    public const int Terminated = 143;
}
