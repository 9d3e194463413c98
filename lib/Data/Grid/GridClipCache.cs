using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dino.Repro.Data.Loading;

namespace Dino.Repro.Data.Grid;

/// <summary>
/// <see cref="GridCorpus.LoadAll"/> through the <see cref="DecodedTensorCache"/>: the first run decodes the MPEGs, finds
/// the faces and resamples the audio, and stores the clips (<see cref="GridClipTensors"/>); later runs with the same
/// key read the shards instead, which on the real corpus turns hours of decoding into a file read.
/// </summary>
public static class GridClipCache
{
    /// <summary>The corpus name in cache keys and entry folders.</summary>
    public const string CorpusName = "grid";

    /// <summary>
    /// The clips of <paramref name="utterances"/>, exactly as <see cref="GridCorpus.LoadAll"/> returns them (in order, bad
    /// samples stopping the read or skipped as <paramref name="badSamples"/> says), from <paramref name="cache"/> (default:
    /// the one under the data root) when an earlier run stored them. The caller disposes them.
    /// </summary>
    public static IReadOnlyList<GridExample> LoadAll(
        GridCorpus corpus,
        IEnumerable<GridUtterance> utterances,
        GridClipOptions? options = null,
        BadSamples? badSamples = null,
        DecodedTensorCache? cache = null
    )
    {
        ArgumentNullException.ThrowIfNull(utterances);
        var list = utterances.ToArray();
        options ??= new GridClipOptions();
        var tensors = Load(corpus, list, options, badSamples, cache);
        try
        {
            return GridClipTensors.Unstack(tensors, list, options);
        }
        finally
        {
            foreach (var t in tensors.Values)
                t.Dispose();
        }
    }

    /// <summary>
    /// The clips of <paramref name="utterances"/> as stacked tensors (<see cref="GridClipTensors"/>: the mouth video
    /// stays uint8), for batching without a float copy of every clip. The caller disposes them.
    /// </summary>
    public static OrderedDictionary<string, Tensor> Load(
        GridCorpus corpus,
        IReadOnlyList<GridUtterance> utterances,
        GridClipOptions options,
        BadSamples? badSamples = null,
        DecodedTensorCache? cache = null
    )
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(utterances);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var handling = badSamples ?? BadSamples.Throw;
        return (cache ?? DecodedTensorCache.Default()).GetOrBuild(
            Key(corpus, utterances, options, handling.Policy),
            () => GridClipTensors.Stack(corpus.LoadEach(utterances, options, handling), utterances, options),
            handling
        );
    }

    /// <summary>
    /// The cache key of a split: the corpus folder and the size and time of every file of its utterances (a replaced or
    /// re-downloaded file gets a new key, without reading any), the utterance list, every clip option and the
    /// bad-sample policy (a skipping build must not stand in for a run that wants to stop at a bad file).
    /// </summary>
    public static DecodedCacheKey Key(GridCorpus corpus, IReadOnlyList<GridUtterance> utterances, GridClipOptions options, BadSamplePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(utterances);
        ArgumentNullException.ThrowIfNull(options);
        var files = utterances
            .SelectMany(u =>
                new[]
                {
                    GridLayout.VideoPath(corpus.Root, u.Speaker, u.Id),
                    GridLayout.AudioPath(corpus.Root, u.Speaker, u.Id),
                    GridLayout.AlignmentPath(corpus.Root, u.Speaker, u.Id),
                }
            )
            .Select(Stamp);
        return new DecodedCacheKey(
            CorpusName,
            $"{corpus.Root}|{Sha256(files)}",
            new Dictionary<string, string>
            {
                ["utterances"] = $"{utterances.Count.ToString(CultureInfo.InvariantCulture)}|{Sha256(utterances.Select(u => u.ToString()))}",
                // Every property, so an option added later is part of the key without touching this.
                ["clip"] = JsonSerializer.Serialize(options),
                ["bad_samples"] = policy.ToString(),
            }
        );
    }

    private static string Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{path}|{file.Length}|{file.LastWriteTimeUtc.Ticks}" : $"{path}|missing";
    }

    private static string Sha256(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
}
