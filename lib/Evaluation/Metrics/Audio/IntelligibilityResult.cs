namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// A STOI or extended STOI score. <c>frames</c> counts the 10 kHz frames left after silent-frame removal,
/// <c>segments</c> the 30-frame segments averaged. When fewer than 30 frames remain the value is pystoi's
/// 1e-5 and <c>warning</c> says why; otherwise <c>warning</c> is null.
/// </summary>
public sealed record IntelligibilityResult(double Value, int Frames, int Segments, string? Warning);
