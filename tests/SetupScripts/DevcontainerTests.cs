using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dino.Repro.Tests.SetupScripts;

/// <summary>
/// The two devcontainers, read as VS Code and Codespaces read them: the CPU one a Codespace opens by default asks for no
/// GPU, the CUDA one does, both build environment/Dockerfile with arguments it declares, and every system package an
/// image or a machine installs comes from the one list in environment/packages.sh.
/// </summary>
public class DevcontainerTests
{
    private static readonly string Root = Dino.Repro.Tests.Torch.ErrorsAndMemoryTests.RepoRoot();

    [Theory]
    [InlineData(".devcontainer/devcontainer.json", "cpu", false)]
    [InlineData(".devcontainer/cuda/devcontainer.json", "cuda", true)]
    public void Each_devcontainer_builds_the_shared_dockerfile_for_its_backend_and_asks_for_a_gpu_only_when_cuda(
        string file,
        string backend,
        bool gpu
    )
    {
        var path = Path.Combine(Root, file);
        using var json = JsonDocument.Parse(
            File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }
        );
        var config = json.RootElement;
        var folder = Path.GetDirectoryName(path)!;
        var build = config.GetProperty("build");
        var dockerfile = Path.GetFullPath(Path.Combine(folder, build.GetProperty("dockerfile").GetString()!));
        Assert.Equal(Path.Combine(Root, "environment", "Dockerfile"), dockerfile);
        Assert.Equal(Root, Path.GetFullPath(Path.Combine(folder, build.GetProperty("context").GetString()!)).TrimEnd('/'));

        var declared = Regex.Matches(File.ReadAllText(dockerfile), @"^ARG (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        var args = build.GetProperty("args").EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString());
        Assert.All(args.Keys, name => Assert.Contains(name, declared));
        Assert.Equal(backend, args["TORCH_BACKEND"]);

        var requirements = config.GetProperty("hostRequirements");
        Assert.Equal(gpu, requirements.TryGetProperty("gpu", out var g) && g.GetBoolean());
        var runArgs = config.TryGetProperty("runArgs", out var r) ? r.EnumerateArray().Select(a => a.GetString()).ToList() : [];
        Assert.Equal(gpu, runArgs.Contains("--gpus"));
        Assert.True(requirements.TryGetProperty("cpus", out _) && requirements.TryGetProperty("storage", out _), "say what the presets need");

        // The post-create command's scripts are in the checkout.
        foreach (var script in Regex.Matches(config.GetProperty("postCreateCommand").GetString()!, @"(?:environment/\S+\.sh|\./dino)"))
            Assert.True(File.Exists(Path.Combine(Root, script.ToString()!.TrimStart('.', '/'))), $"{file}: no {script}");
    }

    [Fact]
    public void Every_apt_install_takes_its_packages_from_the_one_shared_list()
    {
        // Where packages are installed: setup.sh (a machine; the images through it) and image.sh (an image's base).
        var installs = new[] { "environment/Dockerfile", "environment/setup.sh", "environment/image.sh", "bench/run.sh" }
            .Where(f => File.Exists(Path.Combine(Root, f)))
            .SelectMany(f => File.ReadAllLines(Path.Combine(Root, f)).Where(l => Regex.IsMatch(l, @"apt-get install\s+-")).Select(l => (f, l.Trim())))
            .ToList();
        Assert.DoesNotContain(installs, i => i.f == "environment/Dockerfile");
        Assert.All(installs, i => Assert.Matches(@"""\$\{(missing|base)\[@\]\}""", i.Item2)); // arrays, never names written inline

        var setup = File.ReadAllText(Path.Combine(Root, "environment", "setup.sh"));
        var image = File.ReadAllText(Path.Combine(Root, "environment", "image.sh"));
        Assert.Contains("source \"$(dirname \"${BASH_SOURCE[0]}\")/packages.sh\"", setup);
        Assert.Contains("source \"$here/packages.sh\"", image);
        Assert.Contains("for p in \"${dino_image_packages[@]}\"", image);
        Assert.Contains("\"$here/setup.sh\" --packages-only", image);

        var lists = Lists();
        Assert.Contains("chromium", lists["dino_packages"]);
        var all = lists.Values.SelectMany(l => l).ToList();
        Assert.Equal(all.Distinct().Count(), all.Count); // each package named once
    }

    // The arrays of packages.sh as bash sees them.
    private static Dictionary<string, string[]> Lists()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            "source \"$0\"; for a in dino_packages dino_bench_packages dino_npm_packages dino_image_packages; do "
                + "declare -n list=$a; echo \"$a ${list[*]}\"; done"
        );
        start.ArgumentList.Add(Path.Combine(Root, "environment", "packages.sh"));
        using var bash = Process.Start(start)!;
        var text = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.Equal(0, bash.ExitCode);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..]);
    }
}
