using Dino.Repro.Data.Loading;
using Dino.Repro.Data.SoundVideo;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Listen and Move's training order: the consecutive non-overlapping clips of T frames of one video's training split,
/// one per step, pass after pass, each pass from a new offset in [0, T) (<see cref="SoundVideoSequence.PassOffset"/>);
/// the first clip of a pass is marked so the generator forgets its carried states there, as the reference's
/// <c>reset_train</c>. Batches: features [1, T, F], frames [1, T, 3, S, S] in [−1, 1], first_of_pass [1] (1 or 0).
/// </summary>
public sealed class SoundClipBatches : IBatchSource
{
    public const string FeaturesKey = "features",
        FramesKey = "frames",
        FirstOfPassKey = "first_of_pass";

    private readonly SoundVideoSequence sequence;
    private readonly long seed;

    public SoundClipBatches(SoundVideoSequence sequence, long seed)
    {
        this.sequence = sequence ?? throw new ArgumentNullException(nameof(sequence));
        if (sequence.ClipCount == 0)
            throw new ArgumentException(
                $"the training split holds {sequence.Length} frames: a pass needs at least {2 * sequence.ClipLength} "
                    + $"for one clip of {sequence.ClipLength}"
            );
        this.seed = seed;
        Position = new DataPosition(0, 0, seed);
    }

    public DataPosition Position { get; set; }

    public Batch Next()
    {
        var (pass, index) = (Position.Epoch, Position.Index);
        if (index >= sequence.ClipCount)
            (pass, index) = (pass + 1, 0);
        using var clip = sequence.Clip(index, sequence.PassOffset(seed, (int)pass));
        Position = new DataPosition(pass, index + 1, Position.ShuffleSeed);
        return new Batch(
            1,
            new Dictionary<string, Tensor>
            {
                [FeaturesKey] = clip.Features.unsqueeze(0),
                [FramesKey] = clip.Frames.unsqueeze(0),
                [FirstOfPassKey] = torch.tensor(new float[] { index == 0 ? 1 : 0 }),
            }
        );
    }
}

/// <summary>What a Listen and Move run trains on: its clip batches, the training frames and states (for the perceptual
/// stand-in) and the validation split (for the sample grid).</summary>
public sealed record SoundClipData(SoundClipBatches Batches, SoundVideoCorpus Clip, IReadOnlyList<double[]>? TrainStates) : IDisposable
{
    public void Dispose() => Clip.Dispose();
}
