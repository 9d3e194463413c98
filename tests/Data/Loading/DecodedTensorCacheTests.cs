using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dino.Repro.Data;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Loading;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.Loading;

public class DecodedTensorCacheTests
{
    private static readonly DecodedCacheKey Key = new(
        "shapes",
        "/data/shapes|120|7",
        new Dictionary<string, string> { ["resolution"] = "16", ["split"] = "Train" }
    );

    // 8 examples: float images [8, 2, 3, 3] and int64 labels [8, 3, 3] with values that identify each element.
    private static Dictionary<string, Tensor> Examples() =>
        new()
        {
            ["B"] = torch.arange(Scalars.Of(8 * 2 * 3 * 3), dtype: ScalarType.Float32).div(Scalars.Of(7.0)).reshape(8, 2, 3, 3),
            ["labels"] = torch.arange(Scalars.Of(8 * 3 * 3)).reshape(8, 3, 3),
        };

    [Fact]
    public void Tensors_saved_in_shards_load_back_identical_and_the_manifest_lists_each_shard()
    {
        using var temp = new Fixtures.TempFolder();
        var cache = new DecodedTensorCache(temp.Root, shardExamples: 3);
        using var scope = torch.NewDisposeScope();
        var examples = Examples();
        cache.Save(Key, examples);

        var folder = cache.FolderOf(Key);
        Assert.Equal(Path.Combine(temp.Root, "shapes-" + Key.Hash), folder);
        // Every file was written under a temporary name and renamed: none of those is left behind.
        Assert.Equal([folder], Directory.GetFileSystemEntries(temp.Root));
        Assert.Equal(
            [DecodedTensorCache.ManifestFile, "shard-00000.safetensors", "shard-00001.safetensors", "shard-00002.safetensors"],
            Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)
        );
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, DecodedTensorCache.ManifestFile)))!;
        var shards = manifest["shards"]!.AsArray();
        Assert.Equal(new long[] { 3, 3, 2 }, shards.Select(s => (long)s!["examples"]!));
        foreach (var shard in shards)
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, (string)shard!["file"]!));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string)shard["sha256"]!);
        }
        Assert.Equal(new long[] { 3, 3 }, manifest["tensors"]!["labels"]!["shape"]!.AsArray().Select(n => (long)n!));

        var loaded = cache.Load(Key);
        Assert.Equal(new[] { "B", "labels" }, loaded.Keys);
        foreach (var (name, t) in loaded)
        {
            Assert.Equal(examples[name].shape, t.shape);
            Assert.Equal(examples[name].dtype, t.dtype);
            Assert.True(examples[name].Equals(t), name);
            t.Dispose();
        }
    }

    [Fact]
    public void An_entry_of_no_examples_loads_back_as_empty_tensors_of_the_same_shapes()
    {
        using var temp = new Fixtures.TempFolder();
        var cache = new DecodedTensorCache(temp.Root);
        using var scope = torch.NewDisposeScope();
        var empty = Examples().ToDictionary(kv => kv.Key, kv => kv.Value.narrow(0, 0, 0));
        cache.Save(Key, empty, [new SkippedSample("/corpus/1.png", "truncated PNG")]);
        Assert.Equal(
            [DecodedTensorCache.ManifestFile, "shard-00000.safetensors"],
            Directory.GetFileSystemEntries(cache.FolderOf(Key)).Select(Path.GetFileName).Order(StringComparer.Ordinal)
        );

        var report = new BadSampleReport(null);
        var loaded = cache.Load(Key, report);
        Assert.Equal([0L, 2, 3, 3], loaded["B"].shape);
        Assert.Equal([0L, 3, 3], loaded["labels"].shape);
        Assert.Equal(ScalarType.Int64, loaded["labels"].dtype);
        Assert.Equal("/corpus/1.png", Assert.Single(report.Skipped).File);
        foreach (var t in loaded.Values)
            t.Dispose();
    }

    [Fact]
    public void The_key_hash_is_sha256_of_the_key_with_options_sorted_so_insertion_order_does_not_matter()
    {
        var reordered = Key with
        {
            Preprocessing = new Dictionary<string, string> { ["split"] = "Train", ["resolution"] = "16" },
        };
        const string canonical = """{"corpus":"shapes","identity":"/data/shapes|120|7","preprocessing":{"resolution":"16","split":"Train"}}""";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];
        Assert.Equal(expected, Key.Hash);
        Assert.Equal(expected, reordered.Hash);
        Assert.NotEqual(
            expected,
            (
                Key with
                {
                    Preprocessing = new Dictionary<string, string> { ["resolution"] = "32", ["split"] = "Train" },
                }
            ).Hash
        );
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("corrupt")]
    public void A_damaged_shard_is_an_error_naming_it(string damage)
    {
        using var temp = new Fixtures.TempFolder();
        var cache = SavedInThreeShards(temp.Root);
        var shard = Path.Combine(cache.FolderOf(Key), "shard-00001.safetensors");
        Damage(shard, damage);

        var e = Assert.Throws<InvalidDataException>(() => cache.GetOrBuild(Key, () => throw new InvalidOperationException("must not decode")));
        Assert.Contains(shard, e.Message);
        Assert.Contains(damage, e.Message);
    }

    [Fact]
    public void With_the_skip_policy_a_damaged_entry_is_reported_and_decoded_again()
    {
        using var temp = new Fixtures.TempFolder();
        var cache = SavedInThreeShards(temp.Root);
        using var scope = torch.NewDisposeScope();
        var shard = Path.Combine(cache.FolderOf(Key), "shard-00002.safetensors");
        Damage(shard, "corrupt");

        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var decodes = 0;
        var rebuilt = cache.GetOrBuild(
            Key,
            () =>
            {
                decodes++;
                return Examples();
            },
            skip
        );
        Assert.Equal(1, decodes);
        Assert.Contains(shard, Assert.Single(skip.Report.Skipped).Reason);
        Assert.True(rebuilt["labels"].Equals(Examples()["labels"]));
        // The rebuilt entry is whole again: the next read loads it without decoding.
        var again = cache.GetOrBuild(Key, () => throw new InvalidOperationException("must not decode"));
        Assert.True(again["B"].Equals(Examples()["B"]));
        foreach (var t in rebuilt.Values.Concat(again.Values))
            t.Dispose();
    }

    [Fact]
    public void Shards_without_a_manifest_are_an_interrupted_build_and_are_decoded_again()
    {
        using var temp = new Fixtures.TempFolder();
        var cache = SavedInThreeShards(temp.Root);
        using var scope = torch.NewDisposeScope();
        File.Delete(Path.Combine(cache.FolderOf(Key), DecodedTensorCache.ManifestFile));
        Assert.False(cache.Contains(Key));
        var decodes = 0;
        var tensors = cache.GetOrBuild(Key, () =>
        {
            decodes++;
            return Examples();
        });
        Assert.Equal(1, decodes);
        Assert.True(cache.Contains(Key));
        foreach (var t in tensors.Values)
            t.Dispose();
    }

    [Fact]
    public void Samples_skipped_when_the_entry_was_built_are_reported_again_on_every_load()
    {
        using var temp = new Fixtures.TempFolder();
        var cache = new DecodedTensorCache(temp.Root);
        using var scope = torch.NewDisposeScope();
        var first = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        cache.GetOrBuild(
            Key,
            () =>
            {
                first.Report.Add("/corpus/4.png", "truncated PNG");
                return Examples();
            },
            first
        );

        var second = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        cache.GetOrBuild(Key, () => throw new InvalidOperationException("must not decode"), second);
        var skipped = Assert.Single(second.Report.Skipped);
        Assert.Equal("/corpus/4.png", skipped.File);
        Assert.StartsWith("truncated PNG", skipped.Reason);
    }

    [Fact]
    public void The_second_opening_of_the_image_to_image_data_reads_the_cache_not_the_pngs()
    {
        using var data = new Support.DataRootScope();
        using var scope = torch.NewDisposeScope();
        var first = (IDisposable)ImageToImageData.Open("shapes", 32, 4, seed: 5, shapesCount: 10);
        var expected = ((Dino.Repro.Data.Loading.IBatchSource)first).Next()[PairedBatches.TargetKey];
        first.Dispose();

        // Every PNG of the corpus made by the first opening is now unreadable: only the cache can serve the second.
        var pngs = Directory.GetFiles(Path.Combine(data.Path, "shapes"), "*.png", SearchOption.AllDirectories);
        Assert.NotEmpty(pngs);
        foreach (var png in pngs)
            File.WriteAllText(png, "");
        var second = ImageToImageData.Open("shapes", 32, 4, seed: 5, shapesCount: 10);
        Assert.True(expected.Equals(second.Next()[PairedBatches.TargetKey]));
        ((IDisposable)second).Dispose();
        Assert.Single(Directory.GetFiles(Path.Combine(data.Path, "cache", "decoded"), DecodedTensorCache.ManifestFile, SearchOption.AllDirectories));
    }

    // The 8 examples in shards of 3, 3 and 2.
    private static DecodedTensorCache SavedInThreeShards(string root)
    {
        var cache = new DecodedTensorCache(root, shardExamples: 3);
        using var scope = torch.NewDisposeScope();
        cache.Save(Key, Examples());
        return cache;
    }

    private static void Damage(string path, string how)
    {
        var bytes = File.ReadAllBytes(path);
        if (how == "truncated")
            bytes = bytes[..(bytes.Length - 5)];
        else
            bytes[^3] ^= 0x5A; // one byte of tensor data: the header still parses
        File.WriteAllBytes(path, bytes);
    }
}
