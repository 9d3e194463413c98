namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>A PESQ score: <paramref name="MosLqo"/> on the MOS-LQO scale (P.862.1 or P.862.2 mapping) and the raw
/// P.862 score it maps from (reported by the reference only in narrowband mode).</summary>
public readonly record struct PesqResult(double MosLqo, double RawMos, PesqMode Mode, int SampleRate, int Utterances);
