namespace Dino.Repro.Evaluation.SoundToVideo;

/// <summary>A mean and the population standard deviation over what it averages, as Listen and Move's tables print them.</summary>
public sealed record MeanSd(double Mean, double Sd, int Count)
{
    public static MeanSd Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            return new MeanSd(double.NaN, double.NaN, 0);
        var mean = values.Average();
        return new MeanSd(mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count), values.Count);
    }

    public override string ToString() => Count == 0 ? "n/a" : $"{Mean:0.###} ± {Sd:0.###}";
}

/// <summary>
/// One model's scores on one clip's validation split, as Table 1 reads them (per frame: SSIM, LPIPS; per growing set
/// of clips: FVD) plus FID per clip and the direct sync error. LPIPS, FID and FVD are the kit's stand-ins computed on
/// the <see cref="StateReader"/>'s features (the paper's AlexNet, Inception and I3D are not available at smoke/cpu);
/// <see cref="ReaderFloor"/> is the reader's own error on the real frames, the lowest sync error a model can show.
/// </summary>
public sealed record SoundToVideoScores(MeanSd Ssim, MeanSd Lpips, MeanSd Fvd, MeanSd Fid, MeanSd SyncError, double ReaderFloor, int Clips);
