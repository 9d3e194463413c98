using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.Synthetic.SoundMotion;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.SoundMotion;

/// <summary>One 8-second corpus at 64², written once for the class.</summary>
public sealed class SoundMotionFixture : IDisposable
{
    public SoundMotionFixture() => SoundMotionCorpus.Write(Folder.Root, Options);

    public static SoundMotionOptions Options { get; } = new(Seconds: 8, Size: 64, Seed: 3, OodSounds: 5);
    public Fixtures.TempFolder Folder { get; } = new();

    public void Dispose() => Folder.Dispose();
}

public class SoundMotionCorpusTests(SoundMotionFixture corpus) : IClassFixture<SoundMotionFixture>
{
    private static readonly SoundMotionOptions Options = SoundMotionFixture.Options;

    [Fact]
    public void Every_source_is_a_real_sound_video_clip_with_one_recorded_state_per_frame()
    {
        Assert.Equal(
            SoundMotionCorpus.Sources.Select(s => Path.Combine(corpus.Folder.Root, s.Name + ".mp4")).Order(StringComparer.Ordinal),
            SoundVideoCorpus.Clips(corpus.Folder.Root)
        );
        Assert.Equal(["Cello", "Quintet", "Drums", "Talking Head"], SoundMotionCorpus.Sources.Select(s => s.Column));
        foreach (var source in SoundMotionCorpus.Sources)
        {
            using var clip = SoundVideoCorpus.Load(
                Path.Combine(corpus.Folder.Root, source.Name + ".mp4"),
                new SoundVideoOptions(Size: 32, ClipLength: 8)
            );
            var states = SoundMotionStates.Read(corpus.Folder.Root, source.Name);
            Assert.Equal(Options.FrameCount, states.Frames.Count);
            Assert.InRange(clip.Train.Length + clip.Validation.Length, Options.FrameCount - 1, Options.FrameCount);
            Assert.All(states.Frames.SelectMany(f => f), v => Assert.InRange(v, 0, 1));
            Assert.True(states.Frames.Select(f => f[0]).Distinct().Count() > 20, $"{source.Name}: the state moves");
        }
    }

