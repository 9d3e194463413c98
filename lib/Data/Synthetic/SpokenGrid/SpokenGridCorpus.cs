using System.Globalization;
using System.Text.Json;
using Dino.Repro.Data.Grid;
using Dino.Repro.IO;
using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SpokenGrid;

/// <summary>One utterance as it is written: its speaker, id, words with timings, samples and mouth track.</summary>
public sealed record SpokenUtterance(GridUtterance Utterance, IReadOnlyList<SpokenWord> Words, float[] Samples, MouthShape[] Mouth)
{
    public double Seconds(int sampleRate) => (double)Samples.Length / sampleRate;
}

/// <summary>
/// The embedded video-to-speech corpus: GRID-grammar sentences spoken by espeak-ng voices (one voice per speaker)
/// at 16 kHz, each with a 25 fps video of a synthetic face whose mouth follows the phonemes. Written in GRID's
/// layout (<see cref="GridLayout"/>: MPEG-1 <c>.mpg</c> with the audio muxed in, 16-bit <c>.wav</c>, exact
/// <c>.align</c>), so <see cref="GridCorpus"/> reads it as it reads GRID. Audio and alignments are byte-identical
/// for the same options; speakers get GRID numbers from every part of the split (<see cref="SpokenGridOptions.SpeakerNumbers"/>).
/// </summary>
public static class SpokenGridCorpus
{
    public const string Name = "spoken-grid";
    public const string ManifestFile = "spoken-grid.json";

    private const int SamplesPerFrame = SpokenGridOptions.SampleRate / 25;

    /// <summary>Writes the corpus under <paramref name="root"/> and returns a reader on it.</summary>
    public static GridCorpus Write(string root, SpokenGridOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(root);
        var numbers = SpokenGridOptions.SpeakerNumbers(options.Speakers);
        for (var k = 0; k < options.Speakers; k++)
        {
            var bank = new WordBank(SpokenGridOptions.Voices[k], SpokenGridOptions.SampleRate);
            var face = TalkingFace.ForSpeaker(numbers[k], options.Seed);
            foreach (var utterance in Compose(bank, numbers[k], options))
                WriteUtterance(root, utterance, face, options.FrameSize);
        }
        WriteManifest(root, options, numbers);
        return new GridCorpus(root);
    }

