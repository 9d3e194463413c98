using Dino.Repro.Signal;

namespace Dino.Repro.Data.SoundVideo;

/// <summary>
/// The unheard sounds Table 2 of Listen and Move drives a trained generator with, chosen as the reference's
/// eval_FSD50K.py does: the files in a random order, each cut to its first 5 s, those shorter than 1 s skipped, until
/// enough are taken. The paper's are FSD50K's development clips; the embedded corpus has its own bank.
/// </summary>
public static class OutOfDistributionSounds
{
    public const double MinSeconds = 1,
        MaxSeconds = 5;

    /// <summary>The paper's count.</summary>
    public const int PaperCount = 500;

    /// <summary>FSD50K's corpus name (data-scripts/fsd50k.sh) and the folder of its development audio in the corpus.</summary>
    public const string Fsd50kName = "fsd50k",
        Fsd50kDevAudio = "FSD50K.dev_audio";

    /// <summary>Where data-scripts/fsd50k.sh unpacks FSD50K's development audio.</summary>
    public static string Fsd50kFolder() => Path.Combine(CorpusPaths.ExpectedPath(Fsd50kName), Fsd50kDevAudio);

    /// <summary>The .wav files of <paramref name="folder"/> in ordinal order; a missing or empty folder says so.</summary>
    public static IReadOnlyList<string> Files(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"out-of-distribution sounds: {folder} not found");
        var files = Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
            throw new InvalidDataException($"out-of-distribution sounds: {folder} holds no .wav file");
        return files;
    }

    /// <summary>
    /// Up to <paramref name="count"/> sounds of <paramref name="files"/> — shuffled by <paramref name="shuffle"/> when given,
    /// else in order — each its first <see cref="MaxSeconds"/>, skipping those under <see cref="MinSeconds"/>. Read lazily.
    /// </summary>
    public static IEnumerable<(string Path, AudioBuffer Audio)> Pick(IReadOnlyList<string> files, int count, Random? shuffle = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var order = files.ToArray();
        shuffle?.Shuffle(order);
        var taken = 0;
        foreach (var path in order)
        {
            if (taken == count)
                yield break;
            var audio = WavFile.Read(path);
            if (audio.Length < MinSeconds * audio.SampleRate)
                continue;
            taken++;
            yield return (path, First(audio, (int)(MaxSeconds * audio.SampleRate)));
        }
    }

    private static AudioBuffer First(AudioBuffer audio, int samples) =>
        audio.Length <= samples ? audio : new AudioBuffer([.. audio.Channels.Select(c => c[..samples])], audio.SampleRate);
}
