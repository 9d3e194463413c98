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
/// of clips: FVD) plus FID per clip and, where the corpus recorded states, the direct sync error (else it counts nothing
/// and <see cref="ReaderFloor"/> is NaN). LPIPS, FID and FVD are in the scorer's <see cref="IVideoFeatureSpace"/>: the
/// paper's networks on real clips, stand-ins on the <see cref="StateReader"/>'s features at smoke/cpu;
/// <see cref="ReaderFloor"/> is the reader's own error on the real frames, the lowest sync error a model can show.
/// </summary>
public sealed record SoundToVideoScores(MeanSd Ssim, MeanSd Lpips, MeanSd Fvd, MeanSd Fid, MeanSd SyncError, double ReaderFloor, int Clips);
