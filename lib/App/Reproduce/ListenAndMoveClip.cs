using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.Synthetic.SoundMotion;
using Dino.Repro.Evaluation.SoundToVideo;
using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// What scoring a Listen and Move run needs from its corpus, opened as the run read it: the clip at the run's frame size
/// and clip length, the corpus folder and the space the distances are measured in. The embedded Sound-motion corpus
/// records every frame's state: its clips are scored in the stand-in space of a state reader trained on the clip, with
/// the sync error. A real clip records none (no states file beside it, as the training data reads it): it is scored with the
/// paper's AlexNet-LPIPS, Inception and I3D.
/// </summary>
public sealed class ListenAndMoveClip : IDisposable
{
    private readonly IDisposable? owned;

    private ListenAndMoveClip(string folder, string path, SoundVideoCorpus clip, IVideoFeatureSpace space, RecordedStates? states, IDisposable? owned)
    {
        (Folder, Path, Clip, Space, States, this.owned) = (folder, path, clip, space, states, owned);
    }

    public string Folder { get; }
    public string Path { get; }
    public SoundVideoCorpus Clip { get; }
    public IVideoFeatureSpace Space { get; }

    /// <summary>The recorded states and their reader; null for a real clip.</summary>
    public RecordedStates? States { get; }

    public static ListenAndMoveClip Open(ListenAndMoveOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var folder = CorpusRegistry.SoundVideos(o.Corpus, o.CorpusSeconds);
        var path = SoundVideoCorpus.Find(folder, o.Clip);
        var clip = SoundVideoCorpus.Load(path, o.EvaluationRead);
        try
        {
            if (!File.Exists(SoundMotionStates.PathOf(folder, o.Clip)))
            {
                var paper = PaperFeatureSpace.Load();
                return new ListenAndMoveClip(folder, path, clip, paper, null, paper);
            }
            var frames = SoundMotionStates.Read(folder, o.Clip).Frames;
            var reader = StateReader.For(o.Corpus, o.Clip, clip.Train.Frames, frames);
            return new ListenAndMoveClip(folder, path, clip, new StandInFeatureSpace(reader), new RecordedStates(reader, frames), reader);
        }
        catch
        {
            clip.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        owned?.Dispose();
        Clip.Dispose();
    }
}
