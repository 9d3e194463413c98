using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Speech;
using Dino.Repro.Models.GridRecogniser;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary><c>dino metric wer-speech</c>: reads the transcripts, loads the recogniser, scores the WAVs with <see cref="SpeechWer"/>.</summary>
internal static class SpeechWerRegistration
{
    public const string Inputs =
        "--ref: transcripts (lines \"NAME sentence\"), --deg: a folder of NAME.wav; --set recogniser=RUN_FOLDER|CHECKPOINT [hyp-out=FILE]";

    /// <summary>The CLI entry: <c>dino metric wer-speech --ref TRANSCRIPTS.txt --deg WAVS/ --set recogniser=RUN</c>.</summary>
    public static JsonObject Compute(MetricRequest request)
    {
        var recogniser = request.Option("recogniser")
            ?? throw new MetricUsageException($"this metric needs --set recogniser=RUN_FOLDER|CHECKPOINT ({GridTranscriber.HowToTrain})");
        var references = SpeechWer.ReadReferences(request.Reference);
        using var transcriber = GridTranscriberFiles.Load(recogniser);
        var result = SpeechWer.Score(transcriber, references, request.Degraded);
        if (request.Option("hyp-out") is { } output)
            IO.AtomicFile.WriteAllText(output, string.Concat(result.Transcripts.Select(t => $"{t.Name} {t.Sentence}\n")));
        var counts = result.Errors;
        return new JsonObject
        {
            ["metric"] = "wer-speech",
            ["value"] = counts.Wer,
            ["ref"] = request.ReferencePath,
            ["deg"] = request.DegradedPath,
            ["recogniser"] = recogniser,
            ["clips"] = references.Count,
            ["substitutions"] = counts.Substitutions,
            ["deletions"] = counts.Deletions,
            ["insertions"] = counts.Insertions,
            ["hits"] = counts.Hits,
            ["reference_words"] = counts.ReferenceWords,
        };
    }
}
