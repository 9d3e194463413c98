using Dino.Repro.Signal;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Models.GridRecogniser;

/// <summary>
/// Transcribes speech with a trained GRID recogniser (the "grid-recogniser" experiment): every transcript is a
/// grammatical GRID sentence, the best word of each slot. Evaluation.Speech.GridTranscriberFiles loads one from a run
/// folder (its newest checkpoint), a checkpoint of such a run, or a file written by <see cref="Save"/>. Dispose it.
/// </summary>
public sealed class GridTranscriber : IDisposable
{
    /// <summary>The metadata format of a file written by <see cref="Save"/>.</summary>
    public const string ExportFormat = "dino.grid-recogniser.v1";

    public const string HowToTrain =
        "train one with `dino train grid-recogniser --preset cpu` and pass its run folder (e.g. runs/00001-grid-recogniser-cpu) or one of its "
        + "checkpoints";

    private readonly GridRecogniserNetwork network;
    private readonly GridFeatures front;

    /// <summary>Takes ownership of <paramref name="network"/>, which must match <paramref name="options"/>' sizes.</summary>
    public GridTranscriber(GridRecogniserNetwork network, GridRecogniserOptions options)
    {
        this.network = network ?? throw new ArgumentNullException(nameof(network));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        front = options.CreateFeatures();
        network.eval();
        foreach (var parameter in network.parameters())
            parameter.requires_grad = false;
    }

    public GridRecogniserOptions Options { get; }

    /// <summary>
    /// The sentence heard in <paramref name="audio"/> (any rate; channels are mixed to mono; runs on the CPU). Clips
    /// shorter than the training length (3 s) are padded with silence; longer ones are read whole, the network's time
    /// spans stretching over them, so give it GRID-length clips as Table 3 does.
    /// </summary>
    public string Transcribe(AudioBuffer audio)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var features = front.Forward(audio).to(network.parameters().First().device);
        return string.Join(' ', GridSlots.Decode(network.call(features))[0]);
    }

    /// <summary>
    /// The recogniser's encoder maps [B, channels, frames] of waveforms [B, samples] at 16 kHz, differentiable in the
    /// waveforms (the Perceptual GAN baseline's stand-in for a pretrained speech encoder); the network stays frozen.
    /// </summary>
    public Tensor Features(Tensor waveforms)
    {
        ArgumentNullException.ThrowIfNull(waveforms);
        using var scope = torch.NewDisposeScope();
        // The front end's filterbank lives on the CPU; both moves keep the gradient.
        var features = front.Forward(waveforms.to(torch.CPU)).to(network.parameters().First().device);
        return network.Encode(features).MoveToOuterDisposeScope();
    }

    /// <summary>Moves the network to <paramref name="device"/> (the front end runs on the CPU).</summary>
    public GridTranscriber To(Device device)
    {
        network.to(device);
        return this;
    }

    /// <summary>Writes the network and its options to one safetensors file that GridTranscriberFiles.Load reads.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var scope = torch.NewDisposeScope();
        var metadata = new Dictionary<string, string> { ["format"] = ExportFormat, ["options"] = OptionSet.ToJsonText(Options) };
        IO.AtomicFile.WriteVia(path, temp => SafeTensors.Save(network.state_dict(), temp, metadata), keepExtension: true);
    }

    public void Dispose()
    {
        network.Dispose();
        front.Dispose();
    }
}
