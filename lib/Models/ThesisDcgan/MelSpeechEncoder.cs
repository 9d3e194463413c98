using Dino.Repro.Models.Common;
using Dino.Repro.Signal;

namespace Dino.Repro.Models.ThesisDcgan;

/// <summary>
/// The thesis' mel-input variant (§IV-D: "a mel input (FFT 512, hop 128) fails to learn identity"): the waveform's log-mel
/// spectrogram — FFT 512, hop 128, periodic Hann, centred frames, <see cref="Bands"/> HTK bands, power in dB clipped 80
/// below the peak — fed frame by frame to the same SEGAN encoder, its bands as input channels. The thesis names neither
/// the number of bands nor how the spectrogram entered the encoder; both are the kit's reading.
/// </summary>
public sealed class MelSpeechEncoder : nn.Module<Tensor, Tensor>
{
    public const int FftSize = 512,
        Hop = 128,
        Bands = 64;

    private readonly LogMelSpectrogram spectrogram;
    private readonly SeganSpeechEncoder encoder;

    public MelSpeechEncoder(int samples, IReadOnlyList<int> channels, int sampleRate = TalkingHeadOptions.SampleRate)
        : base(nameof(MelSpeechEncoder))
    {
        spectrogram = new LogMelSpectrogram(
            new LogMelOptions(new MelSpectrogramOptions(SampleRate: sampleRate, NFft: FftSize, HopLength: Hop, NMels: Bands))
        );
        var frames = Frames(samples);
        var blocks = SeganSpeechEncoder.LengthsAfterBlocks(frames, channels.Count).TakeWhile(length => length >= 1).Count();
        if (blocks == 0)
            throw new ArgumentException($"{samples} samples give {frames} spectrogram frames, too few for one encoder block", nameof(samples));
        encoder = new SeganSpeechEncoder(frames, channels.Take(blocks).ToArray(), inputChannels: Bands);
        RegisterComponents();
    }

    /// <summary>Spectrogram frames of <paramref name="samples"/> samples: 1 + samples / hop (centred frames).</summary>
    public static int Frames(int samples) => 1 + samples / Hop;

    /// <summary>waveforms [B, samples] → embeddings [B, 128].</summary>
    public override Tensor forward(Tensor waveforms)
    {
        ArgumentNullException.ThrowIfNull(waveforms);
        using var scope = torch.NewDisposeScope();
        Tensor features;
        using (torch.no_grad()) // a fixed front end: nothing to learn before the encoder
            features = spectrogram.Forward(waveforms);
        return encoder.call(features).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            spectrogram.Dispose();
        base.Dispose(disposing);
    }
}