    /// <summary>A speaker's utterances in memory, exactly as <see cref="Write"/> stores them.</summary>
    public static IReadOnlyList<SpokenUtterance> Compose(WordBank bank, int speaker, SpokenGridOptions options)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(SeedOf(options.Seed, speaker));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var utterances = new List<SpokenUtterance>();
        while (utterances.Count < options.UtterancesPerSpeaker)
        {
            var sentence = GridGrammar.Sample(random);
            var id = GridLayout.IdOf(sentence);
            if (!ids.Add(id))
                continue; // GRID ids are unique per speaker
            utterances.Add(Speak(bank, new GridUtterance(speaker, id), sentence, random));
        }
        return utterances;
    }

    // Lead-in silence, the words with short pauses between them, silence to 3 s (or to the next whole frame).
    private static SpokenUtterance Speak(WordBank bank, GridUtterance utterance, IReadOnlyList<string> sentence, Random random)
    {
        var rate = (double)bank.SampleRate;
        var cursor = (int)((0.3 + 0.15 * random.NextDouble()) * rate);
        var placed = new List<(WordRecording Recording, int Start)>();
        foreach (var word in sentence)
        {
            var recording = bank[word];
            placed.Add((recording, cursor));
            cursor += recording.Samples.Length + (int)((0.04 + 0.05 * random.NextDouble()) * rate);
        }
        var needed = Math.Max((int)(SpokenGridOptions.UtteranceSeconds * rate), cursor + (int)(0.15 * rate));
        var samples = new float[(needed + SamplesPerFrame - 1) / SamplesPerFrame * SamplesPerFrame];
        var words = new List<SpokenWord>();
        foreach (var (recording, start) in placed)
        {
            recording.Samples.CopyTo(samples, start);
            var timing = new GridWord(recording.Word, start / rate, (start + recording.Samples.Length) / rate);
            words.Add(new SpokenWord(timing, recording.Visemes));
        }
        var mouth = MouthTrack.Of(words, samples, samples.Length / SamplesPerFrame, GridClipOptions.FramesPerSecond);
        return new SpokenUtterance(utterance, words, samples, mouth);
    }

    private static void WriteUtterance(string root, SpokenUtterance spoken, TalkingFace face, int size)
    {
        var (speaker, id) = (spoken.Utterance.Speaker, spoken.Utterance.Id);
        var wavPath = GridLayout.AudioPath(root, speaker, id);
        Directory.CreateDirectory(Path.GetDirectoryName(wavPath)!);
        WavFile.Write(wavPath, spoken.Samples, SpokenGridOptions.SampleRate);
        var alignPath = GridLayout.AlignmentPath(root, speaker, id);
        Directory.CreateDirectory(Path.GetDirectoryName(alignPath)!);
        GridAlignment.Write(alignPath, spoken.Words.Select(w => w.Timing).ToArray(), spoken.Seconds(SpokenGridOptions.SampleRate));

        var pixels = new byte[spoken.Mouth.Length * size * size * 3];
        for (var t = 0; t < spoken.Mouth.Length; t++)
            face.Draw(size, spoken.Mouth[t]).CopyTo(pixels.AsSpan(t * size * size * 3));
        var h264 = AtomicFile.TempPathFor(GridLayout.VideoPath(root, speaker, id) + ".mp4", keepExtension: true);
        try
        {
            using (var frames = torch.tensor(pixels, [spoken.Mouth.Length, size, size, 3]))
                VideoWriter.Write(h264, frames, new VideoWriterOptions { Fps = GridClipOptions.FramesPerSecond, Crf = 10 });
            MpegVideo.Convert(h264, GridLayout.VideoPath(root, speaker, id), wavPath);
        }
        finally
        {
            AtomicFile.TryDelete(h264);
        }
    }

    // A seed from (corpus seed, speaker) that is the same in every process (HashCode.Combine is not).
    internal static int SeedOf(long seed, int speaker, int salt = 0) => unchecked((int)(seed * 1_000_003L + speaker * 7_919L + salt * 104_729L));

    private static void WriteManifest(string root, SpokenGridOptions options, IReadOnlyList<int> numbers)
    {
        var manifest = new
        {
            corpus = Name,
            layout = "GRID",
            speakers = numbers.Select(
                (n, k) =>
                    new
                    {
                        speaker = $"s{n}",
                        split = GridSplit.Of(n).ToString().ToLowerInvariant(),
                        voice = SpokenGridOptions.Voices[k].Tag,
                    }
            ),
            utterancesPerSpeaker = options.UtterancesPerSpeaker,
            frameSize = options.FrameSize,
            sampleRate = SpokenGridOptions.SampleRate,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
        };
        AtomicFile.WriteAllText(
            Path.Combine(root, ManifestFile),
            JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>`dino corpus make spoken-grid`: --count is utterances per speaker, --size the frame side; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request)
    {
        var options = SpokenGridOptions.ForPreset(request.Preset, request.Seed);
        options = options with
        {
            UtterancesPerSpeaker = request.Count ?? options.UtterancesPerSpeaker,
            FrameSize = request.Size ?? options.FrameSize,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"--count/--size out of range: {e.Message}", e);
        }
        GridCorpus corpus;
        try
        {
            corpus = SpokenGridCorpus.Write(root, options);
        }
        catch (SpeechSynthesisException e)
        {
            throw new InvalidOperationException($"Spoken GRID needs espeak-ng: {e.Message}", e);
        }
        using var _ = corpus;
        var speakers = corpus.Speakers();
        return $"wrote {speakers.Count} Spoken GRID speakers × {options.UtterancesPerSpeaker} utterances at {options.FrameSize}² "
            + $"(seed {options.Seed}) to {corpus.Root}: speakers {string.Join(" ", speakers.Select(s => $"s{s}"))}";
    }

    /// <summary>Frame side of a Spoken GRID made for its speech alone: the smallest allowed, as no reader of it looks at the video.</summary>
    public const int SpeechOnlyFrameSize = 48;

    /// <summary>
    /// Spoken GRID of <paramref name="speakers"/> voices × <paramref name="utterances"/> made once under the data root
    /// (keyed by its size and seed) and reused by every later run.
    /// </summary>
    public static GridCorpus MadeOnce(int speakers, int utterances)
    {
        var spoken = new SpokenGridOptions(speakers, utterances, SpeechOnlyFrameSize, SpokenGridOptions.DefaultSeed);
        var root = Path.Combine(KitPaths.DataRoot(), Name, $"seed{spoken.Seed}-{spoken.Speakers}x{spoken.UtterancesPerSpeaker}-{spoken.FrameSize}px");
        MadeOnceFolder.Ensure(root, ManifestFile, folder => Write(folder, spoken).Dispose());
        return new GridCorpus(root);
    }
}
