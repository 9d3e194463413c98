using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Synthetic.SpokenGrid;
using Dino.Repro.IO;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Data.Grid;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.Synthetic;

/// <summary>Two speakers × two utterances at 48², written once for the tests of this class.</summary>
public sealed class SpokenGridFixture : IDisposable
{
    public static readonly SpokenGridOptions Options = new(Speakers: 2, UtterancesPerSpeaker: 2, FrameSize: 48, Seed: 5);

    public SpokenGridFixture()
    {
        using var corpus = SpokenGridCorpus.Write(Folder.Root, Options);
    }

    public Fixtures.TempFolder Folder { get; } = new();

    /// <summary>The utterances of speaker index <paramref name="k"/> as composed in memory.</summary>
    public IReadOnlyList<SpokenUtterance> Composed(int k) =>
        SpokenGridCorpus.Compose(
            new WordBank(SpokenGridOptions.Voices[k], SpokenGridOptions.SampleRate),
            SpokenGridOptions.SpeakerNumbers(2)[k],
            Options
        );

    public void Dispose() => Folder.Dispose();
}

public class SpokenGridCorpusTests(SpokenGridFixture fixture) : IClassFixture<SpokenGridFixture>
{
    private string Root => fixture.Folder.Root;

    [Fact]
    public void Writes_grid_layout_with_speakers_from_the_split_and_align_files_that_spell_the_id()
    {
        using var corpus = new GridCorpus(Root);
        Assert.Equal([1, 3], corpus.Speakers());
        foreach (var speaker in corpus.Speakers())
        {
            var ids = corpus.Utterances(speaker);
            Assert.Equal(2, ids.Count);
            foreach (var id in ids)
            {
                var words = corpus.ReadWords(new GridUtterance(speaker, id)).Select(w => w.Word).ToArray();
                Assert.True(GridGrammar.IsSentence(words), string.Join(' ', words));
                Assert.Equal(id, GridLayout.IdOf(words));
                // The alignment ends where the audio ends: 3 s = 75,000 units = 48,000 samples at 16 kHz.
                var tokens = GridAlignment.Read(GridLayout.AlignmentPath(Root, speaker, id));
                var wav = WavFile.Read(GridLayout.AudioPath(Root, speaker, id));
                Assert.Equal(16_000, wav.SampleRate);
                Assert.Equal(wav.Length / 16_000.0, tokens[^1].EndSeconds, 9);
            }
        }
    }

