using System.Diagnostics;
using System.Security.Cryptography;

namespace Dino.Repro.Tests.DataScripts;

/// <summary>Runs a data-scripts/*.sh as a process, with its own environment (data root, pin folder, overrides).</summary>
internal static class ScriptRunner
{
    public static readonly string[] Corpora =
    [
        "celebamask-hq",
        "cityscapes",
        "grid",
        "cub-200",
        "oxford-102",
        "youtubers",
        "sound-video",
        "celeba",
        "evaluators",
        "fsd50k",
    ];

    public static string ScriptsDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data-scripts");
            if (File.Exists(Path.Combine(candidate, "lib.sh")))
                return candidate;
        }
        throw new DirectoryNotFoundException("data-scripts/ not found above " + AppContext.BaseDirectory);
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public string All => Stdout + Stderr;
    }

    public static Result Run(string script, IDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(ScriptsDir(), script + ".sh"));
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // Never touch the repository's own data root or pin folder from a test.
        psi.Environment["DINO_DATA"] = Path.Combine(Path.GetTempPath(), "dino-unused-data-root");
        psi.Environment["DINO_PIN_DIR"] = Path.Combine(Path.GetTempPath(), "dino-unused-pins");
        if (env is not null)
            foreach (var (k, v) in env)
                psi.Environment[k] = v;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script}.sh {string.Join(' ', args)} ran for more than 60 s");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
