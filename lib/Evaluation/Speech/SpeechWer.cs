using Dino.Repro.Evaluation.Metrics;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Evaluation.Speech;

/// <summary>A reference sentence and the WAV it should be heard in.</summary>
public sealed record SpokenReference(string Name, string Sentence);

/// <summary>What <see cref="SpeechWer.Score"/> heard: the summed edit counts and each clip's transcript, in reference order.</summary>
public sealed record SpeechWerResult(WordErrorCounts Errors, IReadOnlyList<SpokenReference> Transcripts);

/// <summary>
/// WER of speech (DINO Table 3): each WAV is transcribed by a trained <see cref="GridTranscriber"/>, then scored against
/// its reference sentence with <see cref="WordErrorRate"/> (counts summed over clips, as jiwer). References are a UTF-8
/// text file, one clip a line: the WAV's file name (with or without ".wav") then the sentence, e.g.
/// <c>s1_bbaf2n bin blue at f two now</c>; blank lines are skipped.
/// </summary>
public static class SpeechWer
{
    public static IReadOnlyList<SpokenReference> ReadReferences(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"no such transcript file: {path}", path);
        var references = new List<SpokenReference>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var words = WordErrorRate.Words(lines[i]);
            if (words.Length == 0)
                continue;
            if (words.Length == 1)
                throw new InvalidDataException($"{path}:{i + 1}: expected \"NAME sentence\", got only \"{words[0]}\"");
            var name = words[0].EndsWith(".wav", StringComparison.OrdinalIgnoreCase) ? words[0][..^4] : words[0];
            references.Add(new SpokenReference(name, string.Join(' ', words.Skip(1))));
        }
        if (references.Count == 0)
            throw new InvalidDataException($"{path} holds no transcripts");
        var repeated = references.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new InvalidDataException($"{path} names a clip more than once: {string.Join(", ", repeated.Take(5))}");
        return references;
    }

    /// <summary>Transcribes <c>NAME.wav</c> in <paramref name="wavFolder"/> for every reference; every WAV there must have a reference.</summary>
    public static SpeechWerResult Score(GridTranscriber transcriber, IReadOnlyList<SpokenReference> references, string wavFolder)
    {
        ArgumentNullException.ThrowIfNull(transcriber);
        ArgumentNullException.ThrowIfNull(references);
        if (!Directory.Exists(wavFolder))
            throw new DirectoryNotFoundException($"no such folder of WAVs: {wavFolder}");
        var wavs = Directory.GetFiles(wavFolder, "*.wav").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = references.Where(r => !wavs.Contains(r.Name)).Select(r => r.Name + ".wav").ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException($"{missing.Count} transcribed clip(s) have no WAV in {wavFolder}: {string.Join(", ", missing.Take(5))}");
        var unreferenced = wavs.Except(references.Select(r => r.Name)).Order(StringComparer.Ordinal).ToList();
        if (unreferenced.Count > 0)
            throw new InvalidDataException(
                $"{unreferenced.Count} WAV(s) in {wavFolder} have no reference transcript: "
                    + $"{string.Join(", ", unreferenced.Take(5).Select(n => n + ".wav"))}"
            );

        var heard = references
            .Select(r => new SpokenReference(r.Name, transcriber.Transcribe(WavFile.Read(Path.Combine(wavFolder, r.Name + ".wav")))))
            .ToList();
        return new SpeechWerResult(WordErrorRate.Corpus(references.Select(r => r.Sentence).ToList(), heard.Select(h => h.Sentence).ToList()), heard);
    }
}
