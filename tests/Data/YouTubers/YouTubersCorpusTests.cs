using Dino.Repro.Data.Loading;
using Dino.Repro.Data.Synthetic.VoiceFaces;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.IO;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.YouTubers;

/// <summary>
/// Talking-head MP4s made by the test in the layout data-scripts/youtubers.sh asks for: two identities ("anna", "bob")
/// with two 7 s videos each (10 fps, 96², a still face), whose sound is silence with a 1 kHz burst at 2.3–2.6 s.
/// </summary>
public sealed class TalkingHeadFolder : IDisposable
{
    public const double BurstStart = 2.3;
    public const double BurstEnd = 2.6;

    private readonly Fixtures.TempFolder temp = new();

    public TalkingHeadFolder() => Write(temp.Root);

    public string Root => temp.Root;

    /// <summary>Writes the videos (and their source sound, <c>burst.wav</c>) under <paramref name="root"/>.</summary>
    public static void Write(string root)
    {
        Directory.CreateDirectory(root);
        var audio = Path.Combine(root, "burst.wav");
        WavFile.Write(
            audio,
            Enumerable
                .Range(0, 7 * 16000)
                .Select(n => n >= BurstStart * 16000 && n < BurstEnd * 16000 ? (float)(0.8 * Math.Sin(2 * Math.PI * 1000 * n / 16000)) : 0f)
                .ToArray(),
            16000
        );
        foreach (var (name, index) in new[] { ("anna", 0), ("bob", 1) })
        {
            using var face = TalkingFace.Render(VoiceFaceIdentity.Create(0, index), 96, new FaceState(0, 0, false, 0));
            using var frames = face.unsqueeze(0).expand(70, 96, 96, 3).contiguous();
            foreach (var video in new[] { "v1", "v2" })
                VideoWriter.Write(VideoPath(root, name, video), frames, new VideoWriterOptions { Fps = 10, AudioPath = audio });
        }
    }

    public string VideoPath(string identity, string video) => VideoPath(Root, identity, video);

    private static string VideoPath(string root, string identity, string video)
    {
        var folder = YouTubersLayout.IdentityFolder(root, identity);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, video + ".mp4");
    }

    public string NewCache() => Path.Combine(Root, "cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => temp.Dispose();
}

