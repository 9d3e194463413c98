using System.Text.Json;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Synthetic.VoiceFaces;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.VoiceFaces;

public class VoiceFacesTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void The_frontal_Haar_cascade_finds_every_identity_open_eyed_blinking_and_talking()
    {
        using var detector = FaceDetector.Load();
        const int size = 96;
        var states = new[] { new FaceState(0, 0, false, 0), new FaceState(0.02, -0.012, true, 1), new FaceState(-0.02, 0.012, false, 0.5) };
        for (var id = 0; id < 12; id++)
        {
            var identity = VoiceFaceIdentity.Create(seed: 3, id);
            foreach (var state in states)
            {
                var box = detector.MostConfident(TalkingFace.Render(identity, size, state));
                Assert.True(box.HasValue, $"no face found for {identity.Name} in {state}");
                // Drawn centre: (0.5 + shift_x, 0.52 + shift_y) of the side, the face ~0.5 of the side wide.
                Assert.InRange(box.Value.CenterX, size * (0.42 + state.ShiftX), size * (0.58 + state.ShiftX));
                Assert.InRange(box.Value.CenterY, size * (0.42 + state.ShiftY), size * (0.62 + state.ShiftY));
                Assert.InRange(box.Value.Width, size * 0.35, size * 0.9);
            }
        }
    }

    [Fact]
    public void Identities_are_fixed_by_seed_and_index_and_differ_from_one_another()
    {
        Assert.Equal(VoiceFaceIdentity.Create(5, 2), VoiceFaceIdentity.Create(5, 2));
        var identities = Enumerable.Range(0, 6).Select(i => VoiceFaceIdentity.Create(5, i)).ToArray();
        Assert.Equal(6, identities.Select(i => (i.Skin, i.HalfWidth, i.EyeSpacing)).Distinct().Count());
        Assert.Equal(6, identities.Select(i => i.Voice).Distinct().Count());
        // The cascade needs hair darker than skin: at most 60% of its luma, plus half a grey level for the hair's rounding to bytes.
        Assert.All(identities, i => Assert.True(i.Hair.Luma <= 0.6 * i.Skin.Luma + 0.5, $"hair {i.Hair} vs skin {i.Skin}"));
        var a = TalkingFace.Render(identities[0], 96, default).ToArray<byte>();
        Assert.Equal(a, TalkingFace.Render(identities[0], 96, default).ToArray<byte>());
        Assert.NotEqual(a, TalkingFace.Render(identities[1], 96, default).ToArray<byte>());
    }

    [Fact]
    public void Voice_and_face_are_correlated_so_unseen_speakers_can_be_judged()
    {
        var identities = Enumerable.Range(0, 48).Select(i => VoiceFaceIdentity.Create(11, i)).ToArray();
        // A female voice variant goes with long hair, a male one with the short cut.
        Assert.Equal(identities.Select(i => i.Voice.Variant![0] == 'f'), identities.Select(i => i.Female));
        Assert.Equal(identities.Select(i => i.Female), identities.Select(i => i.Traits.HairLength >= 0.6));
        Assert.All(identities.Where(i => !i.Female), i => Assert.Equal(FaceTraits.None, i.Traits));
        // Pitch falls as the face lengthens: a straight line from (1.2, 75) to (1.38, 25), give or take 3.
        Assert.All(identities, i => Assert.InRange(i.Voice.Pitch, 75 - 50 * (i.Aspect - 1.2) / 0.18 - 3.5, 75 - 50 * (i.Aspect - 1.2) / 0.18 + 3.5));

        // Long hair shows in the rendered frame: beside the jaw, where a short-haired face shows backdrop.
        var female = identities.First(i => i.Female);
        using var frame = TalkingFace.Render(female, 96, default);
        using var shortHaired = TalkingFace.Render(female with { Traits = FaceTraits.None }, 96, default);
        var hairBesideJaw = frame[72, 20].ToArray<byte>();
        Assert.Equal(new[] { female.Hair.R, female.Hair.G, female.Hair.B }, hairBesideJaw);
        Assert.Equal(new[] { female.Background.R, female.Background.G, female.Background.B }, shortHaired[72, 20].ToArray<byte>());
    }

    [Fact]
    public void A_talking_head_video_speaks_GRID_sentences_and_opens_the_mouth_with_the_speech()
    {
        var options = new VoiceFacesOptions(2, 1, 2, 96, Seed: 1);
        var identity = VoiceFaceIdentity.Create(1, 0);
        var video = TalkingHeadVideo.Create(identity, options, 0);
        var again = TalkingHeadVideo.Create(identity, options, 0);
        Assert.Equal(video.Speech, again.Speech);
        Assert.Equal(video.Frames, again.Frames);
        Assert.All(video.Sentences, s => Assert.True(GridGrammar.IsSentence(s.Split(' ')), s));
        Assert.Equal((int)Math.Ceiling(video.Speech.Length * 25.0 / 16000), video.Frames.Count);

        // The first 0.4 s are silent (closed mouth); somewhere the mouth opens fully; openness tracks frame energy.
        Assert.All(video.Frames.Take(10), f => Assert.Equal(0, f.MouthOpen));
        Assert.Contains(video.Frames, f => f.MouthOpen == 1);
        var energy = video
            .Frames.Select((_, k) => video.Speech.Skip(k * 640).Take(640).Select(x => (double)x * x).DefaultIfEmpty().Average())
            .ToArray();
        Assert.True(Correlation.Pearson(energy.Select(Math.Sqrt).ToArray(), video.Frames.Select(f => f.MouthOpen).ToArray()) > 0.9);
        Assert.Contains(video.Frames, f => f.Blink);
    }

    [Fact]
    public void A_written_corpus_loads_through_the_YouTubers_reader_with_a_face_in_every_sampled_frame()
    {
        var options = new VoiceFacesOptions(Identities: 2, VideosPerIdentity: 2, SentencesPerVideo: 3, Size: 96, Seed: 0);
        Assert.Equal(4, VoiceFacesCorpus.Write(temp.Root, options));

        var corpus = YouTubersCorpus.Open(temp.Root, cacheRoot: temp.File("cache"));
        Assert.Equal(new[] { "voice-00", "voice-01" }, corpus.Identities);
        foreach (var source in YouTubersLayout.Videos(temp.Root, 1))
        {
            // Every window the audio allows has a face: detection never misses on the written (H.264) frames.
            var samples = Dino.Repro.Signal.AudioDecoder.Default.Decode(source.Path, 16000).Length;
            var planned = SpeechWindows.Plan(samples, 16000, 4, 2).Count;
            Assert.True(planned >= 1, $"{source.Path} is too short for a 4 s window");
            Assert.Equal(planned, corpus.Pairs.Count(p => p.Identity == source.Identity && p.Video == source.Name));
        }
        Assert.All(corpus.Pairs, p => Assert.Equal(p.Video == "video-01" ? FacePairSplit.UnseenUtterances : FacePairSplit.Train, p.Split));
        Assert.True(File.Exists(temp.File("voice-faces.json")));
    }

    [Fact]
    public void Writing_twice_with_one_seed_gives_the_same_files()
    {
        var options = new VoiceFacesOptions(Identities: 1, VideosPerIdentity: 1, SentencesPerVideo: 1, Size: 80, Seed: 4);
        VoiceFacesCorpus.Write(temp.File("a"), options);
        VoiceFacesCorpus.Write(temp.File("b"), options);
        var identity = VoiceFaceIdentity.Create(4, 0);
        Assert.Equal(
            File.ReadAllBytes(VoiceFacesCorpus.VideoPath(temp.File("a"), identity, 0)),
            File.ReadAllBytes(VoiceFacesCorpus.VideoPath(temp.File("b"), identity, 0))
        );
        Assert.Equal(
            File.ReadAllText(Path.Combine(temp.File("a"), "voice-faces.json")),
            File.ReadAllText(Path.Combine(temp.File("b"), "voice-faces.json"))
        );
    }

    [Fact]
    public void The_cli_makes_it_by_name_in_the_youtubers_layout()
    {
        var (code, stdout, stderr) = CliRunner.Run("corpus", "make", "voice-faces", "--out", temp.Root, "--count", "1", "--size", "80");
        Assert.True(code == 0, stderr);
        Assert.Contains("wrote 2 Voice faces videos", stdout);
        Assert.Equal(["video-00", "video-01"], YouTubersLayout.Videos(temp.Root, 1).Select(v => v.Name));
        (code, _, stderr) = CliRunner.Run("corpus", "make", "voice-faces", "--out", temp.Root, "--size", "40");
        Assert.Equal(2, code);
        Assert.Contains("--size", stderr);
    }

    [Fact]
    public void The_smoke_manifest_records_one_installed_espeak_ng_voice_per_identity_at_least_four_distinct()
    {
        // The smoke preset's identities, voices and sentences; frames at the smallest size the face detector allows.
        var (code, _, stderr) = CliRunner.Run("corpus", "make", "voice-faces", "--preset", "smoke", "--out", temp.Root, "--size", "80");
        Assert.True(code == 0, stderr);
        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.File("voice-faces.json")));
        var identities = manifest
            .RootElement.GetProperty("identities")
            .EnumerateArray()
            .Select(i =>
                (
                    Name: i.GetProperty("name").GetString()!,
                    Voice: i.GetProperty("voice").GetString()!,
                    Female: i.GetProperty("female").GetBoolean(),
                    HairLength: i.GetProperty("hair_length").GetDouble(),
                    Videos: i.GetProperty("videos").EnumerateArray().Select(v => v.EnumerateArray().Select(s => s.GetString()!).ToArray()).ToArray()
                )
            )
            .ToArray();
        Assert.Equal(YouTubersLayout.Videos(temp.Root, 1).Select(v => v.Identity).Distinct(), identities.Select(i => i.Name));
        Assert.True(
            identities.Select(i => i.Voice).Distinct().Count() is var voices && voices == identities.Length && voices >= 4,
            $"voices: {string.Join(", ", identities.Select(i => i.Voice))}"
        );
        Assert.All(identities, i => Assert.True(EspeakVoices.IsInstalled(i.Voice), $"{i.Voice} is not an installed espeak-ng voice"));
        // The voice ↔ face correlation is recorded: female voices (variants f1 …) with long hair.
        Assert.All(identities, i => Assert.Equal(i.Voice.Contains("+f", StringComparison.Ordinal), i.Female));
        Assert.All(identities, i => Assert.Equal(i.Female, i.HairLength >= 0.6));
        Assert.Contains(identities, i => i.Female);
        // Each identity's two videos speak three GRID sentences each.
        Assert.All(identities.SelectMany(i => i.Videos), sentences =>
        {
            Assert.Equal(3, sentences.Length);
            Assert.All(sentences, s => Assert.True(GridGrammar.IsSentence(s.Split(' ')), $"\"{s}\" is not a GRID sentence"));
        });
    }

    [Fact]
    public void Presets_and_sizes_are_checked()
    {
        Assert.Equal(new VoiceFacesOptions(4, 2, 3, 96, 9), VoiceFacesOptions.ForPreset(Preset.Smoke, 9));
        Assert.Contains("real YouTubers", Assert.Throws<ArgumentException>(() => VoiceFacesOptions.ForPreset(Preset.Paper)).Message);
        Assert.Throws<ArgumentException>(() => VoiceFacesCorpus.Write(temp.Root, new VoiceFacesOptions(2, 1, 1, 48, 0)));
    }
}
