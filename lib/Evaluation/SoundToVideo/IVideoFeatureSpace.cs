namespace Dino.Repro.Evaluation.SoundToVideo;

/// <summary>
/// The networks Listen and Move's distances are measured in: per-frame LPIPS, FID's frame features and FVD's clip
/// features. Frames come as float [T, 3, S, S] in [0, 1]; features go back as float64 on the CPU.
/// </summary>
public interface IVideoFeatureSpace
{
    /// <summary>What the LPIPS, FID and FVD columns are computed with, for the report's notes.</summary>
    string Description { get; }

    /// <summary>The LPIPS distance of every real frame to the generated frame at the same time.</summary>
    double[] FrameDistances(Tensor real, Tensor fake);

    /// <summary>FID's features of each frame: [T, D].</summary>
    Tensor FrameFeatures(Tensor frames);

    /// <summary>FVD's feature of one clip of frames: [D].</summary>
    Tensor ClipFeature(Tensor frames);
}
