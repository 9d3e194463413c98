namespace Dino.Repro.Data.Loading;

/// <summary>An endless stream of batches whose position can be saved and restored exactly.</summary>
public interface IBatchSource
{
    /// <summary>The position of the next batch; setting it makes <see cref="Next"/> continue from there.</summary>
    DataPosition Position { get; set; }

    /// <summary>The next batch; its tensors belong to the current dispose scope.</summary>
    Batch Next();
}
