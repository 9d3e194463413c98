using Dino.Repro.IO;
using Dino.Repro.Signal;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic;

/// <summary>Writes a procedurally made clip with its sound as an MP4 (H.264 + AAC), the form the real video corpora come in.</summary>
public static class SoundingVideo
{
    /// <summary>
    /// Streams uint8 [size, size, 3] <paramref name="frames"/> (each disposed once written) at <paramref name="fps"/>
    /// with <paramref name="audio"/> muxed as the sound track; the file appears atomically at <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, int size, double fps, IEnumerable<Tensor> frames, float[] audio, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(audio);
        // ffmpeg muxes from a file: the sound waits in a temporary WAV beside the video.
        var audioPath = AtomicFile.TempPathFor(Path.ChangeExtension(path, ".wav"), keepExtension: true);
        try
        {
            WavFile.Write(audioPath, audio, sampleRate);
            using var writer = VideoWriter.Open(
                path,
                size,
                size,
                new VideoWriterOptions
                {
                    Fps = fps,
                    AudioPath = audioPath,
                    Preset = "veryfast",
                }
            );
            foreach (var frame in frames)
            {
                using (frame)
                    writer.WriteFrames(frame);
            }
            writer.Close();
        }
        finally
        {
            AtomicFile.TryDelete(audioPath);
        }
    }
}
