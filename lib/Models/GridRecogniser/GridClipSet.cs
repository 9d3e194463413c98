using Dino.Repro.Data.Grid;
using Dino.Repro.Signal;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// The clips of one part of the GRID split as recogniser inputs: features [N, mels, frames] (every clip padded with
/// silence to the longest, at least the front end's minimum) and slot labels [N, 6] int64, with the sentences.
/// Only audio and alignments are read; videos are never decoded. Dispose it.
/// </summary>
public sealed class GridClipSet : IDisposable
{
    private const int FeatureChunk = 64;

    private GridClipSet(Tensor features, Tensor labels, IReadOnlyList<string> sentences)
    {
        Features = features;
        Labels = labels;
        Sentences = sentences;
    }

    public Tensor Features { get; }
    public Tensor Labels { get; }
    public IReadOnlyList<string> Sentences { get; }
    public int Count => Sentences.Count;

    /// <summary>
    /// Every utterance of <paramref name="split"/>'s speakers in <paramref name="corpus"/> (the first <paramref name="limit"/>; 0 = all).
    /// </summary>
    /// <remarks>Audio is read and turned into features a chunk at a time (the real corpus's training part is ~3 GB of
    /// samples); the WAV headers are read first to find the longest clip, the length every clip is padded to.</remarks>
    /// <exception cref="InvalidDataException">An alignment does not hold a GRID sentence (the message names the file).</exception>
    public static GridClipSet Load(GridCorpus corpus, GridSplitName split, GridFeatures front, int limit = 0)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(front);
        var utterances = corpus.Utterances(split);
        if (limit > 0)
            utterances = utterances.Take(limit).ToArray();
        var longest = utterances
            .Select(u => WavFile.ReadHeader(GridLayout.AudioPath(corpus.Root, u.Speaker, u.Id)).Duration.TotalSeconds)
            .DefaultIfEmpty(0)
            .Max();
        var length = Math.Max(front.MinimumSamples, (int)Math.Ceiling(longest * GridFeatures.SampleRate));
        var sentences = new List<IReadOnlyList<string>>();
        using var scope = torch.NewDisposeScope();
        var chunks = new List<Tensor>();
        foreach (var chunk in utterances.Chunk(FeatureChunk))
        {
            var clips = chunk.Select(u => Read(corpus, u, front)).ToArray();
            sentences.AddRange(clips.Select(c => c.Words));
            chunks.Add(FeaturesOf(clips.Select(c => c.Samples).ToArray(), length, front));
        }
        return Create(chunks, sentences, front);
    }

    /// <summary>A set from samples at 16 kHz and their sentences (tests, and callers holding audio in memory).</summary>
    public static GridClipSet FromClips(IReadOnlyList<float[]> samples, IReadOnlyList<IReadOnlyList<string>> sentences, GridFeatures front)
    {
        ArgumentNullException.ThrowIfNull(front);
        if (samples.Count != sentences.Count)
            throw new ArgumentException($"{samples.Count} clips but {sentences.Count} sentences");
        var length = Math.Max(front.MinimumSamples, samples.Select(s => s.Length).DefaultIfEmpty(0).Max());
        using var scope = torch.NewDisposeScope();
        var chunks = samples.Chunk(FeatureChunk).Select(chunk => FeaturesOf(chunk, length, front)).ToList();
        return Create(chunks, sentences, front);
    }

    // Clips padded with silence to one length (a resampled clip may come out a sample longer than its header said: cut).
    private static Tensor FeaturesOf(IReadOnlyList<float[]> clips, int length, GridFeatures front)
    {
        var padded = new float[clips.Count * length];
        for (var i = 0; i < clips.Count; i++)
            clips[i].AsSpan(0, Math.Min(length, clips[i].Length)).CopyTo(padded.AsSpan(i * length));
        using var waveforms = torch.tensor(padded, new long[] { clips.Count, length });
        return front.Forward(waveforms);
    }

    private static GridClipSet Create(List<Tensor> chunks, IReadOnlyList<IReadOnlyList<string>> sentences, GridFeatures front)
    {
        var labels = sentences.SelectMany(GridSlots.Labels).ToArray();
        var features = chunks.Count > 0 ? torch.cat(chunks, 0) : torch.zeros(0, front.MelBands, 0);
        var labelTensor = torch.tensor(labels, new long[] { sentences.Count, GridSlots.Count });
        return new GridClipSet(
            features.DetachFromDisposeScope(),
            labelTensor.DetachFromDisposeScope(),
            sentences.Select(words => string.Join(' ', words)).ToArray()
        );
    }

    private static (float[] Samples, IReadOnlyList<string> Words) Read(GridCorpus corpus, GridUtterance utterance, GridFeatures front)
    {
        var words = corpus.ReadWords(utterance).Select(w => w.Word).ToArray();
        if (!GridGrammar.IsSentence(words))
            throw new InvalidDataException(
                $"{GridLayout.AlignmentPath(corpus.Root, utterance.Speaker, utterance.Id)}: \"{string.Join(' ', words)}\" is not a GRID sentence"
            );
        return (front.Samples(AudioBuffer.Mono(corpus.ReadAudio(utterance, GridFeatures.SampleRate), GridFeatures.SampleRate)), words);
    }

    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