    // Per source: an image statistic of each decoded frame that the state sets, and the state field it follows.
    public static TheoryData<string> SourceNames => new(SoundMotionCorpus.Sources.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(SourceNames))]
    public void What_each_frame_shows_follows_its_recorded_state_through_the_video_codec(string name)
    {
        using var scope = NewDisposeScope();
        using var clip = SoundVideoCorpus.Load(Path.Combine(corpus.Folder.Root, name + ".mp4"), new SoundVideoOptions(Size: 64, ClipLength: 8));
        var frames = cat([clip.Train.Frames, clip.Validation.Frames]).to(ScalarType.Float32); // [N, 64, 64, 3]
        var states = SoundMotionStates.Read(corpus.Folder.Root, name).Frames.Take((int)frames.size(0)).ToArray();
        var backdrop = frames.kthvalue((frames.size(0) + 1) / 2, 0).values; // the median // shapes move or change, the backdrop stays
        var changed = (frames - backdrop).abs().sum(-1).gt(Scalars.Of(60)).to(ScalarType.Float32); // [N, 64, 64]
        var rows = arange(Scalars.Of(64), ScalarType.Float32).view(1, 64, 1);

        double[] CentreRow(Tensor mask) =>
            (mask * rows).sum([1, 2]).div(mask.sum([1, 2]).clamp(min: Scalars.Of(1))).to(ScalarType.Float64).data<double>().ToArray();
        void Follows(double[] statistic, Func<double[], double> field, double sign, string what)
        {
            var shown = Enumerable.Range(0, statistic.Length).Where(k => !double.IsNaN(statistic[k])).ToArray();
            var r = Correlation.Pearson(shown.Select(k => statistic[k]).ToList(), shown.Select(k => sign * field(states[k])).ToList());
            Assert.True(r > 0.9, $"{name}: {what} r = {r:0.000}");
        }

        switch (name)
        {
            case "melodic": // the disc rises with the low-passed pitch
                Follows(CentreRow(changed), s => s[0], -1, "disc row vs height");
                break;
            case "harmonic": // three discs in three columns, each rising with its voice
                for (var v = 0; v < 3; v++)
                {
                    var column = changed.narrow(2, v * 21, 21);
                    Follows(CentreRow(column), s => s[v], -1, $"disc {v + 1} row vs its height");
                }
                break;
            case "percussive": // the centre brightens with the flash
                var centre = frames.narrow(1, 28, 8).narrow(2, 28, 8).mean([1, 2, 3]).to(ScalarType.Float64).data<double>().ToArray();
                Follows(centre, s => s[0], 1, "centre brightness vs flash");
                break;
            default: // the dark mouth opens
                var mouth = frames.narrow(1, 36, 16).narrow(2, 22, 20);
                var dark = mouth.mean([-1]).lt(Scalars.Of(90)).to(ScalarType.Float32).sum([1, 2]).to(ScalarType.Float64).data<double>().ToArray();
                Follows(dark, s => s[0], 1, "dark mouth area vs openness");
                break;
        }
    }

    [Fact]
    public void The_motion_remembers_the_sound_through_a_one_pole_low_pass()
    {
        // A unit step through the filter: 1 − e^(−t/τ) exactly at every grid point (1 − α = e^(−1/(rate·τ))).
        var step = ControlSignal.LowPass([0, .. Enumerable.Repeat(1.0, 999)], MelodicSource.PitchMemory);
        foreach (var n in new[] { 1, 150, 450 })
            Assert.Equal(1 - Math.Exp(-n / (ControlSignal.Rate * MelodicSource.PitchMemory)), step[n], 12);
        // In the clip: after a jump in pitch the disc is still on its way a frame (50 ms) later.
        var melodic = SoundMotionStates.Read(corpus.Folder.Root, "melodic").Frames.Select(f => f[0]).ToArray();
        var moves = melodic.Zip(melodic.Skip(1), (a, b) => Math.Abs(b - a)).ToArray();
        Assert.True(moves.Max() < 0.5, "no frame jumps the whole way");
        Assert.True(moves.Count(m => m > 1e-3) > moves.Length / 3, "the disc keeps moving between notes");
    }

    [Fact]
    public void A_percussive_hit_sounds_in_the_frame_its_flash_jumps()
    {
        var track = new PercussiveSource().Make(Options with { SampleRate = 8000 }, new Random(5));
        var perFrame = 8000 / 20;
        var rms = Enumerable
            .Range(0, Options.FrameCount)
            .Select(k => Math.Sqrt(track.Audio.Skip(k * perFrame).Take(perFrame).Average(s => (double)s * s)))
            .ToList();
        var flash = track.States.Select(s => s[0]).ToList();
        Assert.True(Correlation.Pearson(rms, flash) > 0.8, $"sound vs flash r = {Correlation.Pearson(rms, flash):0.00}");
    }

    [Fact]
    public void The_out_of_distribution_bank_holds_one_to_five_seconds_of_each_kind()
    {
        var files = Directory.GetFiles(Path.Combine(corpus.Folder.Root, OodSoundBank.Folder)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(5, files.Length);
        Assert.Equal(OodSoundBank.Kinds.Append("noise"), files.Select(f => Path.GetFileNameWithoutExtension(f).Split('-')[^1]));
        foreach (var file in files)
        {
            var audio = WavFile.Read(file);
            Assert.Equal(Options.SampleRate, audio.SampleRate);
            Assert.InRange(audio.Duration.TotalSeconds, 1, 5);
            Assert.True(audio.Channels[0].Max(Math.Abs) > 0.05f, $"{file} is silent");
        }
    }

    [Fact]
    public void One_seed_makes_the_same_states_and_bad_requests_are_named()
    {
        var options = Options with { Seconds = 3, OodSounds = 0 };
        var source = new HarmonicSource();
        var a = source.Make(options, new Random(1));
        var b = source.Make(options, new Random(1));
        Assert.Equal(a.States.SelectMany(s => s), b.States.SelectMany(s => s));
        Assert.Equal(a.Audio, b.Audio);
        Assert.NotEqual(a.States.SelectMany(s => s), source.Make(options, new Random(2)).States.SelectMany(s => s));

        Assert.Contains("2 to 3600 s", Assert.Throws<ArgumentException>(() => (Options with { Seconds = 1 }).Validate()).Message);
        Assert.Contains("sources: melodic", Assert.Throws<ArgumentException>(() => SoundMotionCorpus.Source("violin")).Message);
        Assert.Contains(
            "dino corpus make sound-motion",
            Assert.Throws<FileNotFoundException>(() => SoundMotionStates.Read(corpus.Folder.Root, "violin")).Message
        );
        File.WriteAllText(Path.Combine(corpus.Folder.Root, "broken.states.json"), "{\"fields\": 3}");
        Assert.Throws<InvalidDataException>(() => SoundMotionStates.Read(corpus.Folder.Root, "broken"));
    }
}
