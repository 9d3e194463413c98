namespace Dino.Repro.Models.PerceptualGanSpeech;

/// <summary>
/// The Perceptual GAN's spectral term: the mean absolute difference between log power spectrograms, log(|STFT|² + ε),
/// of generated and real speech (Hann window of 512, hop 128, centred frames).
/// </summary>
public static class PowerSpectrogramLoss
{
    public const int Fft = 512,
        Hop = 128;

    public const double Epsilon = 1e-6;

    /// <summary>log(|STFT(x)|² + ε) of waveforms [B, L]: [B, 257, frames].</summary>
    public static Tensor LogPower(Tensor waveforms)
    {
        ArgumentNullException.ThrowIfNull(waveforms);
        using var scope = torch.NewDisposeScope();
        var window = torch.hann_window(Fft, device: waveforms.device);
        var spectrum = torch.stft(waveforms, Fft, Hop, Fft, window, center: true, return_complex: true);
        return spectrum.abs().pow(Scalars.Of(2)).add(Scalars.Of(Epsilon)).log().MoveToOuterDisposeScope();
    }

    public static Tensor Of(Tensor generated, Tensor real)
    {
        using var scope = torch.NewDisposeScope();
        return torch.nn.functional.l1_loss(LogPower(generated), LogPower(real)).MoveToOuterDisposeScope();
    }
}
