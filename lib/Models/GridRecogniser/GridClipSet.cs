using Dino.Repro.Data.Grid;
using Dino.Repro.Signal;
using Dino.Repro.Torch;

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

    /// <summary>Every utterance of <paramref name="split"/>'s speakers in <paramref name="corpus"/> (the first <paramref name="limit"/>; 0 = all).</summary>
    /// <exception cref="InvalidDataException">An alignment does not hold a GRID sentence (the message names the file).</exception>
    public static GridClipSet Load(GridCorpus corpus, GridSplitName split, GridFeatures front, int limit = 0)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(front);
        var utterances = corpus.Utterances(split);
        if (limit > 0) utterances = utterances.Take(limit).ToArray();
        var clips = utterances.Select(u => Read(corpus, u, front)).ToArray();
        return FromClips(clips.Select(c => c.Samples).ToArray(), clips.Select(c => c.Words).ToArray(), front);
    }

    /// <summary>A set from samples at 16 kHz and their sentences (tests, and callers holding audio in memory).</summary>
    public static GridClipSet FromClips(IReadOnlyList<float[]> samples, IReadOnlyList<IReadOnlyList<string>> sentences, GridFeatures front)
    {
        ArgumentNullException.ThrowIfNull(front);
        if (samples.Count != sentences.Count) throw new ArgumentException($"{samples.Count} clips but {sentences.Count} sentences");
        var labels = sentences.SelectMany(GridSlots.Labels).ToArray();
        var length = samples.Count == 0 ? front.MinimumSamples : Math.Max(front.MinimumSamples, samples.Max(s => s.Length));
        using var scope = torch.NewDisposeScope();
        var chunks = new List<Tensor>();
        for (var start = 0; start < samples.Count; start += FeatureChunk)
        {
            var batch = samples.Skip(start).Take(FeatureChunk).ToArray();
            var padded = new float[batch.Length * length];
            for (var i = 0; i < batch.Length; i++) batch[i].CopyTo(padded, i * length);
            using var waveforms = torch.tensor(padded, new long[] { batch.Length, length });
            chunks.Add(front.Forward(waveforms));
        }
        var features = chunks.Count > 0 ? torch.cat(chunks, 0) : torch.zeros(0, front.MelBands, 0);
        var labelTensor = torch.tensor(labels, new long[] { samples.Count, GridSlots.Count });
        return new GridClipSet(features.DetachFromDisposeScope(), labelTensor.DetachFromDisposeScope(),
            sentences.Select(words => string.Join(' ', words)).ToArray());
    }

    private static (float[] Samples, IReadOnlyList<string> Words) Read(GridCorpus corpus, GridUtterance utterance, GridFeatures front)
    {
        var words = corpus.ReadWords(utterance).Select(w => w.Word).ToArray();
        if (!GridGrammar.IsSentence(words))
            throw new InvalidDataException($"{GridLayout.AlignmentPath(corpus.Root, utterance.Speaker, utterance.Id)}: \"{string.Join(' ', words)}\" is not a GRID sentence");
        return (front.Samples(AudioBuffer.Mono(corpus.ReadAudio(utterance, GridFeatures.SampleRate), GridFeatures.SampleRate)), words);
    }

    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
