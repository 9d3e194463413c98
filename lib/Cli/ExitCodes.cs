namespace Dino.Repro.Cli;

/// <summary>The exit codes every verb uses, so scripts can tell a bad command line from a failed run.</summary>
internal static class ExitCodes
{
    /// <summary>The work was done.</summary>
    public const int Ok = 0;

    /// <summary>The work failed (a non-finite loss, an I/O or libtorch error); the message says where.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (unknown verb, experiment, preset or option; a bad value); nothing ran.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C after writing a checkpoint (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
