using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>How well the recogniser reads a clip set: accuracy of every slot, their mean, and the corpus WER of the decoded sentences.</summary>
public sealed record GridRecognitionScores(IReadOnlyList<double> SlotAccuracy, WordErrorCounts Errors, IReadOnlyList<string> Transcripts)
{
    public double MeanSlotAccuracy => SlotAccuracy.Average();

    public double Wer => Errors.Wer;

    /// <summary>The numbers an evaluation logs, each name prefixed (e.g. "val_"): wer, slot_accuracy, acc_command … acc_adverb.</summary>
    public IReadOnlyDictionary<string, double> ToMetrics(string prefix)
    {
        var metrics = new Dictionary<string, double> { [prefix + "wer"] = Wer, [prefix + "slot_accuracy"] = MeanSlotAccuracy };
        for (var k = 0; k < GridSlots.Count; k++)
            metrics[$"{prefix}acc_{GridSlots.Names[k]}"] = SlotAccuracy[k];
        return metrics;
    }

    /// <summary>Runs <paramref name="network"/> in eval mode without gradients over <paramref name="clips"/> in chunks.</summary>
    public static GridRecognitionScores Of(GridRecogniserNetwork network, GridClipSet clips, int chunk = 64)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(clips);
        if (clips.Count == 0)
            throw new ArgumentException("there are no clips to score", nameof(clips));
        var device = network.parameters().First().device;
        var correct = new long[GridSlots.Count];
        var transcripts = new List<string>();
        var wasTraining = network.training;
        network.eval();
        try
        {
            using var _ = torch.no_grad();
            for (var start = 0; start < clips.Count; start += chunk)
            {
                using var scope = torch.NewDisposeScope();
                var take = Math.Min(chunk, clips.Count - start);
                var logits = network.call(clips.Features.narrow(0, start, take).to(device)).to(torch.CPU);
                var hits = GridSlots.Predict(logits).eq(clips.Labels.narrow(0, start, take)).sum(new long[] { 0 }).ToArray<long>();
                for (var k = 0; k < GridSlots.Count; k++)
                    correct[k] += hits[k];
                transcripts.AddRange(GridSlots.Decode(logits).Select(words => string.Join(' ', words)));
            }
        }
        finally
        {
            network.train(wasTraining);
        }
        return new GridRecognitionScores(
            correct.Select(c => (double)c / clips.Count).ToArray(),
            WordErrorRate.Corpus(clips.Sentences, transcripts),
            transcripts
        );
    }
}
