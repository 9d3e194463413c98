using Dino.Repro.Data.Grid;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// The recogniser's output layout: one block of logits per GRID slot, laid side by side in
/// <see cref="GridGrammar.Vocabulary"/> order (4 + 4 + 4 + 25 + 10 + 4 = 51 columns). Turns sentences into per-slot
/// class labels and logits back into sentences; decoding takes the best word of each slot, so it can only ever
/// produce a grammatical sentence.
/// </summary>
public static class GridSlots
{
    /// <summary>Slot names in sentence order (the suffixes of the per-slot accuracies in logs).</summary>
    public static IReadOnlyList<string> Names { get; } = ["command", "colour", "preposition", "letter", "digit", "adverb"];

    public static int Count => GridGrammar.Slots.Count;

    /// <summary>Words per slot: 4, 4, 4, 25, 10, 4.</summary>
    public static IReadOnlyList<int> Sizes { get; } = GridGrammar.Slots.Select(s => s.Count).ToArray();

    /// <summary>The first logit column of each slot.</summary>
    public static IReadOnlyList<int> Offsets { get; } = Sizes.Select((_, k) => Sizes.Take(k).Sum()).ToArray();

    /// <summary>All logit columns: 51.</summary>
    public static int Width => Sizes.Sum();

    /// <summary>Each word's index within its slot; the sentence must be grammatical (six words, each from its slot).</summary>
    public static long[] Labels(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (!GridGrammar.IsSentence(words))
            throw new ArgumentException(
                $"not a GRID sentence (command colour preposition letter digit adverb): \"{string.Join(' ', words)}\"",
                nameof(words)
            );
        return words.Select((word, k) => (long)IndexIn(GridGrammar.Slots[k], word)).ToArray();
    }

    /// <summary>The logits [B, size of slot k] of slot <paramref name="slot"/> within [B, 51].</summary>
    public static Tensor SlotLogits(Tensor logits, int slot) => logits.narrow(1, Offsets[slot], Sizes[slot]);

    /// <summary>The best word index of every slot: logits [B, 51] → [B, 6] int64.</summary>
    public static Tensor Predict(Tensor logits)
    {
        RequireLogits(logits);
        using var scope = torch.NewDisposeScope();
        var best = torch.stack(Enumerable.Range(0, Count).Select(k => SlotLogits(logits, k).argmax(1)).ToArray(), 1);
        return scope.MoveToOuter(best);
    }

    /// <summary>One grammatical sentence per row of logits [B, 51].</summary>
    public static IReadOnlyList<string[]> Decode(Tensor logits)
    {
        using var predicted = Predict(logits);
        using var cpu = predicted.to(torch.CPU);
        var indices = cpu.ToArray<long>();
        return Enumerable
            .Range(0, (int)cpu.size(0))
            .Select(b => Enumerable.Range(0, Count).Select(k => GridGrammar.Slots[k][(int)indices[b * Count + k]]).ToArray())
            .ToArray();
    }

    /// <summary>Mean over slots of the cross-entropy of each slot's softmax: logits [B, 51], labels [B, 6].</summary>
    public static Tensor Loss(Tensor logits, Tensor labels)
    {
        RequireLogits(logits);
        if (labels.dim() != 2 || labels.size(1) != Count || labels.size(0) != logits.size(0))
            throw new ArgumentException($"labels must be [{logits.size(0)}, {Count}], got [{string.Join(", ", labels.shape)}]", nameof(labels));
        using var scope = torch.NewDisposeScope();
        var total = Enumerable
            .Range(0, Count)
            .Select(k => torch.nn.functional.cross_entropy(SlotLogits(logits, k), labels.select(1, k)))
            .Aggregate((a, b) => a + b);
        return scope.MoveToOuter(total / Scalars.Of(Count));
    }

    private static void RequireLogits(Tensor logits)
    {
        if (logits.dim() != 2 || logits.size(1) != Width)
            throw new ArgumentException($"recogniser logits must be [batch, {Width}], got [{string.Join(", ", logits.shape)}]", nameof(logits));
    }

    private static int IndexIn(IReadOnlyList<string> slot, string word)
    {
        for (var i = 0; i < slot.Count; i++)
        {
            if (slot[i] == word)
                return i;
        }
        return -1;
    }
}
