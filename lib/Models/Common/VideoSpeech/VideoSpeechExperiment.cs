using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Loading;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// What every Table 3 model does with its data: batches of whole GRID clips (mouths as bytes, speech) from which each
/// step takes a window of <see cref="VideoSpeechOptions.WindowFrames"/> frames and their samples, at one seeded random
/// offset per batch (a generator the checkpoint restores), as float video [B, C, W, S, S] in [−1, 1].
/// </summary>
public abstract class VideoSpeechExperiment<TOptions> : Experiment<TOptions>
    where TOptions : VideoSpeechOptions
{
    /// <summary>Batch keys: the clips' mouths uint8 [B, T, S, S, C] and speech float [B, T · 640] (<see cref="GridClipTensors"/>).</summary>
    public const string MouthKey = GridClipTensors.MouthKey,
        AudioKey = GridClipTensors.AudioKey;

    private readonly IBatchSource data;
    private readonly Generator windows;

    protected VideoSpeechExperiment(TOptions options, IBatchSource data)
        : base(options)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        Device = TargetDevice;
        windows = AddGenerator("windows", new Generator(unchecked((ulong)(options.Seed + 1))));
    }

    public override IBatchSource Data => data;

    protected Device Device { get; }

    /// <summary>Mouths uint8 [B, T, S, S, C] as the networks take them: float [B, C, T, S, S] in [−1, 1].</summary>
    public static Tensor Video(Tensor mouths)
    {
        ArgumentNullException.ThrowIfNull(mouths);
        return mouths.to(ScalarType.Float32).div(Scalars.Of(127.5)).sub(Scalars.Of(1)).permute(0, 4, 1, 2, 3).contiguous();
    }

    /// <summary>The batch's video [B, C, W, S, S] and speech [B, W · 640] over a window of W frames at a seeded random offset.</summary>
    public (Tensor video, Tensor speech) Window(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var mouths = batch[MouthKey];
        var frames = mouths.size(1);
        var width = Options.WindowFrames;
        if (frames < width)
            throw new ArgumentException($"clips of {frames} frames are shorter than window_frames {width}");
        using var offset = torch.randint(0, frames - width + 1, [1], generator: windows);
        var start = offset.ToInt64();
        var perFrame = Options.ClipOptions.SamplesPerFrame;
        var video = Video(mouths.narrow(1, start, width)).to(Device);
        var speech = batch[AudioKey].narrow(1, start * perFrame, width * perFrame).to(Device);
        return (video, speech);
    }
}
