namespace Dino.Repro.Data.Loading;

/// <summary>
/// Where a batch source stands: the epoch, the index of the next example within that epoch's order, and the seed
/// that shuffles every epoch (epoch e's order is a pure function of ShuffleSeed and e, so these three numbers are
/// the whole shuffling state a checkpoint needs).
/// </summary>
public sealed record DataPosition(long Epoch, long Index, long ShuffleSeed);
