namespace Dino.Repro.Signal.Speech;

/// <summary>Edit counts between a reference and a hypothesis word sequence.</summary>
public readonly record struct WordErrorCounts(int Substitutions, int Deletions, int Insertions, int Hits)
{
    public int ReferenceWords => Substitutions + Deletions + Hits;
    public int HypothesisWords => Substitutions + Insertions + Hits;

    /// <summary>WER = (S + D + I) / N, N the reference word count.</summary>
    public double Wer =>
        ReferenceWords == 0
            ? throw new InvalidOperationException("WER is undefined for an empty reference")
            : (double)(Substitutions + Deletions + Insertions) / ReferenceWords;

    /// <summary>Match error rate (S + D + I) / (H + S + D + I), as jiwer.</summary>
    public double Mer => (double)(Substitutions + Deletions + Insertions) / (Hits + Substitutions + Deletions + Insertions);

    /// <summary>Word information preserved H²/(N·P), P the hypothesis word count (Morris et al. 2004).</summary>
    public double Wip => ReferenceWords == 0 || HypothesisWords == 0 ? 0 : (double)Hits / ReferenceWords * Hits / HypothesisWords;

    /// <summary>Word information lost, 1 − WIP.</summary>
    public double Wil => 1 - Wip;

    public static WordErrorCounts operator +(WordErrorCounts a, WordErrorCounts b) =>
        new(a.Substitutions + b.Substitutions, a.Deletions + b.Deletions, a.Insertions + b.Insertions, a.Hits + b.Hits);
}

/// <summary>
/// Word error rate by word-level Levenshtein alignment, summed over sentences as jiwer's compute_measures:
/// words are split on whitespace after trimming; corpus WER = ΣS+ΣD+ΣI over ΣN.
/// </summary>
public static class WordErrorRate
{
    public static string[] Words(string sentence) => sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The counts of one minimum-edit alignment (ties broken toward hits/substitutions, then deletions).</summary>
    public static WordErrorCounts Count(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        int n = reference.Count,
            m = hypothesis.Count;
        var cost = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
            cost[i, 0] = i;
        for (var j = 0; j <= m; j++)
            cost[0, j] = j;
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var diagonal = cost[i - 1, j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
                cost[i, j] = Math.Min(diagonal, Math.Min(cost[i - 1, j] + 1, cost[i, j - 1] + 1));
            }
        }

        int s = 0,
            d = 0,
            ins = 0,
            h = 0;
        for (int i = n, j = m; i > 0 || j > 0; )
        {
            if (i > 0 && j > 0 && cost[i, j] == cost[i - 1, j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1))
            {
                if (reference[i - 1] == hypothesis[j - 1])
                    h++;
                else
                    s++;
                i--;
                j--;
            }
            else if (i > 0 && cost[i, j] == cost[i - 1, j] + 1)
            {
                d++;
                i--;
            }
            else
            {
                ins++;
                j--;
            }
        }
        return new WordErrorCounts(s, d, ins, h);
    }

    public static WordErrorCounts Count(string reference, string hypothesis) => Count(Words(reference), Words(hypothesis));

    /// <summary>Counts summed over paired sentences (line i of one with line i of the other).</summary>
    public static WordErrorCounts Corpus(IReadOnlyList<string> references, IReadOnlyList<string> hypotheses)
    {
        if (references.Count != hypotheses.Count)
            throw new ArgumentException($"WER needs paired sentences: {references.Count} references but {hypotheses.Count} hypotheses");
        var total = new WordErrorCounts();
        for (var k = 0; k < references.Count; k++)
            total += Count(references[k], hypotheses[k]);
        return total;
    }
}
