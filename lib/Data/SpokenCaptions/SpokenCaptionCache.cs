using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>Where <see cref="SpokenCaptionCache.Prepare"/> stands: utterances done of the total, and how many of those it spoke.</summary>
public readonly record struct SpeechProgress(int Done, int Total, int Synthesized);

/// <summary>What one <see cref="SpokenCaptionCache.Prepare"/> did.</summary>
public readonly record struct SpeechPrepareReport(int Total, int Synthesized, int Reused);

/// <summary>
/// The spoken captions of a corpus, cached as 16 kHz mono WAVs at
/// <c>&lt;root&gt;/&lt;voice tag&gt;/&lt;image key&gt;_&lt;line&gt;.wav</c> (so keyed by corpus — the root —, caption id and voice), each
/// written atomically. One voice speaks each caption (<see cref="CaptionVoices.IndexFor"/>), so an image has ten
/// utterances. <see cref="Prepare"/> speaks the missing ones and can be stopped and rerun: it only redoes what the
/// manifest does not vouch for.
/// </summary>
public sealed class SpokenCaptionCache
{
    /// <summary>The paper's speech rate.</summary>
    public const int DefaultSampleRate = 16_000;

    /// <summary>The manifest is rewritten after this many new utterances, so an interrupted run loses little.</summary>
    private const int CheckpointEvery = 256;

    public SpokenCaptionCache(string root, IReadOnlyList<SpeechVoice>? voices = null, int sampleRate = DefaultSampleRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        Voices = voices ?? CaptionVoices.Default;
        if (Voices.Count == 0)
            throw new ArgumentException("at least one voice is needed", nameof(voices));
        foreach (var voice in Voices)
            voice.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        SampleRate = sampleRate;
    }

    /// <summary>
    /// The cache of a real corpus: <c>&lt;data root&gt;/&lt;corpus&gt;/speech</c>, beside its <c>raw/</c> folder (data root:
    /// <paramref name="dataRoot"/>, or the kit's when null).
    /// </summary>
    public static SpokenCaptionCache ForCorpus(string corpusName, IReadOnlyList<SpeechVoice>? voices = null, string? dataRoot = null) =>
        new(Path.Combine(dataRoot ?? IO.KitPaths.DataRoot(), corpusName, "speech"), voices);

    public string Root { get; }
    public IReadOnlyList<SpeechVoice> Voices { get; }
    public int SampleRate { get; }

    public string ManifestPath => Path.Combine(Root, SpokenCaptionManifest.FileName);

    /// <summary>The ten utterances of an image (whether or not they are cached yet).</summary>
    public IReadOnlyList<Utterance> UtterancesOf(CaptionedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image
            .Captions.Select(
                (text, line) =>
                {
                    var voice = Voices[CaptionVoices.IndexFor(image.Key, line, Voices.Count)];
                    return new Utterance(image.Key, line, text, voice.Tag, $"{voice.Tag}/{image.Key}_{line}.wav");
                }
            )
            .ToArray();
    }

    /// <summary>Where an utterance's WAV is.</summary>
    public string PathOf(Utterance utterance) => Path.Combine(Root, utterance.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// Speaks every caption of <paramref name="images"/> that the cache does not hold yet (or holds for another text) with
    /// espeak-ng, <paramref name="parallelism"/> at a time, reporting each finished utterance to <paramref name="progress"/>.
    /// </summary>
    public SpeechPrepareReport Prepare(
        IEnumerable<CaptionedImage> images,
        IProgress<SpeechProgress>? progress = null,
        int parallelism = 0,
        CancellationToken cancellation = default
    )
    {
        ArgumentNullException.ThrowIfNull(images);
        var known = SpokenCaptionManifest.Read(ManifestPath);
        var wanted = images.SelectMany(UtterancesOf).ToArray();
        var missing = wanted.Where(u => !IsCached(u, known)).ToArray();
        var voices = Voices.ToDictionary(v => v.Tag);
        var gate = new object();
        int done = wanted.Length - missing.Length,
            spoken = 0,
            sinceCheckpoint = 0;
        progress?.Report(new SpeechProgress(done, wanted.Length, 0));
        try
        {
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount,
                CancellationToken = cancellation,
            };
            Parallel.ForEach(missing, options, utterance =>
            {
                var audio = EspeakNg.Synthesize(utterance.Text, voices[utterance.Voice], SampleRate);
                WavFile.Write(PathOf(utterance), audio);
                lock (gate)
                {
                    known[utterance.RelativePath] = utterance;
                    done++;
                    spoken++;
                    if (++sinceCheckpoint >= CheckpointEvery)
                    {
                        SpokenCaptionManifest.Write(ManifestPath, known.Values, SampleRate);
                        sinceCheckpoint = 0;
                    }
                    progress?.Report(new SpeechProgress(done, wanted.Length, spoken));
                }
            });
        }
        finally
        {
            if (spoken > 0 || !File.Exists(ManifestPath))
                SpokenCaptionManifest.Write(ManifestPath, known.Values, SampleRate);
        }
        return new SpeechPrepareReport(wanted.Length, spoken, wanted.Length - spoken);
    }

    /// <summary>The utterances of <paramref name="image"/> as files, checked to be in the cache.</summary>
    public IReadOnlyList<string> RequirePaths(CaptionedImage image)
    {
        var paths = UtterancesOf(image).Select(PathOf).ToArray();
        var absent = paths.FirstOrDefault(p => !File.Exists(p));
        if (absent is not null)
            throw new FileNotFoundException(
                $"spoken caption {absent} is not cached: run the corpus' speech preparation (SpokenCaptionCache.Prepare) first",
                absent
            );
        return paths;
    }

    private bool IsCached(Utterance utterance, IReadOnlyDictionary<string, Utterance> known) =>
        known.TryGetValue(utterance.RelativePath, out var entry) && entry.Text == utterance.Text && File.Exists(PathOf(utterance));
}
