using Dino.Repro.Vision;

namespace Dino.Repro.Data.Cityscapes;

/// <summary>
/// gtFine label ids (0..33, cityscapesScripts' labels.py) → the 19 train ids of <see cref="Palette.Cityscapes"/>;
/// every other id (void classes, parking, rail track, guard rail, bridge, tunnel, polegroup, caravan, trailer, and
/// the licence plate's −1 stored as 255) becomes <see cref="LabelMap.Ignore"/>.
/// </summary>
public static class CityscapesLabels
{
    private static readonly byte[] TrainIdOfLabelId = Table();

    public static int TrainId(int labelId) => labelId is >= 0 and <= 255 ? TrainIdOfLabelId[labelId] : LabelMap.Ignore;

    /// <summary>Maps integer [H,W] label ids to int64 [H,W] train ids.</summary>
    public static Tensor ToTrainIds(Tensor labelIds)
    {
        ArgumentNullException.ThrowIfNull(labelIds);
        var shape = labelIds.shape;
        using var asLong = labelIds.to(ScalarType.Int64);
        var values = asLong.ToArray<long>();
        var train = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
            train[i] = values[i] is >= 0 and <= 255 ? TrainIdOfLabelId[values[i]] : LabelMap.Ignore;
        return torch.tensor(train, shape);
    }

    private static byte[] Table()
    {
        var table = Enumerable.Repeat((byte)LabelMap.Ignore, 256).ToArray();
        // (label id, train id) for the 19 evaluated classes.
        (int id, int train)[] kept =
        [
            (7, 0),
            (8, 1),
            (11, 2),
            (12, 3),
            (13, 4),
            (17, 5),
            (19, 6),
            (20, 7),
            (21, 8),
            (22, 9),
            (23, 10),
            (24, 11),
            (25, 12),
            (26, 13),
            (27, 14),
            (28, 15),
            (31, 16),
            (32, 17),
            (33, 18),
        ];
        foreach (var (id, train) in kept)
            table[id] = (byte)train;
        return table;
    }
}
