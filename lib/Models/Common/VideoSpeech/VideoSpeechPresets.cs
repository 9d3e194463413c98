using Dino.Repro.Training;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// The data and network sizes of every Table 3 model at each preset, so the table's rows differ only where the methods
/// do. smoke: seconds on 4 Spoken GRID voices, 16² grey crops, half-second windows, batch 4; cpu: the sheet's size — 32²
/// grey crops, 1-s windows, widths a quarter, 1,000 steps (Table 3's four models in about 1.6 h on 2 cores); paper: GRID
/// at 96² colour, 3-s clips, on CUDA (100,000 steps, the kit's choice: the paper gives none).
/// </summary>
public static class VideoSpeechPresets
{
    public static T Smoke<T>(T o)
        where T : VideoSpeechOptions =>
        (T)(
            o with
            {
                SpokenGridSpeakers = 4,
                SpokenGridUtterances = 6,
                FrameSize = 16,
                Grayscale = true,
                ClipFrames = 25,
                WindowFrames = 12,
                VideoWidth = 4,
                Embedding = 16,
                ForwardHidden = 16,
                DecoderWidth = 32,
                AudioWidth = 4,
                AudioCode = 16,
                ReverseHidden = 16,
                IdentityWidth = 4,
                IdentityCode = 8,
                BatchSize = 4,
                Steps = 6,
                LogEvery = 2,
                SampleEvery = 0,
                CheckpointEvery = 3,
                KeepCheckpoints = 1,
            }
        );

    public static T Cpu<T>(T o)
        where T : VideoSpeechOptions =>
        (T)(
            o with
            {
                FrameSize = 32,
                Grayscale = true,
                WindowFrames = 25,
                VideoWidth = 16,
                Embedding = 64,
                ForwardHidden = 64,
                DecoderWidth = 64,
                AudioWidth = 4,
                AudioCode = 64,
                ReverseHidden = 64,
                IdentityWidth = 16,
                IdentityCode = 32,
                Steps = 1000,
                LogEvery = 25,
                SampleEvery = 0,
                CheckpointEvery = 250,
            }
        );

    public static T Paper<T>(T o)
        where T : VideoSpeechOptions =>
        (T)(o with { Corpus = "grid", Device = ComputeDevice.Cuda, Steps = 100_000, SampleEvery = 0, CheckpointEvery = 5000 });
}
