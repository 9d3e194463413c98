using System.Text;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Grid;

/// <summary>
/// GRID clips as named tensors, examples along dimension 0, for <see cref="Loading.DecodedTensorCache"/>: the mouth
/// video as the 8-bit levels it was decoded at (a quarter of float's size), the audio, and the sentence's words with
/// their times. <see cref="Unstack"/> gives back, bit for bit, the <see cref="GridExample"/>s that were stacked.
/// </summary>
public static class GridClipTensors
{
    /// <summary>int64 [N]: the example's position in the utterance list it was loaded from.</summary>
    public const string UtteranceKey = "utterance";

    /// <summary>uint8 [N, frames, size, size, channels]: the mouth crops as decoded, before widening to [−1, 1].</summary>
    public const string MouthKey = "mouth";

    /// <summary>float32 [N, samples].</summary>
    public const string AudioKey = "audio";

    /// <summary>uint8 [N, bytes]: the sentence's words as UTF-8, separated by spaces, zero-padded.</summary>
    public const string WordsKey = "words";

    /// <summary>float64 [N, words, 2]: each word's start and end in seconds, zero-padded.</summary>
    public const string WordSecondsKey = "word_seconds";

    /// <summary>
    /// The clips of <paramref name="examples"/>, which were loaded from <paramref name="utterances"/> as
    /// <paramref name="options"/> say. Each example is disposed once copied, so a lazy sequence
    /// (<see cref="GridCorpus.LoadEach"/>) holds one float clip at a time.
    /// </summary>
    public static Dictionary<string, Tensor> Stack(
        IEnumerable<GridExample> examples,
        IReadOnlyList<GridUtterance> utterances,
        GridClipOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        var positions = new Dictionary<GridUtterance, long>();
        for (var i = 0; i < utterances.Count; i++)
            positions.TryAdd(utterances[i], i);
        using var scope = torch.NewDisposeScope();
        var indices = new List<long>();
        var mouths = new List<Tensor>();
        var audio = new List<Tensor>();
        var sentences = new List<IReadOnlyList<GridWord>>();
        foreach (var example in examples)
        {
            using (example)
            {
                if (!positions.TryGetValue(example.Utterance, out var position))
                    throw new ArgumentException($"{example.Utterance} is not in the utterance list", nameof(examples));
                indices.Add(position);
                mouths.Add(ImageTensor.ToHwc(example.Video));
                audio.Add(example.Audio.clone());
                sentences.Add(example.Words);
            }
        }
        var tensors = new Dictionary<string, Tensor>
        {
            [UtteranceKey] = torch.tensor(indices.ToArray()),
            [MouthKey] = StackOrEmpty(mouths, [options.Frames, options.Size, options.Size, options.Channels], ScalarType.Byte),
            [AudioKey] = StackOrEmpty(audio, [options.Samples], ScalarType.Float32),
            [WordsKey] = WordText(sentences),
            [WordSecondsKey] = WordSeconds(sentences),
        };
        foreach (var t in tensors.Values)
            t.MoveToOuterDisposeScope();
        return tensors;
    }

    /// <summary>The examples <see cref="Stack"/> stored; the caller disposes them (<paramref name="tensors"/> stay the caller's too).</summary>
    /// <exception cref="InvalidDataException">The tensors do not hold clips of <paramref name="options"/> from <paramref
    /// name="utterances"/>.</exception>
    public static IReadOnlyList<GridExample> Unstack(
        IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyList<GridUtterance> utterances,
        GridClipOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(utterances);
        ArgumentNullException.ThrowIfNull(options);
        var mouth = Named(tensors, MouthKey);
        long[] clipShape = [mouth.size(0), options.Frames, options.Size, options.Size, options.Channels];
        if (!mouth.shape.SequenceEqual(clipShape))
            throw new InvalidDataException(
                $"the stored mouth clips are [{string.Join(", ", mouth.shape)}], options ask for [{string.Join(", ", clipShape)}]"
            );
        var indices = Named(tensors, UtteranceKey).ToArray<long>();
        var text = Named(tensors, WordsKey);
        var wordSeconds = Named(tensors, WordSecondsKey);
        var seconds = wordSeconds.ToArray<double>();
        var secondsPerExample = (int)(wordSeconds.size(1) * 2);
        var audio = Named(tensors, AudioKey);
        var examples = new List<GridExample>();
        try
        {
            for (var i = 0; i < indices.Length; i++)
            {
                if (indices[i] < 0 || indices[i] >= utterances.Count)
                    throw new InvalidDataException($"a stored clip is utterance {indices[i]} of a list of {utterances.Count}");
                using var levels = mouth.select(0, i);
                using var row = text.select(0, i);
                using var samples = audio.select(0, i);
                var words = Words(row, seconds.AsSpan(i * secondsPerExample, secondsPerExample));
                examples.Add(new GridExample(utterances[(int)indices[i]], ImageTensor.ToChw(levels), samples.clone(), words, options.StartSeconds));
            }
        }
        catch
        {
            foreach (var e in examples)
                e.Dispose();
            throw;
        }
        return examples;
    }

    private static Tensor StackOrEmpty(List<Tensor> items, long[] itemShape, ScalarType dtype) =>
        items.Count > 0 ? torch.stack(items, 0) : torch.zeros([0, .. itemShape], dtype);

    // At least one byte and one word per row, so no tensor has a zero-sized dimension besides N.
    private static Tensor WordText(List<IReadOnlyList<GridWord>> sentences)
    {
        var rows = sentences.Select(words => Encoding.UTF8.GetBytes(string.Join(' ', words.Select(w => w.Word)))).ToArray();
        var width = Math.Max(1, rows.Select(r => r.Length).DefaultIfEmpty(0).Max());
        var bytes = new byte[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
            rows[i].CopyTo(bytes, i * width);
        return torch.tensor(bytes, [rows.Length, width]);
    }

    private static Tensor WordSeconds(List<IReadOnlyList<GridWord>> sentences)
    {
        var width = Math.Max(1, sentences.Select(s => s.Count).DefaultIfEmpty(0).Max());
        var times = new double[sentences.Count * width * 2];
        for (var i = 0; i < sentences.Count; i++)
        for (var w = 0; w < sentences[i].Count; w++)
        {
            times[(i * width + w) * 2] = sentences[i][w].StartSeconds;
            times[(i * width + w) * 2 + 1] = sentences[i][w].EndSeconds;
        }
        return torch.tensor(times, [sentences.Count, width, 2]);
    }

    private static GridWord[] Words(Tensor row, ReadOnlySpan<double> seconds)
    {
        var bytes = row.ToArray<byte>();
        var text = Encoding.UTF8.GetString(bytes, 0, Array.IndexOf(bytes, (byte)0) is var end and >= 0 ? end : bytes.Length);
        // Alignment tokens are split on whitespace when read, so a space never falls inside a word.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length * 2 > seconds.Length)
            throw new InvalidDataException($"a stored sentence has {words.Length} words but times for {seconds.Length / 2}");
        var result = new GridWord[words.Length];
        for (var w = 0; w < words.Length; w++)
            result[w] = new GridWord(words[w], seconds[2 * w], seconds[2 * w + 1]);
        return result;
    }

    private static Tensor Named(IReadOnlyDictionary<string, Tensor> tensors, string name) =>
        tensors.TryGetValue(name, out var t) ? t : throw new InvalidDataException($"the stored GRID clips hold no '{name}' tensor");
}
