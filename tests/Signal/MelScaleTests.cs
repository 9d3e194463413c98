using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Signal;

public class MelScaleTests
{
    [Fact]
    public void Hz_to_mel_follows_both_closed_forms()
    {
        // HTK: 2595·log10(1 + f/700); 700 Hz → 2595·log10 2.
        Assert.Equal(2595 * Math.Log10(2), MelScale.HzToMel(700, MelScaleKind.Htk), 10);
        // Slaney: 3 mel per 200 Hz below 1 kHz, so 1 kHz is 15 mel; then 27 mel per factor 6.4.
        Assert.Equal(7.5, MelScale.HzToMel(500, MelScaleKind.Slaney), 12);
        Assert.Equal(15, MelScale.HzToMel(1000, MelScaleKind.Slaney), 12);
        Assert.Equal(42, MelScale.HzToMel(6400, MelScaleKind.Slaney), 10);
        foreach (var scale in Enum.GetValues<MelScaleKind>())
        foreach (var hz in new[] { 0.0, 20, 440, 999.9, 1000, 4000, 22050 })
            Assert.Equal(hz, MelScale.MelToHz(MelScale.HzToMel(hz, scale), scale), 8);
    }

    [Fact]
    public void Triangles_peak_at_one_at_their_centres_and_slaney_norm_equalises_their_area()
    {
        // 20 mels over 0..4 kHz of a 1024-point FFT at 8 kHz: filter m peaks at mel point m+1.
        var fb = MelFilterbank.Weights(513, 0, 4000, 20, 8000, MelNorm.None, MelScaleKind.Htk);
        for (var m = 0; m < 20; m++)
        {
            var column = Enumerable.Range(0, 513).Select(k => fb[k, m]).ToArray();
            Assert.InRange(column.Max(), 0.9, 1.0); // the centre falls between bins: the nearest bin is within one bin's slope
            Assert.All(column, w => Assert.InRange(w, 0, 1));
        }
        // Slaney norm: 2/(f_{m+2} − f_m) times a triangle of base (f_{m+2} − f_m) has area 1 in Hz; per 7.8125 Hz bin that is 1/7.8125.
        var normed = MelFilterbank.Weights(513, 0, 4000, 20, 8000, MelNorm.Slaney, MelScaleKind.Slaney);
        for (var m = 2; m < 20; m++)
            Assert.InRange(7.8125 * Enumerable.Range(0, 513).Sum(k => normed[k, m]), 0.98, 1.02); // Riemann sum of a unit area
    }

    [Fact]
    public void Dct_ortho_is_an_orthonormal_matrix_and_the_plain_one_is_twice_the_cosines()
    {
        using var scope = NewDisposeScope();
        var d = Dct.Create(16, 16, ortho: true).to(float64);
        var identity = d.t().matmul(d).ToArray<double>();
        Close.All(eye(16, dtype: float64).ToArray<double>(), identity, 1e-6, what: "DᵀD");
        var plain = Dct.TypeTwo(3, 5, ortho: false);
        Assert.Equal(2 * Math.Cos(Math.PI / 5 * 2.5 * 2), plain[2, 2], 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Dct.TypeTwo(6, 5));
    }

    [Fact]
    public void Bad_filterbank_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => MelFilterbank.Weights(201, 8000, 100, 40, 16000));
        Assert.Throws<ArgumentOutOfRangeException>(() => MelFilterbank.Weights(201, 0, 8000, 0, 16000));
        Assert.Throws<ArgumentException>(() => new Mfcc(new MfccOptions(NMfcc: 50, Mel: new MelSpectrogramOptions(NMels: 40))));
    }
}
