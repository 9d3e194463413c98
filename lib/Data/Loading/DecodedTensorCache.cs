using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.IO;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Data.Loading;

/// <summary>
/// Decoded tensors of a corpus split (named, examples along dimension 0) kept on disk so a second run skips decoding:
/// <c>&lt;root&gt;/&lt;corpus&gt;-&lt;key hash&gt;/shard-00000.safetensors …</c> plus manifest.json (the key, the shapes,
/// each shard's size and SHA-256, and the samples skipped while decoding). Every file is written atomically and the
/// manifest last, so a folder without one is an interrupted build and is made again.
/// </summary>
public sealed class DecodedTensorCache
{
    public const string ManifestFile = "manifest.json";
    public const string Format = "dino.decoded-cache.v1";

    public DecodedTensorCache(string root, int shardExamples = 512)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shardExamples);
        Root = Path.GetFullPath(root);
        ShardExamples = shardExamples;
    }

    /// <summary>The cache under the data root: <c>&lt;data root&gt;/cache/decoded</c>.</summary>
    public static DecodedTensorCache Default() => new(Path.Combine(KitPaths.DataRoot(), "cache", "decoded"));

    public string Root { get; }
    public int ShardExamples { get; }

    public string FolderOf(DecodedCacheKey key) => Path.Combine(Root, $"{key.Corpus}-{key.Hash}");

    public bool Contains(DecodedCacheKey key) => File.Exists(Path.Combine(FolderOf(key), ManifestFile));

    /// <summary>
    /// The cached tensors of <paramref name="key"/>, or those <paramref name="decode"/> makes (then stored). A corrupt
    /// or truncated shard is an <see cref="InvalidDataException"/> naming it; with the Skip policy of
    /// <paramref name="badSamples"/> the entry is reported and decoded again instead. Samples skipped when the entry
    /// was built are reported again on every load, so a cached run is never silent about them.
    /// </summary>
    public OrderedDictionary<string, Tensor> GetOrBuild(
        DecodedCacheKey key,
        Func<IReadOnlyDictionary<string, Tensor>> decode,
        BadSamples? badSamples = null
    )
    {
        ArgumentNullException.ThrowIfNull(decode);
        var handling = badSamples ?? BadSamples.Throw;
        if (Contains(key))
        {
            var loaded = handling.Read(Path.Combine(FolderOf(key), ManifestFile), () => Load(key, handling.Report));
            if (loaded is not null)
                return loaded;
        }
        var skippedBefore = handling.Report.Count;
        var decoded = new OrderedDictionary<string, Tensor>(decode());
        Save(key, decoded, handling.Report.Skipped.Skip(skippedBefore).ToList());
        return decoded;
    }

    /// <summary>Writes the shards, then the manifest (replacing any earlier entry of the key).</summary>
    public void Save(DecodedCacheKey key, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyList<SkippedSample>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
            throw new ArgumentException("nothing to cache: no tensors", nameof(tensors));
        var count = tensors.First().Value.size(0);
        foreach (var (name, t) in tensors)
        {
            if (t.size(0) != count)
                throw new ArgumentException($"tensor '{name}' holds {t.size(0)} examples, the others {count}", nameof(tensors));
        }
        var folder = FolderOf(key);
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, ManifestFile)); // the entry is incomplete until the new manifest lands
        var shards = new JsonArray();
        // An entry of no examples (every sample skipped) still gets one, empty, shard: loading it gives the tensors back.
        for (long start = 0, index = 0; start < count || index == 0; start += ShardExamples, index++)
        {
            var length = Math.Min(ShardExamples, count - start);
            var file = $"shard-{index:D5}.safetensors";
            var path = Path.Combine(folder, file);
            using (var scope = torch.NewDisposeScope())
            {
                var slice = tensors.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.narrow(0, start, length).contiguous())).ToList();
                AtomicFile.WriteVia(path, temp => SafeTensors.Save(slice, temp));
            }
            shards.Add(
                new JsonObject
                {
                    ["file"] = file,
                    ["examples"] = length,
                    ["bytes"] = new FileInfo(path).Length,
                    ["sha256"] = Sha256(path),
                }
            );
        }
        var shapes = new JsonObject();
        foreach (var (name, t) in tensors)
            shapes[name] = new JsonObject
            {
                ["dtype"] = t.dtype.ToString(),
                ["shape"] = new JsonArray(t.shape.Skip(1).Select(s => (JsonNode)s).ToArray()),
            };
        var skips = new JsonArray();
        foreach (var s in skipped ?? [])
            skips.Add(new JsonObject { ["file"] = s.File, ["reason"] = s.Reason });
        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["key"] = key.ToJson(),
            ["examples"] = count,
            ["tensors"] = shapes,
            ["shards"] = shards,
            ["skipped"] = skips,
        };
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestFile), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>
    /// Reads an entry, checking every shard's size and SHA-256 against the manifest first; the samples skipped when it
    /// was built go to <paramref name="report"/>. Any problem is an <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    public OrderedDictionary<string, Tensor> Load(DecodedCacheKey key, BadSampleReport? report = null)
    {
        var folder = FolderOf(key);
        var manifestPath = Path.Combine(folder, ManifestFile);
        var manifest = ReadManifest(manifestPath);
        var parts = new Dictionary<string, List<Tensor>>();
        try
        {
            foreach (var shard in manifest["shards"]!.AsArray())
            {
                var path = Path.Combine(folder, (string)shard!["file"]!);
                Verify(path, (long)shard["bytes"]!, (string)shard["sha256"]!);
                var tensors = SafeTensors.Load(path);
                foreach (var (name, t) in tensors)
                {
                    t.DetachFromDisposeScope();
                    if (!parts.TryGetValue(name, out var list))
                        parts[name] = list = [];
                    list.Add(t);
                }
                if (tensors.Count == 0 || tensors.Values.Any(t => t.size(0) != (long)shard["examples"]!))
                    throw new InvalidDataException($"{path}: the shard does not hold the {(long)shard["examples"]!} examples its manifest lists");
            }
            var names = manifest["tensors"]!.AsObject().Select(kv => kv.Key).ToList();
            if (!names.Order().SequenceEqual(parts.Keys.Order()))
                throw new InvalidDataException(
                    $"{folder}: the shards hold tensors [{string.Join(", ", parts.Keys)}], the manifest lists [{string.Join(", ", names)}]"
                );
            var result = new OrderedDictionary<string, Tensor>();
            foreach (var name in names)
            {
                using var scope = torch.NewDisposeScope();
                result[name] = torch.cat(parts[name], 0).DetachFromDisposeScope();
            }
            foreach (var s in manifest["skipped"]?.AsArray() ?? [])
                report?.Add((string)s!["file"]!, (string)s["reason"]! + " (recorded when the decoded-tensor cache was built)");
            return result;
        }
        finally
        {
            foreach (var t in parts.Values.SelectMany(l => l))
                t.Dispose();
        }
    }

    private static JsonObject ReadManifest(string path)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object");
            if ((string?)json["format"] != Format)
                throw new InvalidDataException($"{path}: not a decoded-tensor cache manifest (format is not '{Format}')");
            if (json["shards"] is not JsonArray || json["tensors"] is not JsonObject)
                throw new InvalidDataException($"{path}: lists no shards or tensors");
            return json;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the manifest is not valid JSON: {e.Message}", e);
        }
    }

    private static void Verify(string path, long bytes, string sha256)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"{path}: decoded-tensor cache shard is missing");
        var length = new FileInfo(path).Length;
        if (length != bytes)
            throw new InvalidDataException($"{path}: decoded-tensor cache shard is truncated or resized ({length} bytes, the manifest says {bytes})");
        if (Sha256(path) != sha256)
            throw new InvalidDataException($"{path}: decoded-tensor cache shard is corrupt (its SHA-256 differs from the manifest's)");
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
