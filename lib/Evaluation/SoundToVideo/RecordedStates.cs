namespace Dino.Repro.Evaluation.SoundToVideo;

/// <summary>
/// What the direct sync error needs (the embedded corpus only; a real video records no states): every frame's recorded
/// state, training frames first as in the video, and the reader that reads a state back from a frame.
/// </summary>
public sealed record RecordedStates(StateReader Reader, IReadOnlyList<double[]> Frames);