    [Fact]
    public void Align_times_are_the_sample_positions_of_the_words_as_composed()
    {
        using var corpus = new GridCorpus(Root);
        foreach (var spoken in fixture.Composed(0))
        {
            var read = corpus.ReadWords(spoken.Utterance);
            Assert.Equal(spoken.Words.Select(w => w.Timing.Word), read.Select(w => w.Word));
            foreach (var (composed, aligned) in spoken.Words.Zip(read))
            {
                Assert.Equal(composed.Timing.StartSeconds, aligned.StartSeconds, 1.0 / 25_000);
                Assert.Equal(composed.Timing.EndSeconds, aligned.EndSeconds, 1.0 / 25_000);
            }
            // The word's samples are audible at its start and the audio is silent before the first word.
            var samples = WavFile.Read(GridLayout.AudioPath(Root, spoken.Utterance.Speaker, spoken.Utterance.Id)).Channels[0];
            var first = (int)(read[0].StartSeconds * 16_000);
            Assert.All(samples[..(first - 1)], s => Assert.Equal(0f, s));
            Assert.True(samples[first..(first + 160)].Max(Math.Abs) > 0.005f);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_wav_and_align_bytes_and_another_seed_other_sentences()
    {
        using var again = new Fixtures.TempFolder();
        using (SpokenGridCorpus.Write(again.Root, SpokenGridFixture.Options with { Speakers = 1 })) { }
        using var corpus = new GridCorpus(Root);
        foreach (var id in corpus.Utterances(1))
        {
            Assert.Equal(File.ReadAllBytes(GridLayout.AudioPath(Root, 1, id)), File.ReadAllBytes(GridLayout.AudioPath(again.Root, 1, id)));
            Assert.Equal(File.ReadAllBytes(GridLayout.AlignmentPath(Root, 1, id)), File.ReadAllBytes(GridLayout.AlignmentPath(again.Root, 1, id)));
        }
        var bank = new WordBank(SpokenGridOptions.Voices[0], SpokenGridOptions.SampleRate);
        var other = SpokenGridCorpus
            .Compose(bank, 1, SpokenGridFixture.Options with { Seed = 6, UtterancesPerSpeaker = 5 })
            .Select(u => u.Utterance.Id);
        var same = SpokenGridCorpus.Compose(bank, 1, SpokenGridFixture.Options with { UtterancesPerSpeaker = 5 }).Select(u => u.Utterance.Id);
        Assert.NotEqual(same, other);
    }

    [Fact]
    public void The_grid_reader_loads_it_back_with_the_composed_audio_and_a_mouth_that_moves_with_the_speech()
    {
        using var corpus = new GridCorpus(Root);
        var composed = fixture.Composed(1);
        var energies = new List<double[]>();
        var darkness = new List<double[]>();
        foreach (var spoken in composed)
        {
            using var example = corpus.Load(spoken.Utterance, new GridClipOptions { Size = 32, Grayscale = true });
            Assert.Equal([75L, 1, 32, 32], example.Video.shape);
            var audio = example.Audio.ToArray<float>();
            Assert.Equal(48_000, audio.Length);
            for (var n = 0; n < audio.Length; n++)
                Assert.True(Math.Abs(audio[n] - spoken.Samples[n]) <= 1.0 / 32_768 + 1e-7, $"sample {n}");
            energies.Add(Enumerable.Range(0, 75).Select(t => FrameRms(spoken.Samples, t)).ToArray());
            darkness.Add(
                Enumerable
                    .Range(0, 75)
                    .Select(t =>
                    {
                        using var frame = example.Video.select(0, t);
                        using var mean = frame.mean();
                        return -(double)mean.ToSingle();
                    })
                    .ToArray()
            );
        }
        // The drawn mouth opens (a dark cavity) while there is speech and rests between words, so its darkness
        // follows the energy of the audio (r ≈ 0.63 for these two utterances).
        var r = Correlation.Pearson([.. energies[0], .. energies[1]], [.. darkness[0], .. darkness[1]]);
        Assert.True(r > 0.45, $"correlation of speech energy and mouth darkness: {r}");
    }

    [Fact]
    public void The_composed_mouth_opening_follows_the_speech_energy()
    {
        var energies = new List<double>();
        var openings = new List<double>();
        foreach (var spoken in fixture.Composed(0).Concat(fixture.Composed(1)))
            for (var t = 0; t < spoken.Mouth.Length; t++)
            {
                energies.Add(FrameRms(spoken.Samples, t));
                openings.Add(spoken.Mouth[t].Opening);
            }
        // r ≈ 0.68 over these four utterances; closures (b, p, m) stay shut while they sound, so it is not near 1.
        var r = Correlation.Pearson(energies, openings);
        Assert.True(r > 0.5, $"correlation of speech energy and mouth opening: {r}");
    }

    // Speech energy of video frame t: the RMS of its 640 samples at 16 kHz.
    private static double FrameRms(float[] samples, int t) => Math.Sqrt(samples.AsSpan(t * 640, 640).ToArray().Average(s => (double)s * s));

    [Fact]
    public void Presets_and_limits()
    {
        Assert.Equal(new SpokenGridOptions(4, 6, 64, 0), SpokenGridOptions.ForPreset(Preset.Smoke));
        Assert.Equal(new SpokenGridOptions(8, 100, 96, 3), SpokenGridOptions.ForPreset(Preset.Cpu, 3));
        Assert.Throws<ArgumentException>(() => SpokenGridOptions.ForPreset(Preset.Paper));
        Assert.Throws<UsageException>(() => SpokenGridOptions.ForPreset(Presets.Parse("huge")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpokenGridOptions(9, 6, 64, 0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpokenGridOptions(4, 6, 40, 0).Validate());
        // Four speakers already cover train, val and test.
        Assert.Equal([1, 3, 9, 2], SpokenGridOptions.SpeakerNumbers(4));
        Assert.Equal(
            [GridSplitName.Train, GridSplitName.Train, GridSplitName.Val, GridSplitName.Test],
            SpokenGridOptions.SpeakerNumbers(4).Select(GridSplit.Of)
        );
    }
}
