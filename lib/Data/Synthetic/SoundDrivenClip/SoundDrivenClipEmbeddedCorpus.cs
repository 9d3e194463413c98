namespace Dino.Repro.Data.Synthetic.SoundDrivenClip;

/// <summary>The Sound-driven clip behind <see cref="IEmbeddedCorpus"/> (<c>--count</c> sets its length in seconds).</summary>
internal sealed class SoundDrivenClipEmbeddedCorpus : IEmbeddedCorpus
{
    public string Name => SoundDrivenClipCorpus.Name;
    public string StandsFor => "sound-video";
    public string Description => "Sound-driven clip: a melody whose notes move, colour and size a disc (smoke 4 s @ 64², cpu 60 s @ 64²; --count = seconds)";

    public string Write(string root, EmbeddedCorpusRequest request)
    {
        var options = SoundDrivenClipOptions.ForPreset(request.Preset, request.Seed);
        options = options with { Seconds = request.Count ?? options.Seconds, Size = request.Size ?? options.Size };
        var path = SoundDrivenClipCorpus.Write(root, options);
        return $"wrote a {options.Seconds:0.#} s Sound-driven clip at {options.Size}², {options.Fps:0} fps (seed {options.Seed}) to {path}";
    }
}
