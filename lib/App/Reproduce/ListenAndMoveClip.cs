using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.Synthetic.SoundMotion;
using Dino.Repro.Evaluation.SoundToVideo;
using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// What scoring a Listen and Move run needs from its corpus, opened as the run read it: the clip at the run's frame size
/// and clip length, every frame's recorded state, the state reader trained on the clip, and the corpus folder.
/// </summary>
public sealed class ListenAndMoveClip : IDisposable
{
    private ListenAndMoveClip(string folder, string path, SoundVideoCorpus clip, IReadOnlyList<double[]> states, StateReader reader)
    {
        (Folder, Path, Clip, States, Reader) = (folder, path, clip, states, reader);
    }

    public string Folder { get; }
    public string Path { get; }
    public SoundVideoCorpus Clip { get; }
    public IReadOnlyList<double[]> States { get; }
    public StateReader Reader { get; }

    public static ListenAndMoveClip Open(ListenAndMoveOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var folder = CorpusRegistry.SoundVideos(o.Corpus, o.CorpusSeconds);
        var path = System.IO.Path.Combine(folder, o.Clip + ".mp4");
        var clip = SoundVideoCorpus.Load(path, new SoundVideoOptions(Size: o.ImageSize, ClipLength: o.ClipLength));
        try
        {
            var states = SoundMotionStates.Read(folder, o.Clip).Frames;
            return new ListenAndMoveClip(folder, path, clip, states, StateReader.For(o.Corpus, o.Clip, clip.Train.Frames, states));
        }
        catch
        {
            clip.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Reader.Dispose();
        Clip.Dispose();
    }
}
