using Dino.Repro.Signal;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.YouTubers;

/// <summary>One extracted pair as cached: the face frame's index and time, the face box in the frame, and the files.</summary>
public sealed record ExtractedPair(int Index, double CentreSeconds, int X, int Y, int Width, int Height, string FaceFile, string SpeechFile);

/// <summary>
/// Cuts (face, speech) pairs out of one talking-head video (see <see cref="YouTubersOptions"/>): the audio track via
/// ffmpeg at 16 kHz mono, a frame every hop seconds via <see cref="VideoReader"/>, the cascade's most confident face
/// in each, cropped (the cascade's square box) and resized to 64² with area interpolation, saved as PNG next to the
/// raw speech window as 16-bit WAV (normalisation and pre-emphasis happen at load, so the cache keeps the signal).
/// Frames without a face give no pair.
/// </summary>
public sealed class FaceSpeechExtractor(FaceDetector detector, YouTubersOptions options)
{
    private const int FramesPerRead = 8; // full-resolution frames held at once

    /// <summary>
    /// Extracts the pairs of <paramref name="videoPath"/> into <paramref name="folder"/> (file names <c>&lt;index&gt;.png|wav</c>).
    /// </summary>
    public IReadOnlyList<ExtractedPair> Extract(string videoPath, string folder)
    {
        var speech = AudioDecoder.Default.Decode(videoPath, options.SampleRate, channels: 1).Channels[0];
        var windows = SpeechWindows.Plan(speech.Length, options.SampleRate, options.WindowSeconds, options.HopSeconds).ToDictionary(w => w.Index);
        Directory.CreateDirectory(folder);
        var pairs = new List<ExtractedPair>();
        using var reader = VideoReader.Open(videoPath, fps: 1 / options.HopSeconds);
        var index = 0;
        while (true)
        {
            using var scope = torch.NewDisposeScope();
            var frames = reader.Read(FramesPerRead);
            var count = (int)frames.size(0);
            if (count == 0)
                break;
            for (var i = 0; i < count; i++, index++)
            {
                if (!windows.TryGetValue(index, out var window))
                    continue;
                var frame = frames.select(0, i);
                var face = detector.MostConfident(frame, options.ScaleFactor, options.MinNeighbors, options.MinFaceSize);
                if (face is not { } box)
                    continue;
                pairs.Add(Save(frame, box, speech, window, folder));
            }
        }
        return pairs;
    }

    private ExtractedPair Save(Tensor frame, FaceBox box, float[] speech, SpeechWindow window, string folder)
    {
        var faceFile = $"{window.Index}.png";
        var speechFile = $"{window.Index}.wav";
        var crop = frame.narrow(0, box.Y, box.Height).narrow(1, box.X, box.Width).contiguous();
        ImageIO.Write(Path.Combine(folder, faceFile), Resize.Hwc(crop, options.FaceSize, options.FaceSize, ResizeMode.Area));
        WavFile.Write(Path.Combine(folder, speechFile), speech.AsSpan((int)window.StartSample, window.Length).ToArray(), options.SampleRate);
        return new ExtractedPair(window.Index, window.CentreSeconds, box.X, box.Y, box.Width, box.Height, faceFile, speechFile);
    }
}
