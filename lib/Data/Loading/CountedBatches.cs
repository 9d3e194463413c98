namespace Dino.Repro.Data.Loading;

/// <summary>
/// A source of empty batches of a fixed size, for an experiment that draws its own inputs (the AC-GAN encoder's latent
/// loss samples z and labels): the loop still counts batches, and the position is the number drawn.
/// </summary>
public sealed class CountedBatches(int batchSize) : IBatchSource
{
    private long drawn;

    public DataPosition Position
    {
        get => new(drawn, 0, 0);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            drawn = value.Epoch >= 0 ? value.Epoch : throw new InvalidDataException($"a count of batches cannot be negative (got {value.Epoch})");
        }
    }

    public Batch Next()
    {
        drawn++;
        return new Batch(batchSize, new Dictionary<string, Tensor>());
    }
}
