using System.Diagnostics;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.SetupScripts;

/// <summary>
/// What environment/setup.sh and the ./dino launcher print while they work, run against fake apt, dpkg and dotnet
/// commands: a first-time user sees what is happening, and a tool's own output only when it failed.
/// </summary>
public class SetupScriptsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Setup_names_each_package_as_apt_sets_it_up_and_shows_apts_output_only_when_it_fails(int aptExit)
    {
        using var kit = new FakeKit();
        kit.Tool("id", "echo 0");
        kit.Tool("dpkg-query", "exit 1"); // nothing installed yet
        kit.Tool("npm", "exit 0");
        kit.Tool("dotnet", "echo 10.0.100");
        kit.Tool(
            "apt-get",
            $"""
            [ "$1" = update ] && exit 0
            echo "Reading package lists..."
            echo "Setting up ffmpeg (7:5.1.6-0+deb12u1) ..."
            echo "Setting up sox (14.4.2+git20190427-3.5) ..."
            [ {aptExit} = 0 ] || echo "E: Sub-process /usr/bin/dpkg returned an error code (1)"
            exit {aptExit}
            """
        );
        var (code, stdout, stderr) = kit.Run("environment/setup.sh");

        Assert.Contains("setup: installing ", stdout);
        Assert.Contains("setup:   set up ffmpeg", stdout);
        Assert.Contains("setup:   set up sox", stdout);
        if (aptExit == 0)
        {
            Assert.True(code == 0, stderr);
            Assert.DoesNotContain("Reading package lists", stdout + stderr);
            Assert.Contains("setup: ready", stdout);
        }
        else
        {
            Assert.Equal(1, code);
            Assert.Contains("E: Sub-process /usr/bin/dpkg returned an error code (1)", stderr);
            Assert.Contains("setup: apt-get install failed", stderr);
        }
    }

    [Fact]
    public void The_launcher_says_it_is_building_hides_a_good_builds_output_and_shows_a_failed_one()
    {
        using var kit = new FakeKit();
        kit.Source("Dino.Repro.csproj", "<Project />");
        kit.Source("lib/A.cs", "class A {}");
        kit.Tool(
            "dotnet",
            """
            if [ "$1" = build ]; then
                echo "  Determining projects to restore..."
                if [ -n "${FAKE_BUILD_ERROR:-}" ]; then echo "lib/A.cs(1,1): error CS1002: ; expected"; exit 1; fi
                mkdir -p "$(dirname "$2")/bin/Release/net10.0" && touch "$(dirname "$2")/bin/Release/net10.0/dino.dll"
                exit 0
            fi
            echo "ran $2"
            """
        );
        var (code, stdout, stderr) = kit.Run("dino", "--help");
        Assert.True(code == 0, stderr);
        Assert.Equal("ran --help\n", stdout);
        Assert.Contains("dino: building the kit", stderr);
        Assert.DoesNotContain("Determining projects", stdout + stderr);

        (code, _, stderr) = kit.Run("dino", "--help"); // nothing changed: no build
        Assert.Equal(0, code);
        Assert.DoesNotContain("building", stderr);

        Thread.Sleep(1100); // a source newer than the assembly, at the file system's time resolution
        kit.Source("lib/A.cs", "class A { int }");
        (code, stdout, stderr) = kit.RunWith("dino", ["--help"], ("FAKE_BUILD_ERROR", "1"));
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("error CS1002: ; expected", stderr);
        Assert.Contains("dino: the build failed", stderr);
    }

    /// <summary>A copy of the kit's scripts in a temp folder, with fake commands first on PATH.</summary>
    private sealed class FakeKit : IDisposable
    {
        private readonly Fixtures.TempFolder folder = new();

        public FakeKit()
        {
            var root = KitRoot();
            Directory.CreateDirectory(Bin);
            Directory.CreateDirectory(Path.Combine(folder.Root, "environment"));
            File.Copy(Path.Combine(root, "dino"), Path.Combine(folder.Root, "dino"));
            foreach (var script in new[] { "setup.sh", "packages.sh" })
                File.Copy(Path.Combine(root, "environment", script), Path.Combine(folder.Root, "environment", script));
        }

        private string Bin => Path.Combine(folder.Root, "fakebin");

        public void Tool(string name, string body) => Write(Path.Combine(Bin, name), "#!/usr/bin/env bash\n" + body + "\n");

        public void Source(string relative, string text)
        {
            var path = Path.Combine(folder.Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        public (int code, string stdout, string stderr) Run(string script, params string[] args) => RunWith(script, args);

        public (int code, string stdout, string stderr) RunWith(string script, string[] args, params (string name, string value)[] env)
        {
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder.Root,
            };
            start.ArgumentList.Add(Path.Combine(folder.Root, script));
            foreach (var a in args)
                start.ArgumentList.Add(a);
            start.Environment["PATH"] = $"{Bin}:/usr/bin:/bin";
            foreach (var (name, value) in env)
                start.Environment[name] = value;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
        }

        private static void Write(string path, string text)
        {
            File.WriteAllText(path, text);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        private static string KitRoot() => Dino.Repro.Tests.Torch.ErrorsAndMemoryTests.RepoRoot();

        public void Dispose() => folder.Dispose();
    }
}
