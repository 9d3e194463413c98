using Dino.Repro.Evaluation.Speech;
using Dino.Repro.IO;

namespace Dino.Repro.App.Reproduce;

/// <summary>One test utterance the report plays: its name, sentence and each row's speech (the ground truth's is the real one).</summary>
public sealed record PlayedClip(string Name, string Sentence, IReadOnlyDictionary<string, float[]> Speech);

/// <summary>What dino-table3 measured: each row's scores over the test utterances.</summary>
public sealed record DinoTable3Result(
    string Folder,
    Preset Preset,
    string Corpus,
    int TestUtterances,
    IReadOnlyDictionary<string, SpeechReconstructionScores> Scores
)
{
    public IReadOnlyList<(string method, string runDirectory)> Runs { get; init; } = [];
    public IReadOnlyList<PlayedClip> Played { get; init; } = [];
    public int SampleRate { get; init; } = 16_000;
}
