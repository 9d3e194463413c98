namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// The audio the Reverse network hears for each video frame: a window of W samples centred on the frame's middle, the
/// waveform zero-padded by half a window at each end so the first and last frames get whole windows
/// (speech-driven-animation's framing; DINO A.1.2).
/// </summary>
public static class AudioWindows
{
    /// <param name="audio">[B, T · hop] samples.</param>
    /// <param name="frames">T.</param>
    /// <param name="hop">Samples per frame (640 at 16 kHz and 25 fps).</param>
    /// <param name="window">W, samples per window.</param>
    /// <returns>[B, T, W]: row t holds samples t·hop + hop/2 − W/2 … + W − 1 (zeros outside the waveform).</returns>
    public static Tensor Of(Tensor audio, int frames, int hop, int window)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.dim() != 2 || audio.size(1) != (long)frames * hop)
            throw new ArgumentException(
                $"{frames} frames of {hop} samples take audio [B, {(long)frames * hop}], got [{string.Join(", ", audio.shape)}]"
            );
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        using var scope = torch.NewDisposeScope();
        var left = window / 2 - hop / 2;
        var right = window - left; // the padded waveform then holds T + 1 windows at stride hop; the last is dropped
        var padded =
            left >= 0 ? nn.functional.pad(audio, [left, right]) : nn.functional.pad(audio, [0, right]).narrow(1, -left, audio.size(1) + right + left);
        return padded.unfold(1, window, hop).narrow(1, 0, frames).contiguous().MoveToOuterDisposeScope();
    }
}
