using Dino.Repro.Data.Loading;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Data;

/// <summary>
/// A training split held in memory as 8-bit values: photos and palette conditions are 8-bit levels (decoded from PNG/JPEG
/// and resized as uint8) and labels are below 256, so bytes hold them exactly in a quarter (images) and an eighth
/// (labels) of the memory. CelebAMask-HQ's 24,183 training pairs at 256² take about 6 GB instead of 50 GB.
/// Batches are widened back to float [−1, 1] and int64 on the way out, bit for bit the values that were read.
/// </summary>
public static class CompactPairs
{
    /// <summary>
    /// <paramref name="example"/> with its condition and photo as uint8 levels [H, W, C] and its labels as uint8 wherever
    /// that loses nothing (a one-hot condition stays float); the tensors it replaces are disposed.
    /// </summary>
    public static PairedExample Compact(PairedExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return example with { Condition = ImageLevels(example.Condition), Photo = ImageLevels(example.Photo), Labels = LabelBytes(example.Labels) };
    }

    /// <summary>
    /// Batches of <paramref name="source"/> with uint8 images [B, H, W, C] as float [B, C, H, W] in [−1, 1] and uint8 labels as int64.
    /// </summary>
    public static IBatchSource Widened(IBatchSource source) => new WidenedBatches(source ?? throw new ArgumentNullException(nameof(source)));

    // Images are stored as ImageTensor.ToHwc's bytes ([H, W, C]) and widened by ImageTensor.ToChw: one definition of the
    // 8-bit mapping for the whole kit. Kept only where the round trip gives back the very values that were read.
    private static Tensor ImageLevels(Tensor image)
    {
        using var scope = torch.NewDisposeScope();
        var levels = ImageTensor.ToHwc(image);
        if (!ImageTensor.ToChw(levels).Equals(image))
            return image;
        image.Dispose();
        return levels.MoveToOuterDisposeScope();
    }

    private static Tensor LabelBytes(Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        if (labels.min().ToInt64() < 0 || labels.max().ToInt64() > 255)
            return labels;
        var bytes = labels.to(ScalarType.Byte);
        labels.Dispose();
        return bytes.MoveToOuterDisposeScope();
    }

    private sealed class WidenedBatches(IBatchSource source) : IBatchSource, IDisposable
    {
        public DataPosition Position
        {
            get => source.Position;
            set => source.Position = value;
        }

        public Batch Next()
        {
            var batch = source.Next();
            var tensors = new Dictionary<string, Tensor>();
            foreach (var name in batch.Names)
            {
                var t = batch[name];
                tensors[name] =
                    t.dtype != ScalarType.Byte ? t
                    : name == PairedBatches.LabelsKey ? t.to(ScalarType.Int64)
                    : ImageTensor.ToChw(t);
            }
            return new Batch(batch.Size, tensors);
        }

        public void Dispose() => (source as IDisposable)?.Dispose();
    }
}
