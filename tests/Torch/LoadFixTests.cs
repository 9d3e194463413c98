using System.Diagnostics;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.LoadFix;

namespace Dino.Repro.Tests.Torch;

/// <summary>The Debian 12 load fix: TorchSharp's native library's unused GLIBCXX_3.4.32 requirement marked weak in output copies only.</summary>
public class LoadFixTests
{
    private const string Library = "libLibTorchSharp.so";
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void The_output_copy_is_weakened_and_torch_runs_from_it()
    {
        var output = Path.Combine(AppContext.BaseDirectory, Library);
        Assert.True(File.Exists(output), $"{output} is missing: the build should put TorchSharp's natives beside the assemblies");
        Assert.True(WeakVersionRequirement.IsWeak(output, Version));
        using var t = torch.ones(3);
        Assert.Equal(3.0, t.sum().ToSingle());
    }

    [Fact]
    public void The_package_cache_copy_is_never_written()
    {
        var cached = CachedLibrary();
        if (cached is null)
            return; // restored elsewhere (a custom NUGET_PACKAGES without the package): nothing to check
        Assert.False(WeakVersionRequirement.IsWeak(cached, Version));
    }

    [Fact]
    public void Weakening_the_real_library_changes_one_bit_once_and_makes_it_loadable()
    {
        var cached = CachedLibrary();
        if (cached is null)
            return;
        using var temp = new Fixtures.TempFolder();
        var copy = temp.File(Library);
        File.Copy(cached, copy);
        var original = File.ReadAllBytes(copy);

        Assert.Equal(WeakenOutcome.Weakened, WeakVersionRequirement.Weaken(copy, Version));
        var patched = File.ReadAllBytes(copy);
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Single(differing);
        Assert.Equal(0x02, original[differing[0]] ^ patched[differing[0]]);

        Assert.Equal(WeakenOutcome.AlreadyWeak, WeakVersionRequirement.Weaken(copy, Version));
        Assert.Equal(patched, File.ReadAllBytes(copy));

        // glibc's own verdict (ld.so --list resolves and version-checks without running anything), with the
        // output folder's libtorch on the search path. Only meaningful where libstdc++ lacks 3.4.32 (Debian 12).
        if (!SystemLibstdcxxLacks(Version))
            return;
        var unpatched = temp.File("unpatched/" + Library);
        Directory.CreateDirectory(Path.GetDirectoryName(unpatched)!);
        File.Copy(cached, unpatched);
        var strict = new System.Text.RegularExpressions.Regex(
            $@"(?<!weak )version `{System.Text.RegularExpressions.Regex.Escape(Version)}' not found"
        );
        Assert.Matches(strict, ListDependencies(unpatched));
        var weakened = ListDependencies(copy);
        Assert.DoesNotMatch(strict, weakened); // glibc only notes the weak version as missing
        Assert.Contains($"weak version `{Version}' not found", weakened);
    }

    [Fact]
    public void A_requirement_that_a_relocation_uses_is_refused_and_left_alone()
    {
        using var temp = new Fixtures.TempFolder();
        var path = temp.File("used.so");
        var image = SyntheticElf.Build(relocatedSymbol: 1);
        File.WriteAllBytes(path, image);
        var e = Assert.Throws<InvalidDataException>(() => WeakVersionRequirement.Weaken(path, Version));
        Assert.Contains(SyntheticElf.IosInit, e.Message);
        Assert.Equal(image, File.ReadAllBytes(path));
    }

    [Fact]
    public void An_unused_requirement_in_a_synthetic_library_is_weakened_once()
    {
        using var temp = new Fixtures.TempFolder();
        var path = temp.File("unused.so");
        File.WriteAllBytes(path, SyntheticElf.Build(relocatedSymbol: 2));
        Assert.False(WeakVersionRequirement.IsWeak(path, Version));
        Assert.Equal(WeakenOutcome.Weakened, WeakVersionRequirement.Weaken(path, Version));
        Assert.True(WeakVersionRequirement.IsWeak(path, Version));
        Assert.False(WeakVersionRequirement.IsWeak(path, "GLIBCXX_3.4")); // its neighbour is untouched
        var once = File.ReadAllBytes(path);
        Assert.Equal(WeakenOutcome.AlreadyWeak, WeakVersionRequirement.Weaken(path, Version));
        Assert.Equal(once, File.ReadAllBytes(path));
        Assert.Equal(File.ReadAllBytes(path), SyntheticElf.Build(relocatedSymbol: 2, weak: true));
    }

    [Fact]
    public void Files_without_the_requirement_or_not_elf_are_told_apart()
    {
        using var temp = new Fixtures.TempFolder();
        var path = temp.File("lib.so");
        File.WriteAllBytes(path, SyntheticElf.Build(relocatedSymbol: 2));
        Assert.Equal(WeakenOutcome.NotRequired, WeakVersionRequirement.Weaken(path, "GLIBCXX_9.9"));
        var text = temp.File("not-elf.so");
        File.WriteAllText(text, "just text, long enough to hold an ELF header's 64 bytes ....................");
        Assert.Throws<InvalidDataException>(() => WeakVersionRequirement.Weaken(text, Version));
        var truncated = temp.File("truncated.so");
        File.WriteAllBytes(truncated, SyntheticElf.Build(relocatedSymbol: 2)[..100]);
        Assert.Throws<InvalidDataException>(() => WeakVersionRequirement.Weaken(truncated, Version));
    }

    private static string? CachedLibrary()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var version = typeof(torch).Assembly.GetName().Version!;
        var path = Path.Combine(root, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}", "runtimes", "linux-x64", "native", Library);
        return File.Exists(path) ? path : null;
    }

    private static bool SystemLibstdcxxLacks(string version)
    {
        var libstdcxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        if (!File.Exists(libstdcxx))
            return false;
        var text = System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(libstdcxx));
        return !text.Contains(version + "\0", StringComparison.Ordinal);
    }

    private static string ListDependencies(string library)
    {
        var start = new ProcessStartInfo("/lib64/ld-linux-x86-64.so.2") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--list");
        start.ArgumentList.Add(library);
        start.Environment["LD_LIBRARY_PATH"] = AppContext.BaseDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Result + error;
    }
}
