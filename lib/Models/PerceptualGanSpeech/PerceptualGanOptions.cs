using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Models.PerceptualGanSpeech;

/// <summary>
/// Options of the Perceptual GAN baseline of DINO's Table 3 (Vougioukas et al. 2019, whose loss weights the sources do not
/// give): DINO's Forward network trained by a WGAN-GP waveform critic plus L1 on the waveform, L1 between log power
/// spectrograms, and L1 between a frozen speech encoder's features — the kit's GRID recogniser standing in for the
/// pretrained PASE encoder. The weights are the kit's choice, recorded in every run.
/// </summary>
public sealed record PerceptualGanOptions : WganGpSpeechOptions
{
    /// <summary>
    /// A trained grid-recogniser run folder, checkpoint or export: the frozen speech encoder. Required to train (checked when
    /// the run starts, so the presets resolve without one).
    /// </summary>
    public string SpeechEncoder { get; init; } = "";

    public double AdversarialWeight { get; init; } = 1;

    /// <summary>Weight of the waveform L1 term. Default 50.</summary>
    public double WaveformWeight { get; init; } = 50;

    /// <summary>Weight of the log power spectrogram L1 term (STFT 512, hop 128). Default 1.</summary>
    public double SpectrogramWeight { get; init; } = 1;

    /// <summary>Weight of the speech-encoder feature L1 term. Default 1.</summary>
    public double PerceptualWeight { get; init; } = 1;

    public const string NeedsSpeechEncoder =
        "speech_encoder must name a trained grid-recogniser run (dino train grid-recogniser), its checkpoint or export";

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        foreach (
            var (name, value) in new[]
            {
                ("adversarial_weight", AdversarialWeight),
                ("waveform_weight", WaveformWeight),
                ("spectrogram_weight", SpectrogramWeight),
                ("perceptual_weight", PerceptualWeight),
            }
        )
            if (!(value >= 0))
                yield return $"{name} must not be negative (got {value})";
    }
}
