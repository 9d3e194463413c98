using Dino.Repro.Data.YouTubers;

namespace Dino.Repro.Tests.Data.YouTubers;

public class SpeechWindowsTests
{
    [Fact]
    public void Four_second_windows_every_two_seconds_fit_inside_the_audio_and_overlap_by_two_seconds()
    {
        // 7 s at 16 kHz: faces at 2 s and 4 s have ±2 s of speech inside [0, 7 s); at 0 s and 6 s they do not.
        var windows = SpeechWindows.Plan(7 * 16000, 16000, windowSeconds: 4, hopSeconds: 2);
        Assert.Equal(new[] { new SpeechWindow(1, 2.0, 0, 64000), new SpeechWindow(2, 4.0, 32000, 64000) }, windows);
        Assert.Equal(32000, windows[0].StartSample + windows[0].Length - windows[1].StartSample);

        // Exactly 8 s lets the 6 s face in: its window ends on the last sample.
        Assert.Equal(new SpeechWindow(3, 6.0, 64000, 64000), SpeechWindows.Plan(8 * 16000, 16000, 4, 2)[^1]);
        Assert.Empty(SpeechWindows.Plan(63999, 16000, 4, 2));
    }

    [Fact]
    public void One_second_clips_every_second_follow_the_same_rule()
    {
        var windows = SpeechWindows.Plan(3 * 16000, 16000, windowSeconds: 1, hopSeconds: 1);
        Assert.Equal(new[] { new SpeechWindow(1, 1.0, 8000, 16000), new SpeechWindow(2, 2.0, 24000, 16000) }, windows);
    }

    [Fact]
    public void Non_positive_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpeechWindows.Plan(16000, 16000, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpeechWindows.Plan(16000, 16000, 4, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpeechWindows.Plan(16000, 0, 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpeechWindows.Plan(-1, 16000, 4, 2));
    }
}
