using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Signal;

/// <summary>The librosa-defaults preset against librosa.filters.mel, rewritten here from its definition (librosa 0.10).</summary>
public class MelLibrosaPresetTests
{
    // librosa.hz_to_mel / mel_to_hz with htk=False (Slaney's Auditory Toolbox): linear below 1 kHz at 200/3 Hz per
    // mel, logarithmic above with log(6.4)/27 per mel.
    private const double LinearHzPerMel = 200.0 / 3,
        LogStartHz = 1000,
        LogStartMel = LogStartHz / LinearHzPerMel;
    private static readonly double LogStep = Math.Log(6.4) / 27;

    private static double HzToMel(double hz) => hz >= LogStartHz ? LogStartMel + Math.Log(hz / LogStartHz) / LogStep : hz / LinearHzPerMel;

    private static double MelToHz(double mel) => mel >= LogStartMel ? LogStartHz * Math.Exp(LogStep * (mel - LogStartMel)) : LinearHzPerMel * mel;

    /// <summary>
    /// librosa.filters.mel(sr=sr, n_fft=nFft, n_mels=nMels) (fmin 0, fmax sr/2, htk False, norm "slaney"), [n_mels, 1 + n_fft // 2].
    /// </summary>
    private static double[,] LibrosaMel(int sr, int nFft, int nMels)
    {
        var fftFreqs = Enumerable.Range(0, 1 + nFft / 2).Select(k => k * (double)sr / nFft).ToArray(); // np.fft.rfftfreq
        var (minMel, maxMel) = (HzToMel(0), HzToMel(sr / 2.0));
        var melF = Enumerable.Range(0, nMels + 2).Select(i => MelToHz(minMel + (maxMel - minMel) * i / (nMels + 1))).ToArray();
        var weights = new double[nMels, fftFreqs.Length];
        for (var i = 0; i < nMels; i++)
        {
            var enorm = 2.0 / (melF[i + 2] - melF[i]);
            for (var k = 0; k < fftFreqs.Length; k++)
            {
                // ramps = mel_f[:, None] − fftfreqs; lower = −ramps[i] / fdiff[i]; upper = ramps[i + 2] / fdiff[i + 1].
                var lower = -(melF[i] - fftFreqs[k]) / (melF[i + 1] - melF[i]);
                var upper = (melF[i + 2] - fftFreqs[k]) / (melF[i + 2] - melF[i + 1]);
                weights[i, k] = Math.Max(0, Math.Min(lower, upper)) * enorm;
            }
        }
        return weights;
    }

    [Theory]
    [InlineData(MelSpectrogramOptions.LibrosaSampleRate)]
    [InlineData(11025)] // odd: librosa's bins end at 5512.5 Hz, torchaudio's at 5512
    [InlineData(16000)]
    public void The_preset_filterbank_is_librosas_slaney_filterbank(int sampleRate)
    {
        var options = MelSpectrogramOptions.Librosa(sampleRate);
        using var mel = new MelSpectrogram(options);
        Assert.Equal([1025L, 128], mel.Filterbank.shape); // n_fft 2048, 128 mels
        var kit = mel.Filterbank.ToArray<float>();
        var expected = LibrosaMel(sampleRate, 2048, 128);
        var peak = 0.0;
        for (var k = 0; k < 1025; k++)
        for (var m = 0; m < 128; m++)
        {
            peak = Math.Max(peak, expected[m, k]);
            // librosa stores the weights as float32 too: a float32 rounding is the only difference allowed.
            Assert.True(
                Math.Abs(kit[k * 128 + m] - expected[m, k]) <= 1e-7 + 1e-6 * expected[m, k],
                $"bin {k}, mel {m}: kit {kit[k * 128 + m]}, librosa {expected[m, k]}"
            );
        }
        Assert.True(peak > 0, "the reference filterbank is not all zeros");
    }

    [Fact]
    public void The_preset_frames_like_librosa_hop_512_and_zero_padded_centres()
    {
        var options = MelSpectrogramOptions.Librosa();
        Assert.Equal(
            (2048, 512, 128, 2.0, 11025.0),
            (options.NFft, options.Stft.EffectiveHopLength, options.NMels, options.Power, options.EffectiveFMax)
        );
        using var scope = NewDisposeScope();
        // One second of a 1 kHz sine: 1 + 22050 // 512 = 44 frames. Zero padding (pad_mode "constant") leaves half of the
        // first frame's window over the signal, so its energy is about a quarter of a middle frame's; reflection would
        // keep them about equal.
        var sine = (arange(Scalars.Of(22050), ScalarType.Float32) * (Scalars.Of(2 * Math.PI * 1000 / 22050))).sin();
        var spectrogram = MelSpectrogram.Compute(sine, options);
        Assert.Equal([128L, 44], spectrogram.shape);
        var energy = spectrogram.sum(dim: 0).ToArray<float>();
        Assert.InRange(energy[0] / energy[22], 0.1, 0.5);
    }
}