public class YouTubersCorpusTests(TalkingHeadFolder folder) : IClassFixture<TalkingHeadFolder>, IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();

    public void Dispose() => scope.Dispose();

    private static int PeakSample(float[] samples) =>
        Array.IndexOf(samples, samples.Max(MathF.Abs)) is var i and >= 0 ? i : Array.IndexOf(samples, -samples.Max(MathF.Abs));

    [Fact]
    public void Every_sampled_frame_gives_a_face_and_its_centred_four_seconds_of_speech()
    {
        var corpus = YouTubersCorpus.Open(folder.Root, cacheRoot: folder.NewCache());

        // Faces at 2 s and 4 s per 7 s video (see SpeechWindows); the last video of each identity is held out.
        Assert.Equal(8, corpus.Pairs.Count);
        Assert.Equal(new[] { "anna", "bob" }, corpus.Identities);
        Assert.All(corpus.Pairs, p => Assert.Equal(p.Identity == "anna" ? 0 : 1, p.Label));
        Assert.All(corpus.Pairs, p => Assert.Equal(p.Video == "v2" ? FacePairSplit.UnseenUtterances : FacePairSplit.Train, p.Split));
        Assert.Equal(new[] { 1, 2, 1, 2, 1, 2, 1, 2 }, corpus.Pairs.Select(p => p.Pair.Index));

        foreach (var pair in corpus.Pairs)
        {
            // The face is drawn centred at (48, 50) in the 96² frame.
            Assert.InRange(pair.Pair.X + pair.Pair.Width / 2, 40, 56);
            Assert.InRange(pair.Pair.Y + pair.Pair.Height / 2, 40, 60);
            // The burst (2.3–2.6 s) lies 2.3 s into the window centred at 2 s and 0.3 s into the one centred at 4 s.
            var raw = WavFile.Read(pair.SpeechPath).Channels[0];
            Assert.Equal(64000, raw.Length);
            var expected = (TalkingHeadFolder.BurstStart - (pair.Pair.CentreSeconds - 2)) * 16000;
            Assert.InRange(PeakSample(raw), expected, expected + 0.3 * 16000);
        }

        // Consecutive windows share 2 s: the second half of one is the first half of the next, sample for sample.
        var (first, second) = (WavFile.Read(corpus.Pairs[0].SpeechPath).Channels[0], WavFile.Read(corpus.Pairs[1].SpeechPath).Channels[0]);
        Assert.Equal(first[32000..], second[..32000]);
        Assert.True(File.Exists(Path.Combine(corpus.CacheFolder, "manifest.json")));
        Assert.DoesNotContain(Directory.EnumerateFiles(corpus.CacheFolder, "*", SearchOption.AllDirectories), f =>
            AtomicFile.IsTemporary(Path.GetFileName(f))
        );
    }

    [Fact]
    public void Loaded_faces_are_64_squared_in_minus_one_to_one_and_speech_is_peak_normalised_then_pre_emphasised()
    {
        var cache = folder.NewCache();
        var corpus = YouTubersCorpus.Open(folder.Root, cacheRoot: cache);
        using var batch = corpus.LoadSplit(FacePairSplit.Train);
        Assert.Equal(new long[] { 4, 3, 64, 64 }, batch.Faces.shape);
        Assert.InRange(batch.Faces.min().ToSingle(), -1f, -0.5f);
        Assert.InRange(batch.Faces.max().ToSingle(), 0.5f, 1f);
        Assert.Equal(new long[] { 0, 0, 1, 1 }, batch.Labels.ToArray<long>());
        Assert.Equal(new long[] { 4, 64000 }, batch.Speech.shape);

        // Undoing the 0.95 pre-emphasis gives back the window scaled to a peak of exactly 1.
        var pair = corpus.Split(FacePairSplit.Train)[0];
        var raw = WavFile.Read(pair.SpeechPath).Channels[0];
        var restored = Emphasis.DeEmphasis(corpus.Load(pair).Speech.ToArray<float>(), 0.95f);
        var peak = raw.Max(MathF.Abs);
        for (var n = 0; n < raw.Length; n += 97)
            Assert.Equal(raw[n] / peak, restored[n], 4);

        // The ICASSP variant keeps the centred second (1.5–2.5 s, which holds part of the burst), normalised on its own.
        var icassp = YouTubersCorpus.Open(folder.Root, YouTubersOptions.Icassp, cache);
        Assert.Equal(corpus.CacheFolder, icassp.CacheFolder); // load-time options share the extraction
        var centre = raw[24000..40000];
        var centrePeak = centre.Max(MathF.Abs);
        var restoredCentre = Emphasis.DeEmphasis(icassp.Load(icassp.Split(FacePairSplit.Train)[0]).Speech.ToArray<float>(), 0.95f);
        Assert.Equal(16000, restoredCentre.Length);
        for (var n = 0; n < centre.Length; n += 97)
            Assert.Equal(centre[n] / centrePeak, restoredCentre[n], 4);
        // A silent second (3.5–4.5 s, after the burst) stays silent instead of dividing by a zero peak.
        Assert.All(icassp.Load(icassp.Split(FacePairSplit.Train)[1]).Speech.ToArray<float>(), x => Assert.True(Math.Abs(x) < 1e-3, $"{x}"));
    }

    [Fact]
    public void Held_out_speakers_are_the_last_identities_with_all_their_videos_and_keep_their_labels()
    {
        var cache = folder.NewCache();
        var corpus = YouTubersCorpus.Open(folder.Root, new YouTubersOptions(HeldOutSpeakers: 1), cache);
        Assert.Equal(new[] { "v1" }, corpus.Split(FacePairSplit.Train).Select(p => p.Video).Distinct());
        Assert.All(corpus.Split(FacePairSplit.Train), p => Assert.Equal("anna", p.Identity));
        Assert.All(corpus.Split(FacePairSplit.UnseenUtterances), p => Assert.Equal(("anna", "v2"), (p.Identity, p.Video)));
        var unseen = corpus.Split(FacePairSplit.UnseenSpeakers);
        Assert.Equal(4, unseen.Count); // both of bob's videos
        Assert.All(unseen, p => Assert.Equal(("bob", 1), (p.Identity, p.Label)));
        using var batch = corpus.LoadSplit(FacePairSplit.UnseenSpeakers);
        Assert.Equal(new long[] { 1, 1, 1, 1 }, batch.Labels.ToArray<long>());

        var none = Assert.Throws<InvalidDataException>(() => YouTubersLayout.Videos(folder.Root, 1, heldOutSpeakers: 2));
        Assert.Contains("leave none of its 2 identities", none.Message);
        // Two videos and two held out per identity: anna has only training videos, so no unseen utterances to load.
        var allTrain = YouTubersCorpus.Open(folder.Root, new YouTubersOptions(HeldOutVideos: 2, HeldOutSpeakers: 1), cache);
        var empty = Assert.Throws<InvalidDataException>(() => allTrain.LoadSplit(FacePairSplit.UnseenUtterances));
        Assert.Contains("unseen-utterances split has no pairs", empty.Message);
    }

    [Fact]
    public void The_cache_is_reused_until_its_source_video_changes_and_other_options_get_their_own()
    {
        var cache = folder.NewCache();
        var first = YouTubersCorpus.Open(folder.Root, cacheRoot: cache);
        var face = first.Pairs[0].FacePath;
        ImageIO.Write(face, zeros([64, 64, 3], ScalarType.Byte)); // a mark extraction would overwrite

        YouTubersCorpus.Open(folder.Root, cacheRoot: cache);
        Assert.Equal(0, ImageIO.Read(face).max().ToByte());

        File.SetLastWriteTimeUtc(folder.VideoPath("anna", "v1"), DateTime.UtcNow.AddMinutes(1));
        YouTubersCorpus.Open(folder.Root, cacheRoot: cache);
        Assert.True(ImageIO.Read(face).max().ToByte() > 100, "the changed video should be extracted again");

        // A damaged cache file is named, with the way out.
        var speech = first.Pairs[1].SpeechPath;
        WavFile.Write(speech, new float[1000], 16000);
        var damaged = Assert.Throws<InvalidDataException>(() => first.Load(first.Pairs[1]));
        Assert.Contains(speech, damaged.Message);

        var small = YouTubersCorpus.Open(folder.Root, new YouTubersOptions(FaceSize: 32), cache);
        Assert.NotEqual(first.CacheFolder, small.CacheFolder);
        Assert.Equal(new long[] { 3, 32, 32 }, small.Load(small.Pairs[0]).Face.shape);
    }

    [Fact]
    public void Folders_without_videos_or_faces_and_corrupt_videos_are_errors_naming_the_path()
    {
        using var empty = new Fixtures.TempFolder();
        var missing = Assert.Throws<DirectoryNotFoundException>(() => YouTubersCorpus.Open(empty.Root, cacheRoot: empty.File("cache")));
        Assert.Contains(Path.Combine(empty.Root, "videos"), missing.Message);

        var grey = Path.Combine(YouTubersLayout.IdentityFolder(empty.Root, "nobody"), "grey.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(grey)!);
        var audio = empty.File("tone.wav");
        WavFile.Write(audio, new float[5 * 16000], 16000);
        VideoWriter.Write(grey, full([50, 96, 96, 3], Scalars.Of(128), ScalarType.Byte), new VideoWriterOptions { Fps = 10, AudioPath = audio });
        var noFaces = Assert.Throws<InvalidDataException>(() => YouTubersCorpus.Open(empty.Root, cacheRoot: empty.File("cache")));
        Assert.Contains(empty.Root, noFaces.Message);

        var corrupt = Path.Combine(YouTubersLayout.IdentityFolder(empty.Root, "nobody"), "broken.mp4");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 4000).Select(i => (byte)(i * 31)).ToArray());
        Assert.Contains(corrupt, Assert.Throws<InvalidDataException>(() => YouTubersCorpus.Open(empty.Root, cacheRoot: empty.File("cache"))).Message);
    }

    [Fact]
    public void A_corrupt_video_among_good_ones_stops_the_opening_by_default_and_is_skipped_and_reported_on_request()
    {
        using var copy = new Fixtures.TempFolder();
        foreach (var (identity, video) in new[] { ("anna", "v1"), ("anna", "v2"), ("bob", "v1"), ("bob", "v2") })
        {
            var target = Path.Combine(YouTubersLayout.IdentityFolder(copy.Root, identity), video + ".mp4");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(folder.VideoPath(identity, video), target);
        }
        var corrupt = Path.Combine(YouTubersLayout.IdentityFolder(copy.Root, "bob"), "broken.mp4");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 4000).Select(i => (byte)(i * 31)).ToArray());

        var before = LiveTensors.Settled();
        var thrown = Assert.Throws<InvalidDataException>(() => YouTubersCorpus.Open(copy.Root, cacheRoot: copy.File("cache")));
        Assert.Contains(corrupt, thrown.Message);

        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var corpus = YouTubersCorpus.Open(copy.Root, cacheRoot: copy.File("cache"), badSamples: skip);
        Assert.Equal(["anna/v1", "anna/v2", "bob/v1", "bob/v2"], corpus.Pairs.Select(p => $"{p.Identity}/{p.Video}").Distinct().Order());
        var skipped = Assert.Single(skip.Report.Skipped);
        Assert.Equal(corrupt, skipped.File);
        Assert.Contains(corrupt, skipped.Reason); // ffmpeg's own words differ between runs (they hold an address)
        Assert.Equal(before, LiveTensors.Settled());
    }
}
