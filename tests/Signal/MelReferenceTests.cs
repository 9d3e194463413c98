using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Signal;

/// <summary>Against torchaudio 0.13.1's own outputs in shared/testdata/mel (see its README for the exact calls).</summary>
public class MelReferenceTests
{
    private static readonly MelSpectrogramOptions ReferenceMel = new(
        SampleRate: 16000,
        NFft: 400,
        WinLength: 400,
        HopLength: 160,
        FMin: 0,
        FMax: 8000,
        NMels: 40,
        Power: 2.0,
        Center: true,
        PadMode: "reflect",
        Norm: MelNorm.None,
        Scale: MelScaleKind.Htk
    );

    private static Tensor Speech() => tensor(WavFile.Read(SharedTestData.Path("audio/espeak_enus_clean_16k.wav")).Channels[0]).unsqueeze(0);

    private static void AssertFilterbank(string file, double[,] weights)
    {
        var expected = SharedTestData.Floats(file);
        var actual = weights.Cast<double>().ToArray(); // row-major [n_freqs, n_mels], as the file
        Close.All(expected.Select(v => (double)v).ToArray(), actual, 1e-5, what: file);
    }

    [Fact]
    public void Slaney_filterbank_with_slaney_norm_matches_torchaudio()
    {
        var fb = MelFilterbank.Weights(201, 20.0, 8000.0, 40, 16000, MelNorm.Slaney, MelScaleKind.Slaney);
        Assert.Equal(201 * 40, fb.Length);
        AssertFilterbank("mel/fbank_201_16000_40_slaney_slaney.f32", fb);
    }

    [Fact]
    public void Htk_filterbank_without_norm_matches_torchaudio()
    {
        var fb = MelFilterbank.Weights(1025, 125.0, 7500.0, 64, 64000, MelNorm.None, MelScaleKind.Htk);
        AssertFilterbank("mel/fbank_1025_64000_64_htk_none.f32", fb);
        using var scope = NewDisposeScope();
        var tensorFb = MelFilterbank.Create(1025, 125.0, 7500.0, 64, 64000);
        Assert.Equal(new long[] { 1025, 64 }, tensorFb.shape);
        Close.All(SharedTestData.Floats("mel/fbank_1025_64000_64_htk_none.f32"), tensorFb.ToArray<float>(), 1e-5);
    }

    [Fact]
    public void Mel_spectrogram_of_the_reference_speech_matches_torchaudio()
    {
        using var scope = NewDisposeScope();
        using var transform = new MelSpectrogram(ReferenceMel);
        var mel = transform.Forward(Speech());
        Assert.Equal(new long[] { 1, 40, 372 }, mel.shape);
        var expected = SharedTestData.Floats("mel/melspectrogram.f32");
        var scale = expected.Max(Math.Abs);
        Close.All(expected, mel.ToArray<float>(), 1e-5 * scale, what: "mel spectrogram");
    }

    [Fact]
    public void Mfcc_of_the_reference_speech_matches_torchaudio()
    {
        using var scope = NewDisposeScope();
        using var transform = new Mfcc(new MfccOptions(NMfcc: 13, Mel: ReferenceMel));
        var mfcc = transform.Forward(Speech());
        Assert.Equal(new long[] { 1, 13, 372 }, mfcc.shape);
        Close.All(SharedTestData.Floats("mel/mfcc.f32"), mfcc.ToArray<float>(), 1e-3, what: "mfcc");
    }

    [Fact]
    public void Log_mel_in_dB_is_the_mel_spectrogram_through_power_to_db()
    {
        using var scope = NewDisposeScope();
        var speech = Speech();
        using var logMel = new LogMelSpectrogram(new LogMelOptions(ReferenceMel));
        var db = logMel.Forward(speech).ToArray<float>();
        var mel = SharedTestData.Floats("mel/melspectrogram.f32");
        var top = mel.Max(v => 10 * Math.Log10(Math.Max(v, 1e-10)));
        var expected = mel.Select(v => Math.Max(10 * Math.Log10(Math.Max(v, 1e-10)), top - 80)).ToArray();
        Close.All(expected, db.Select(v => (double)v).ToArray(), 1e-3, what: "log-mel dB");

        using var natural = new LogMelSpectrogram(new LogMelOptions(ReferenceMel, LogCompression.NaturalLog));
        var ln = natural.Forward(speech).ToArray<float>();
        // The log magnifies float32 rounding of near-silent bins (the STFT's error is relative to each frame's peak,
        // not to the bin): compare the log where the bin holds at least 1e-3 of the peak, and every bin in the power
        // domain against the peak.
        var peak = mel.Max();
        var wellConditioned = Enumerable.Range(0, mel.Length).Where(i => mel[i] >= 1e-3 * peak).ToArray();
        Close.All(
            wellConditioned.Select(i => Math.Log(mel[i] + 1e-6)).ToArray(),
            wellConditioned.Select(i => (double)ln[i]).ToArray(),
            1e-4,
            what: "log-mel ln"
        );
        Close.All(mel.Select(v => (double)v).ToArray(), ln.Select(v => Math.Exp(v) - 1e-6).ToArray(), 1e-6 * peak, what: "log-mel ln, as power");
    }
}
