using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.Synthetic.SoundDrivenClip;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.SoundDrivenClip;

public class SoundDrivenClipTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void The_melody_and_its_frames_are_fixed_by_the_seed()
    {
        var notes = Melody.Compose(4, 10);
        Assert.Equal(notes, Melody.Compose(4, 10));
        Assert.NotEqual(notes, Melody.Compose(5, 10));
        Assert.All(notes.Zip(notes.Skip(1)), pair => Assert.True(pair.First.End < pair.Second.Start, "notes do not overlap"));
        Assert.True(notes[^1].End <= 10);
        var options = new SoundDrivenClipOptions(10, 64, 4);
        Assert.Equal(
            SoundDrivenClipCorpus.RenderFrame(notes, options, 17).ToArray<byte>(),
            SoundDrivenClipCorpus.RenderFrame(notes, options, 17).ToArray<byte>()
        );
        Assert.Equal(Melody.Synthesize(notes, 10, 8000), Melody.Synthesize(notes, 10, 8000));
    }

    [Fact]
    public void Writing_twice_with_one_seed_gives_the_same_files()
    {
        var options = new SoundDrivenClipOptions(2, 32, Seed: 6);
        var first = SoundDrivenClipCorpus.Write(temp.File("a"), options);
        var second = SoundDrivenClipCorpus.Write(temp.File("b"), options);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(first, ".json")), File.ReadAllText(Path.ChangeExtension(second, ".json")));
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(SoundDrivenClipCorpus.Write(temp.File("c"), options with { Seed = 7 })));
    }

    [Fact]
    public void In_the_written_clip_the_disc_grows_with_loudness_and_moves_right_with_pitch()
    {
        var path = SoundDrivenClipCorpus.Write(temp.Root, new SoundDrivenClipOptions(8, 64, Seed: 2));
        using var corpus = SoundVideoCorpus.Load(path, new SoundVideoOptions(Size: 64, ClipLength: 8));
        var frames = cat([corpus.Train.Frames, corpus.Validation.Frames]).to(ScalarType.Float32);
        var bands = cat([corpus.Train.Features, corpus.Validation.Features]).argmax(1).ToArray<long>();
        var audio = AudioDecoder.Default.Decode(path, 48000).Channels[0];

        // The disc: pixels far from the dark background (0.08, 0.08, 0.12)·255.
        var background = tensor(new float[] { 20, 20, 31 }, [1, 1, 1, 3]);
        var mask = (frames - background).abs().sum(-1) > Scalars.Of(60);
        var xs = arange(Scalars.Of(64), ScalarType.Float32).view(1, 1, 64);
        var area = mask.sum([1, 2]).to(ScalarType.Float32);
        var centreX = (mask.to(ScalarType.Float32) * xs).sum([1, 2]) / area.clamp(min: Scalars.Of(1));
        var areas = area.ToArray<float>();
        var centres = centreX.ToArray<float>();

        // Within notes (a disc shown): its radius against the RMS of frame k's 1/20 s of sound, its x against the pitch band.
        var sizes = new List<double>();
        var loudness = new List<double>();
        var positions = new List<double>();
        var pitches = new List<double>();
        for (var k = 0; k < areas.Length; k++)
        {
            if (areas[k] < 30)
                continue;
            var samples = audio.Skip(k * 2400).Take(2400).ToArray();
            sizes.Add(Math.Sqrt(areas[k]));
            loudness.Add(Math.Sqrt(samples.Select(x => (double)x * x).DefaultIfEmpty().Average()));
            positions.Add(centres[k]);
            pitches.Add(bands[k]);
        }
        Assert.True(positions.Count > 20, $"only {positions.Count} frames show a disc");
        // Rests show the empty background and are quiet.
        var rests = Enumerable.Range(0, areas.Length).Where(k => areas[k] == 0).ToArray();
        Assert.True(rests.Length > 5, "rests show the empty background");
        double MidRms(int k) => Math.Sqrt(audio.Skip(k * 2400 + 960).Take(480).Select(x => (double)x * x).DefaultIfEmpty().Average());
        var restRms = rests.Average(MidRms);
        var noteRms = Enumerable.Range(0, areas.Length).Where(k => areas[k] >= 30).Average(MidRms);
        Assert.True(restRms < 0.1 * noteRms, $"rests should be quiet: RMS {restRms:0.0000} vs {noteRms:0.0000} in notes");
        Assert.True(Correlation.Pearson(sizes, loudness) > 0.8, $"size vs loudness r = {Correlation.Pearson(sizes, loudness):0.00}");
        Assert.True(Correlation.Pearson(positions, pitches) > 0.8, $"position vs pitch r = {Correlation.Pearson(positions, pitches):0.00}");
    }

    [Fact]
    public void The_cli_makes_it_by_name_and_lists_the_new_corpora()
    {
        var (code, stdout, stderr) = CliRunner.Run(
            "corpus",
            "make",
            "sound-driven-clip",
            "--preset",
            "smoke",
            "--out",
            temp.Root,
            "--count",
            "2",
            "--seed",
            "3"
        );
        Assert.True(code == 0, stderr);
        Assert.Contains("2 s", stdout);
        Assert.Equal([Path.Combine(temp.Root, SoundDrivenClipCorpus.VideoFile)], SoundVideoCorpus.Clips(temp.Root));

        (code, stdout, _) = CliRunner.Run("corpus", "list");
        Assert.Equal(0, code);
        foreach (var name in new[] { "youtubers", "sound-video", "voice-faces", "sound-driven-clip" })
            Assert.Contains(name, stdout);

        (code, _, stderr) = CliRunner.Run("corpus", "make", "sound-driven-clip", "--preset", "paper", "--out", temp.Root);
        Assert.Equal(2, code);
        Assert.Contains("sound-video.sh", stderr);
    }
}
