using System.Formats.Tar;
using System.IO.Compression;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.DataScripts;

/// <summary>The data-scripts as a user runs them: help, dry run, offline failure, checksum checks, idempotent reruns.</summary>
public class DataScriptsTests
{
    public static TheoryData<string> Corpora() => new(ScriptRunner.Corpora);

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Help_exits_0_and_documents_the_exit_codes_and_the_override(string corpus)
    {
        var r = ScriptRunner.Run(corpus, null, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"usage: data-scripts/{corpus}.sh", r.Stdout);
        Assert.Contains("--dry-run", r.Stdout);
        Assert.Contains("DINO_CHECKSUM_OVERRIDE_", r.Stdout);
        Assert.Contains("3 network", r.Stdout);
    }

    [Theory]
    [InlineData("cub-200", "https://data.caltech.edu/records/65de6-vp158/files/CUB_200_2011.tgz")]
    [InlineData("oxford-102", "https://www.robots.ox.ac.uk/~vgg/data/flowers/102/102flowers.tgz")]
    [InlineData("grid", "http://spandh.dcs.shef.ac.uk/gridcorpus/s1/video/s1.mpg_vcd.zip")]
    [InlineData("evaluators", "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metrics/inception-2015-12-05.pt")]
    [InlineData("cityscapes", "https://www.cityscapes-dataset.com/downloads/")]
    [InlineData("celeba", "https://mmlab.ie.cuhk.edu.hk/projects/CelebA.html")]
    [InlineData("celebamask-hq", "https://github.com/switchablenorms/CelebAMask-HQ")]
    [InlineData("youtubers", "https://github.com/imatge-upc/wav2pix")]
    [InlineData("sound-video", "https://www.youtube.com/watch?v=zah9B0toTBQ")]
    [InlineData("fsd50k", "https://zenodo.org/records/4060432/files/FSD50K.dev_audio.z01")]
    public void Dry_run_names_its_sources_and_the_target_folder_without_writing(string corpus, string source)
    {
        using var root = new Fixtures.TempFolder();
        var r = ScriptRunner.Run(corpus, new Dictionary<string, string> { ["DINO_DATA"] = root.Root }, "--dry-run");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(source, r.Stdout);
        var target = corpus == "evaluators" ? Path.Combine(root.Root, "evaluators") : Path.Combine(root.Root, corpus, "raw");
        Assert.Contains("target folder: " + target, r.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Root));
    }

    [Theory]
    [InlineData("cityscapes", "gtFine_trainvaltest.zip")]
    [InlineData("celeba", "img_align_celeba.zip")]
    [InlineData("celebamask-hq", "CelebAMask-HQ.zip")]
    [InlineData("cub-200", "cvpr2016_cub.tar.gz")]
    public void Dry_run_marks_licensed_files_as_manual_with_where_to_put_them(string corpus, string file)
    {
        using var root = new Fixtures.TempFolder();
        var r = ScriptRunner.Run(corpus, new Dictionary<string, string> { ["DINO_DATA"] = root.Root }, "--dry-run");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"[manual]   {file} -> put it at {Path.Combine(root.Root, corpus, "downloads")}/{file}", r.Stdout);
    }

    [Theory]
    [InlineData("cub-200", "https://data.caltech.edu/records/65de6-vp158/files/CUB_200_2011.tgz")]
    [InlineData("oxford-102", "https://www.robots.ox.ac.uk/~vgg/data/flowers/102/102flowers.tgz")]
    [InlineData("grid", "http://spandh.dcs.shef.ac.uk/gridcorpus/s1/video/s1.mpg_vcd.zip")]
    [InlineData("evaluators", "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metrics/inception-2015-12-05.pt")]
    public void Offline_a_download_fails_fast_with_exit_3_naming_the_url(string corpus, string url)
    {
        using var root = new Fixtures.TempFolder();
        // An unroutable proxy makes the test offline on any machine, connected or not.
        var env = new Dictionary<string, string>
        {
            ["DINO_DATA"] = root.Root,
            ["DINO_PIN_DIR"] = root.File("pins"),
            ["DINO_CONNECT_TIMEOUT"] = "3",
            ["https_proxy"] = "http://127.0.0.1:9",
            ["http_proxy"] = "http://127.0.0.1:9",
            ["HTTPS_PROXY"] = "http://127.0.0.1:9",
            ["HTTP_PROXY"] = "http://127.0.0.1:9",
        };
        var r = ScriptRunner.Run(corpus, env);
        Assert.Equal(3, r.ExitCode);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(30), $"took {r.Elapsed}");
        Assert.Contains("download failed: " + url, r.Stderr);
        Assert.Contains("put it at", r.Stderr);
        Assert.False(Directory.Exists(root.File("pins")), "nothing may be pinned when nothing was downloaded");
    }

    [Fact]
    public void A_missing_licensed_file_exits_5_with_the_manual_step()
    {
        using var root = new Fixtures.TempFolder();
        var r = ScriptRunner.Run("celebamask-hq", new Dictionary<string, string> { ["DINO_DATA"] = root.Root });
        Assert.Equal(5, r.ExitCode);
        Assert.Contains("manual step needed", r.Stderr);
        Assert.Contains(Path.Combine(root.Root, "celebamask-hq", "downloads", "CelebAMask-HQ.zip"), r.Stderr);
    }

    [Fact]
    public void A_corrupt_preplaced_archive_is_reported_as_a_checksum_mismatch_with_exit_4()
    {
        using var root = new Fixtures.TempFolder();
        var downloads = Directory.CreateDirectory(Path.Combine(root.Root, "cub-200", "downloads")).FullName;
        File.WriteAllText(Path.Combine(downloads, "CUB_200_2011.tgz"), "not the Caltech archive");
        var r = ScriptRunner.Run("cub-200", new Dictionary<string, string> { ["DINO_DATA"] = root.Root });
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("checksum mismatch", r.Stderr);
        Assert.Contains("97eceeb196236b17998738112f37df78", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(root.Root, "cub-200", "raw", "CUB_200_2011")), "a bad archive must not be unpacked");
    }

    [Fact]
    public void Verified_preplaced_archives_are_unpacked_without_network_and_a_rerun_skips_the_work()
    {
        using var root = new Fixtures.TempFolder();
        var downloads = Directory.CreateDirectory(Path.Combine(root.Root, "cub-200", "downloads")).FullName;
        var images = TinyTarGz(Path.Combine(downloads, "CUB_200_2011.tgz"), "CUB_200_2011/images/001.Black_footed_Albatross/a.jpg");
        var captions = TinyTarGz(Path.Combine(downloads, "cvpr2016_cub.tar.gz"), "cvpr2016_cub/text_c10/001.Black_footed_Albatross/a.txt");
        var env = new Dictionary<string, string>
        {
            ["DINO_DATA"] = root.Root,
            ["DINO_PIN_DIR"] = root.File("pins"),
            ["DINO_CHECKSUM_OVERRIDE_CUB_200_2011_TGZ"] = "sha256:" + ScriptRunner.Sha256(images),
            ["DINO_CHECKSUM_OVERRIDE_CVPR2016_CUB_TAR_GZ"] = ScriptRunner.Sha256(captions),
            ["https_proxy"] = "http://127.0.0.1:9",
            ["HTTPS_PROXY"] = "http://127.0.0.1:9", // any download attempt would fail
        };

        var first = ScriptRunner.Run("cub-200", env, "--no-prepare");
        Assert.True(first.ExitCode == 0, first.All);
        Assert.DoesNotContain("downloading", first.Stdout);
        Assert.Contains("verified CUB_200_2011.tgz (sha256 override)", first.Stdout);
        Assert.True(File.Exists(Path.Combine(root.Root, "cub-200", "raw", "CUB_200_2011", "images", "001.Black_footed_Albatross", "a.jpg")));
        Assert.True(File.Exists(Path.Combine(root.Root, "cub-200", "raw", "cvpr2016_cub", "text_c10", "001.Black_footed_Albatross", "a.txt")));
        Assert.Contains("prepare step skipped (--no-prepare)", first.Stdout);

        var second = ScriptRunner.Run("cub-200", env, "--no-prepare");
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("CUB_200_2011.tgz already unpacked", second.Stdout);
    }

    [Fact]
    public void An_archive_without_a_published_checksum_is_pinned_on_first_use_and_held_to_it_afterwards()
    {
        using var root = new Fixtures.TempFolder();
        var downloads = Directory.CreateDirectory(Path.Combine(root.Root, "celebamask-hq", "downloads")).FullName;
        var zip = Path.Combine(downloads, "CelebAMask-HQ.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(archive.CreateEntry("CelebAMask-HQ/CelebA-HQ-to-CelebA-mapping.txt").Open());
            w.Write("idx orig_idx orig_file\n0 119613 119614.jpg\n");
        }
        var env = new Dictionary<string, string> { ["DINO_DATA"] = root.Root, ["DINO_PIN_DIR"] = root.File("pins") };

        // First use: pinned, then the file-count check (30,000 photos) catches the incomplete fake.
        var first = ScriptRunner.Run("celebamask-hq", env, "--no-prepare");
        Assert.Contains("PINNED CelebAMask-HQ.zip sha256 " + ScriptRunner.Sha256(zip), first.Stdout);
        Assert.Equal(4, first.ExitCode);
        Assert.Contains("expected 30000", first.Stderr);

        // Changed afterwards: the pin catches it.
        File.AppendAllText(zip, "tampered");
        var second = ScriptRunner.Run("celebamask-hq", env, "--no-prepare");
        Assert.Equal(4, second.ExitCode);
        Assert.Contains("checksum mismatch", second.Stderr);
        Assert.Contains("(pinned)", second.Stderr);
    }

    [Fact]
    public void Grid_takes_a_speaker_list_and_rejects_a_bad_one()
    {
        var ok = ScriptRunner.Run("grid", null, "--dry-run", "--speakers", "21,3");
        Assert.Equal(0, ok.ExitCode);
        Assert.DoesNotContain("s21/video", ok.Stdout); // speaker 21 has no video
        Assert.Contains("gridcorpus/s21/audio/s21.tar", ok.Stdout);
        Assert.Contains("gridcorpus/s3/align/s3.tar", ok.Stdout);
        Assert.DoesNotContain("gridcorpus/s1/", ok.Stdout);

        Assert.Equal(2, ScriptRunner.Run("grid", null, "--dry-run", "--speakers", "35").ExitCode);
        Assert.Equal(2, ScriptRunner.Run("grid", null, "--bogus").ExitCode);
    }

    private static string TinyTarGz(string path, string entryName)
    {
        using (var file = File.Create(path))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, entryName) { DataStream = new MemoryStream("fake"u8.ToArray()) };
            tar.WriteEntry(entry);
        }
        return path;
    }
}
