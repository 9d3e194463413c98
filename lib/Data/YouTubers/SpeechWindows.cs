namespace Dino.Repro.Data.YouTubers;

/// <summary>
/// A speech window centred on a face frame: frame <see cref="Index"/> of the video sampled every hop seconds (so it
/// shows time <see cref="CentreSeconds"/>) and <see cref="Length"/> samples from <see cref="StartSample"/>.
/// </summary>
public readonly record struct SpeechWindow(int Index, double CentreSeconds, long StartSample, int Length);

/// <summary>
/// Where the Wav2Pix speech windows fall (Roldan 2018, §III): a face frame every <c>hop</c> seconds, at t = k·hop, each
/// with the <c>window</c> seconds of speech centred on it (±2 s for the thesis' 4 s), kept only when the whole window
/// lies inside the audio. With the thesis' 2 s hop, windows of faces found in consecutive sampled frames overlap by
/// window − hop = 2 s.
/// </summary>
public static class SpeechWindows
{
    public static IReadOnlyList<SpeechWindow> Plan(long audioSamples, int sampleRate, double windowSeconds, double hopSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(audioSamples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (!(windowSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(windowSeconds), windowSeconds, "the speech window must be positive");
        if (!(hopSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(hopSeconds), hopSeconds, "the hop between face frames must be positive");
        var length = (int)Math.Round(windowSeconds * sampleRate);
        var windows = new List<SpeechWindow>();
        for (var k = 0; ; k++)
        {
            var centre = k * hopSeconds;
            var start = (long)Math.Round(centre * sampleRate) - length / 2;
            if (start + length > audioSamples)
                break;
            if (start >= 0)
                windows.Add(new SpeechWindow(k, centre, start, length));
        }
        return windows;
    }
}
