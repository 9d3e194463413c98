namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The pitch power density of one frame (P.862): Hann-windowed FFT power spectrum (DC dropped),
/// bins summed into Bark bands, scaled by each band's correction factor and Sp.
/// </summary>
internal sealed class BarkSpectrum
{
    private readonly PesqRate rate;
    private readonly float[] window;
    private readonly float[] buffer;

    public BarkSpectrum(PesqRate rate)
    {
        this.rate = rate;
        var n = rate.FrameLength;
        window = SinglePrecisionFft.HannWindow(n);
        buffer = new float[n + 2];
    }

    public BarkBands Bands => rate.Bands;

    /// <summary>Pitch power density of the frame of <paramref name="data"/> starting at <paramref name="start"/>.</summary>
    public float[] Frame(float[] data, long start)
    {
        var n = rate.FrameLength;
        for (var i = 0; i < n; i++)
            buffer[i] = data[start + i] * window[i];
        SinglePrecisionFft.RealForward(buffer, n);
        var power = new float[n / 2];
        // Bin 0 (DC) counts as zero power.
        for (var k = 1; k < n / 2; k++)
            power[k] = buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
        var bands = Bands;
        var density = new float[bands.Count];
        var bin = 0;
        for (var b = 0; b < bands.Count; b++)
        {
            double sum = 0;
            for (var i = 0; i < bands.BinsPerBand[b]; i++)
                sum += power[bin++];
            density[b] = (float)(sum * bands.PowerDensityCorrection[b] * rate.PowerScale);
        }
        return density;
    }

    /// <summary>Σ of the bands above band 0 whose density exceeds <paramref name="factor"/> × the hearing threshold.</summary>
    public float TotalAudible(float[] density, float factor)
    {
        double total = 0;
        for (var b = 1; b < density.Length; b++)
        {
            if (density[b] > (float)(factor * Bands.HearingThreshold[b]))
                total += density[b];
        }
        return (float)total;
    }

    /// <summary>Per band: the mean over <paramref name="divisor"/> frames of the densities of non-silent frames that are
    /// at least 20 dB above the hearing threshold (the long-term spectra of the transfer-function compensation).</summary>
    public float[] AudibleAverage(float[][] densities, bool[] silent, long divisor)
    {
        var average = new float[Bands.Count];
        for (var b = 0; b < average.Length; b++)
        {
            double sum = 0;
            for (var f = 0; f < densities.Length; f++)
            {
                if (!silent[f] && densities[f][b] > 100 * Bands.HearingThreshold[b])
                    sum += densities[f][b];
            }
            average[b] = (float)(sum / divisor);
        }
        return average;
    }
}
