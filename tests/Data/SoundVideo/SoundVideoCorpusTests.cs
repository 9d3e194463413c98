using Dino.Repro.Data.Loading;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.SoundVideo;

/// <summary>The single-video reader on MP4 files the test writes (H.264 + AAC, as a downloaded clip would be).</summary>
public class SoundVideoCorpusTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void Split_points_are_python_int_of_80_percent()
    {
        Assert.Equal(80, SoundVideoCorpus.SplitPoint(100, 0.8));
        Assert.Equal(64, SoundVideoCorpus.SplitPoint(81, 0.8));
        Assert.Equal(5, SoundVideoCorpus.SplitPoint(7, 0.8));
    }

    [Fact]
    public void Clips_are_T_consecutive_frames_from_the_pass_offset_with_one_clip_kept_as_guard()
    {
        // Frame k and descriptor k both carry k, so a clip's rows name the frames it took.
        var frames = arange(Scalars.Of(100)).to(ScalarType.Byte).view(100, 1, 1, 1).expand(100, 4, 4, 3).contiguous();
        var features = arange(Scalars.Of(100), ScalarType.Float32).view(100, 1).expand(100, 64).contiguous();
        using var sequence = new SoundVideoSequence(frames, features, clipLength: 32);
        Assert.Equal(2, sequence.ClipCount); // ⌊100/32⌋ − 1
        Assert.Equal(63, sequence.ClipStart(1, offset: 31));
        using var clip = sequence.Clip(1, offset: 31);
        Assert.Equal(new long[] { 32, 64 }, clip.Features.shape);
        Assert.Equal(new long[] { 32, 3, 4, 4 }, clip.Frames.shape);
        Assert.Equal(Enumerable.Range(63, 32).Select(k => (float)k).ToArray(), clip.Features.select(1, 0).ToArray<float>());
        // Frames come back in [−1, 1]: level k ↦ k/127.5 − 1.
        Assert.Equal(94 / 127.5 - 1, clip.Frames[31, 0, 0, 0].ToSingle(), 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => sequence.Clip(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => sequence.Clip(0, offset: 32));

        Assert.Equal(0, sequence.PassOffset(seed: 7, pass: 0));
        var offsets = Enumerable.Range(1, 40).Select(p => sequence.PassOffset(7, p)).ToArray();
        Assert.All(offsets, o => Assert.InRange(o, 0, 31));
        Assert.True(offsets.Distinct().Count() > 10, "offsets should vary from pass to pass");
        Assert.Equal(offsets, Enumerable.Range(1, 40).Select(p => sequence.PassOffset(7, p)).ToArray());
    }

    [Fact]
    public void An_mp4_with_sound_gives_aligned_frames_and_descriptors_split_80_20()
    {
        var path = SoundVideoFixture.WriteClip(temp.Root, "clip");
        using var corpus = SoundVideoCorpus.Load(path, new SoundVideoOptions(Size: 32, ClipLength: 8));

        var n = corpus.Train.Length + corpus.Validation.Length;
        Assert.InRange(n, 76, 80); // 80 frames; the AAC track may end a few ms early
        Assert.Equal(SoundVideoCorpus.SplitPoint(n, 0.8), corpus.Train.Length);
        Assert.Equal(new long[] { corpus.Train.Length, 32, 32, 3 }, corpus.Train.Frames.shape);
        Assert.Equal(new long[] { corpus.Validation.Length, 64 }, corpus.Validation.Features.shape);

        // The centred 64×64 square of the 96×64 frame spans x ∈ [16, 80): its left half grey, its right half white.
        var all = cat([corpus.Train.Frames, corpus.Validation.Frames]).to(ScalarType.Float32);
        for (var k = 0; k < n; k++)
        {
            Assert.InRange(all[k, .., 2..14].mean().ToSingle(), 40 + 2 * k - 4, 40 + 2 * k + 4);
            Assert.InRange(all[k, .., 18..30].mean().ToSingle(), 250, 255);
        }
        // The tone survives AAC and resampling in its own band.
        var bands = cat([corpus.Train.Features, corpus.Validation.Features]).argmax(1).ToArray<long>();
        Assert.All(bands, b => Assert.Equal(20, b));
    }

    [Fact]
    public void An_explicit_crop_selects_the_region()
    {
        var path = SoundVideoFixture.WriteClip(temp.Root, "crop");
        using var corpus = SoundVideoCorpus.Load(path, new SoundVideoOptions(Size: 16, Crop: new CropBox(48, 0, 96, 48)));
        Assert.True(corpus.Train.Frames.to(ScalarType.Float32).min().ToSingle() >= 248, "the right half is white");
        var outside = Assert.Throws<ArgumentException>(() => SoundVideoCorpus.Load(path, new SoundVideoOptions(Crop: new CropBox(0, 0, 97, 64))));
        Assert.Contains(path, outside.Message);
    }

    [Fact]
    public void Missing_corrupt_and_silent_files_are_errors_naming_the_file()
    {
        var missing = temp.File("none.mp4");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => SoundVideoCorpus.Load(missing)).Message);

        var corrupt = temp.File("corrupt.mp4");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 5000).Select(i => (byte)(i * 37)).ToArray());
        Assert.Contains(corrupt, Assert.Throws<InvalidDataException>(() => SoundVideoCorpus.Load(corrupt)).Message);

        var silent = SoundVideoFixture.WriteClip(temp.Root, "silent", withAudio: false);
        Assert.Contains(silent, Assert.Throws<InvalidDataException>(() => SoundVideoCorpus.Load(silent)).Message);
    }

    [Fact]
    public void A_corrupt_clip_among_good_ones_stops_the_read_or_is_skipped_and_reported()
    {
        var good = new[] { SoundVideoFixture.WriteClip(temp.Root, "a"), SoundVideoFixture.WriteClip(temp.Root, "c") };
        var corrupt = temp.File("b.mp4");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 5000).Select(i => (byte)(i * 37)).ToArray());
        var options = new SoundVideoOptions(Size: 16, ClipLength: 8);

        var report = new BadSampleReport(null);
        var read = new List<string>();
        foreach (var clip in SoundVideoCorpus.LoadEach(temp.Root, options, new BadSamples(BadSamplePolicy.Skip, report)))
        {
            using (clip)
                read.Add(clip.Path);
        }
        Assert.Equal(good, read);
        Assert.Equal(corrupt, Assert.Single(report.Skipped).File);

        // The default stops at the bad clip, naming it, after handing out the good one before it.
        read.Clear();
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var clip in SoundVideoCorpus.LoadEach(temp.Root, options))
            {
                using (clip)
                    read.Add(clip.Path);
            }
        });
        Assert.Contains(corrupt, e.Message);
        Assert.Equal([good[0]], read);
        Assert.Throws<DirectoryNotFoundException>(() => SoundVideoCorpus.LoadEach(temp.File("nowhere")));
    }

    [Fact]
    public void Clips_lists_the_videos_of_a_folder_in_name_order()
    {
        foreach (var name in new[] { "b.MP4", "a.mkv", "notes.txt", "c.webm" })
            File.WriteAllText(temp.File(name), "");
        Assert.Equal(new[] { "a.mkv", "b.MP4", "c.webm" }, SoundVideoCorpus.Clips(temp.Root).Select(Path.GetFileName));
        Assert.Throws<DirectoryNotFoundException>(() => SoundVideoCorpus.Clips(temp.File("nowhere")));
    }
}
