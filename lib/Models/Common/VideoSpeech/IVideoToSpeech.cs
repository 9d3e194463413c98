namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>A Table 3 model whose speech comes from DINO's Forward network design: what the table asks to speak the test videos.</summary>
public interface IVideoToSpeech
{
    /// <summary>The trained video-to-speech network.</summary>
    VideoToSpeechGenerator Speaker { get; }
}
