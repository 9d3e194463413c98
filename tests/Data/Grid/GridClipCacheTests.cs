using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Loading;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.Grid;

public class GridClipCacheTests
{
    private static readonly GridClipOptions Small = new() { Frames = 5, Size = 16 };

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 30)]
    public void Cached_clips_equal_the_uncached_read_bit_for_bit_and_keep_the_mouth_as_uint8(bool grayscale, int startFrame)
    {
        using var dir = new Fixtures.TempFolder();
        var (corpus, utterances) = TwoUtterances(dir);
        using var _ = corpus;
        var cache = CacheIn(dir);
        var options = new GridClipOptions
        {
            Frames = 30,
            Size = 24,
            Grayscale = grayscale,
            StartFrame = startFrame,
        };

        var uncached = corpus.LoadAll(utterances, options);
        var built = GridClipCache.LoadAll(corpus, utterances, options, cache: cache);
        var read = GridClipCache.LoadAll(corpus, utterances, options, cache: cache);
        try
        {
            AssertEqual(uncached, built);
            AssertEqual(uncached, read);
        }
        finally
        {
            foreach (var e in uncached.Concat(built).Concat(read))
                e.Dispose();
        }
        var stacked = GridClipCache.Load(corpus, utterances, options, cache: cache);
        Assert.Equal(ScalarType.Byte, stacked[GridClipTensors.MouthKey].dtype);
        foreach (var t in stacked.Values)
            t.Dispose();
    }

    [Fact]
    public void The_second_load_reads_no_video()
    {
        using var dir = new Fixtures.TempFolder();
        var (corpus, utterances) = TwoUtterances(dir);
        using var _ = corpus;
        var cache = CacheIn(dir);
        var first = GridClipCache.LoadAll(corpus, utterances, Small, cache: cache);

        // Noise in place of every MPEG, with its size and time kept: the key is the same, but no video decodes any more.
        foreach (var u in utterances)
            ScrambleKeepingSizeAndTime(GridLayout.VideoPath(corpus.Root, u.Speaker, u.Id));
        Assert.Throws<InvalidDataException>(() => corpus.LoadAll(utterances, Small));
        var second = GridClipCache.LoadAll(corpus, utterances, Small, cache: cache);
        try
        {
            AssertEqual(first, second);
        }
        finally
        {
            foreach (var e in first.Concat(second))
                e.Dispose();
        }
    }

    [Fact]
    public void Every_clip_option_the_policy_the_utterance_list_and_a_replaced_file_change_the_key()
    {
        using var dir = new Fixtures.TempFolder();
        var (corpus, utterances) = TwoUtterances(dir);
        using var _ = corpus;
        DecodedCacheKey KeyOf(GridClipOptions options, BadSamplePolicy policy = BadSamplePolicy.Throw, IReadOnlyList<GridUtterance>? list = null) =>
            GridClipCache.Key(corpus, list ?? utterances, options, policy);

        var baseline = KeyOf(Small);
        Assert.Equal(baseline.Hash, KeyOf(Small with { }).Hash);
        var changed = new[]
        {
            KeyOf(Small with { Frames = 6 }),
            KeyOf(Small with { SampleRate = 8_000 }),
            KeyOf(Small with { StartFrame = 1 }),
            KeyOf(Small with { Size = 17 }),
            KeyOf(Small with { Grayscale = true }),
            KeyOf(Small with { Mouth = new MouthRegion(CentreY: 0.7) }),
            KeyOf(Small with { Mouth = new MouthRegion(Side: 0.5) }),
            KeyOf(Small, BadSamplePolicy.Skip),
            KeyOf(Small, list: [utterances[0]]),
            KeyOf(Small, list: [utterances[1], utterances[0]]),
        };
        Assert.Equal(changed.Length + 1, changed.Select(k => k.Hash).Append(baseline.Hash).Distinct().Count());

        // Every property of the options reaches the key, including any added later.
        var clip = System.Text.Json.JsonDocument.Parse(baseline.Preprocessing["clip"]).RootElement;
        Assert.All(typeof(GridClipOptions).GetProperties().Where(p => p.CanWrite), p => Assert.True(clip.TryGetProperty(p.Name, out var _), p.Name));

        var wav = GridLayout.AudioPath(corpus.Root, utterances[1].Speaker, utterances[1].Id);
        File.SetLastWriteTimeUtc(wav, File.GetLastWriteTimeUtc(wav).AddSeconds(1));
        Assert.NotEqual(baseline.Hash, KeyOf(Small).Hash);
    }

    [Fact]
    public void Other_clip_options_are_decoded_again_into_an_entry_of_their_own()
    {
        using var dir = new Fixtures.TempFolder();
        var (corpus, utterances) = TwoUtterances(dir);
        using var _ = corpus;
        var cache = CacheIn(dir);
        foreach (var e in GridClipCache.LoadAll(corpus, utterances, Small, cache: cache))
            e.Dispose();
        var larger = GridClipCache.LoadAll(corpus, utterances, Small with { Size = 20 }, cache: cache);
        Assert.All(larger, e => Assert.Equal([5L, 3, 20, 20], e.Video.shape));
        foreach (var e in larger)
            e.Dispose();
        Assert.Equal(2, Directory.GetFiles(cache.Root, DecodedTensorCache.ManifestFile, SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void A_sample_skipped_when_the_entry_was_built_is_reported_again_on_the_cached_read()
    {
        using var dir = new Fixtures.TempFolder();
        var root = Path.Combine(dir.Root, "grid");
        var utterances = new[] { "bbaf2n", "bbaf3s", "bbaf4p" }.Select(id => GridFixture.Write(root, id: id)).ToArray();
        var wav = GridLayout.AudioPath(root, 3, "bbaf3s");
        var bytes = File.ReadAllBytes(wav);
        File.WriteAllBytes(wav, bytes[..(bytes.Length / 2)]);
        using var corpus = new GridCorpus(root);
        var cache = CacheIn(dir);

        var building = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var built = GridClipCache.LoadAll(corpus, utterances, Small, building, cache);
        foreach (var u in utterances)
            ScrambleKeepingSizeAndTime(GridLayout.VideoPath(root, u.Speaker, u.Id));
        var reading = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var read = GridClipCache.LoadAll(corpus, utterances, Small, reading, cache);
        try
        {
            Assert.Equal([utterances[0], utterances[2]], read.Select(e => e.Utterance));
            AssertEqual(built, read);
            var original = Assert.Single(building.Report.Skipped);
            var again = Assert.Single(reading.Report.Skipped);
            Assert.Equal(GridLayout.VideoPath(root, 3, "bbaf3s"), again.File);
            Assert.StartsWith(original.Reason, again.Reason);
            Assert.Contains(wav, again.Reason);
        }
        finally
        {
            foreach (var e in built.Concat(read))
                e.Dispose();
        }
        // Stopping at bad files is another key: that run decodes (and stops) rather than take the skipping build.
        Assert.Throws<InvalidDataException>(() => GridClipCache.LoadAll(corpus, utterances, Small, cache: cache));
    }

    [Fact]
    public void A_split_whose_every_sample_was_skipped_is_cached_empty_and_still_reported()
    {
        using var dir = new Fixtures.TempFolder();
        var root = Path.Combine(dir.Root, "grid");
        var utterance = GridFixture.Write(root);
        ScrambleKeepingSizeAndTime(GridLayout.VideoPath(root, utterance.Speaker, utterance.Id));
        using var corpus = new GridCorpus(root);
        var cache = CacheIn(dir);
        var first = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var again = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));

        Assert.Empty(GridClipCache.LoadAll(corpus, [utterance], Small, first, cache));
        Assert.Empty(GridClipCache.LoadAll(corpus, [utterance], Small, again, cache)); // a later run, from the cache
        Assert.Equal(1, first.Report.Count);
        Assert.Equal(1, again.Report.Count);
        Assert.Single(Directory.GetFiles(cache.Root, DecodedTensorCache.ManifestFile, SearchOption.AllDirectories));
    }

    private static (GridCorpus Corpus, GridUtterance[] Utterances) TwoUtterances(Fixtures.TempFolder dir)
    {
        var root = Path.Combine(dir.Root, "grid");
        var utterances = new[] { GridFixture.Write(root, speaker: 3, id: "bbaf2n"), GridFixture.Write(root, speaker: 4, id: "lgaz8p") };
        return (new GridCorpus(root), utterances);
    }

    private static DecodedTensorCache CacheIn(Fixtures.TempFolder dir) => new(Path.Combine(dir.Root, "cache"), shardExamples: 1);

    private static void ScrambleKeepingSizeAndTime(string path)
    {
        var time = File.GetLastWriteTimeUtc(path);
        var length = (int)new FileInfo(path).Length;
        File.WriteAllBytes(path, Enumerable.Range(0, length).Select(i => (byte)(i * 37 % 251)).ToArray());
        File.SetLastWriteTimeUtc(path, time);
    }

    private static void AssertEqual(IReadOnlyList<GridExample> expected, IReadOnlyList<GridExample> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Utterance, actual[i].Utterance);
            Assert.Equal(expected[i].Video.dtype, actual[i].Video.dtype);
            Assert.True(expected[i].Video.Equals(actual[i].Video), $"video of {expected[i].Utterance}");
            Assert.True(expected[i].Audio.Equals(actual[i].Audio), $"audio of {expected[i].Utterance}");
            Assert.Equal(expected[i].Words, actual[i].Words);
            Assert.Equal(expected[i].StartSeconds, actual[i].StartSeconds);
        }
    }
}
