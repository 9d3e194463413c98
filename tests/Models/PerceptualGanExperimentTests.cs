using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Models.PerceptualGanSpeech;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;

namespace Dino.Repro.Tests.Models;

public class PerceptualGanExperimentTests
{
    [Fact]
    public void The_spectral_term_is_the_mean_log_power_difference_and_a_tone_peaks_in_its_bin()
    {
        // 1 kHz at 16 kHz with a 512-point FFT: bin 1000 · 512 / 16000 = 32.
        using var t = arange(Scalars.Of(8000), dtype: ScalarType.Float32).div(Scalars.Of(16000.0));
        using var tone = t.mul(Scalars.Of(2 * Math.PI * 1000)).sin().unsqueeze(0);
        using var power = PowerSpectrogramLoss.LogPower(tone);
        Assert.Equal(257, power.size(1));
        Assert.Equal(32, power[0, .., power.size(2) / 2].argmax().ToInt64());
        // Twice the amplitude is four times the power everywhere the power dwarfs ε: the loss is log 4.
        manual_seed(3);
        using var noise = randn(2, 8000);
        using var louder = noise.mul(Scalars.Of(2));
        Assert.Equal(Math.Log(4), PowerSpectrogramLoss.Of(louder, noise).ToDouble(), 3);
        Assert.Equal(0, PowerSpectrogramLoss.Of(noise, noise).ToDouble());
    }

    [Fact]
    public void The_speech_encoder_passes_gradients_to_the_waveform_and_stays_frozen()
    {
        var options = new GridRecogniserOptions
        {
            MelBands = 16,
            Channels = 16,
            Hidden = 8,
            ClipSeconds = 0.5,
        };
        var network = options.CreateNetwork();
        using var encoder = new GridTranscriber(network, options);
        using var waveform = randn(2, 8000).mul(Scalars.Of(0.1)).requires_grad_(true);
        using var features = encoder.Features(waveform);
        Assert.Equal([2L, 16], features.shape.Take(2));
        features.pow(Scalars.Of(2)).sum().backward();
        Assert.True(waveform.grad!.abs().sum().ToDouble() > 0);
        // Frozen: the Perceptual GAN's generator step leaves the recogniser's weights without gradients.
        Assert.All(network.parameters(), p => Assert.True(!p.requires_grad && p.grad is null));
    }

    [Fact]
    public void A_smoke_run_with_a_trained_recogniser_as_speech_encoder_weighs_its_terms_and_resumes_bit_for_bit()
    {
        using var data = new DataRootScope();
        using var temp = new Fixtures.TempFolder();
        var recogniser = TrainingFixtures
            .Trainer(Path.Combine(temp.Root, "recogniser"), registry: BuiltInExperiments.Registry)
            .Train("grid-recogniser", Preset.Smoke, TrainingFixtures.Set("steps=4", "evaluate_every=0", "checkpoint_every=4"));
        var (_, losses) = TrainingFixtures.AssertStopAndResumeMatch(
            BuiltInExperiments.Registry,
            temp.Root,
            PerceptualGanExperiment.Name,
            TrainingFixtures.Set("log_every=1", "checkpoint_every=2", $"speech_encoder={recogniser.RunDirectory}"),
            stopAfter: 3,
            comparedAfter: 4
        );
        Assert.Equal(6, losses.Count);
        foreach (var step in losses.Values)
            Assert.Equal(step["G_adv"] + 50 * step["waveform"] + step["spectrogram"] + step["perceptual"], step["G"], 3);
    }

    [Fact]
    public void Without_a_speech_encoder_the_run_is_refused_naming_how_to_make_one()
    {
        using var data = new DataRootScope();
        using var temp = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("train", PerceptualGanExperiment.Name, "--out", temp.Root);
        Assert.Equal(2, code);
        Assert.Contains("dino train grid-recogniser", stderr);
    }
}
