using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Tests.Models.Common.VideoSpeech;

public class AudioWindowsTests
{
    [Fact]
    public void Each_frame_hears_a_window_centred_on_its_middle_zero_padded_at_the_ends()
    {
        // Three frames of 4 samples, sample i holding i + 1; windows of 6 are centred on samples 2, 6, 10, so start at −1, 3, 7.
        using var audio = arange(Scalars.Of(1), Scalars.Of(13), dtype: ScalarType.Float32).unsqueeze(0);
        using var windows = AudioWindows.Of(audio, frames: 3, hop: 4, window: 6);
        Assert.Equal([1L, 3, 6], windows.shape);
        Assert.Equal([0f, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 0], windows.data<float>().ToArray());

        // A window shorter than a frame still sits on the frame's middle: samples 1–2, 5–6, 9–10.
        using var narrow = AudioWindows.Of(audio, frames: 3, hop: 4, window: 2);
        Assert.Equal([2f, 3, 6, 7, 10, 11], narrow.data<float>().ToArray());
    }

    [Fact]
    public void Audio_that_is_not_whole_frames_is_refused()
    {
        using var audio = zeros(1, 10);
        var error = Assert.Throws<ArgumentException>(() => AudioWindows.Of(audio, frames: 3, hop: 4, window: 6));
        Assert.Contains("[B, 12]", error.Message);
    }
}
