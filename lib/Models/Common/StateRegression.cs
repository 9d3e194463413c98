using Dino.Repro.IO;

namespace Dino.Repro.Models.Common;

/// <summary>
/// Trains a small network to read each video frame's recorded state (the kit's corpus-trained stand-ins for pretrained
/// feature networks): batches of random frames, MSE against their states, Adam — seeded on a stream of its own, so
/// making a stand-in never shifts a training run's random numbers.
/// </summary>
public static class StateRegression
{
    public const int BatchSize = 32;

    /// <param name="network">The parameters trained.</param>
    /// <param name="read">Frames [B, 3, S, S] in [0, 1] → states [B, fields].</param>
    /// <param name="frames">uint8 [N, S, S, 3].</param>
    /// <param name="states">A state per frame, [N][fields].</param>
    public static void Train(
        nn.Module network,
        Func<Tensor, Tensor> read,
        Tensor frames,
        IReadOnlyList<double[]> states,
        int steps,
        double learningRate,
        long seed
    )
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(states);
        var count = (int)frames.size(0);
        if (count == 0 || states.Count < count)
            throw new ArgumentException($"a state is needed for each of the {count} frames (got {states.Count})");
        SeededDefaultGenerator.Run(seed, () =>
        {
            using var targets = torch.tensor(states.Take(count).SelectMany(s => s).Select(v => (float)v).ToArray(), [count, states[0].Length]);
            using var optimizer = torch.optim.Adam(network.parameters(), lr: learningRate);
            network.train();
            for (var step = 0; step < steps; step++)
            {
                using var scope = torch.NewDisposeScope();
                var picks = torch.randint(0, count, [BatchSize], dtype: ScalarType.Int64);
                var images = frames.index_select(0, picks).permute(0, 3, 1, 2).to(ScalarType.Float32).div(Scalars.Of(255));
                var loss = nn.functional.mse_loss(read(images), targets.index_select(0, picks));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        });
    }

    /// <summary>
    /// The network cached at <c>&lt;data root&gt;/cache/<paramref name="cacheFile"/></c>, or built, trained by <see cref="Train"/>
    /// and written there (atomically, <see cref="CachedNetwork"/>); returned frozen, in eval mode.
    /// </summary>
    public static T LoadOrTrain<T>(
        string cacheFile,
        Func<T> build,
        Func<T, Func<Tensor, Tensor>> read,
        Tensor frames,
        IReadOnlyList<double[]> states,
        int steps,
        double learningRate,
        long seed
    )
        where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(read);
        var path = Path.Combine(KitPaths.DataRoot(), "cache", cacheFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (network, _) = CachedNetwork.LoadOrTrain(path, build, n => Train(n, read(n), frames, states, steps, learningRate, seed));
        foreach (var p in network.parameters())
            p.requires_grad_(false);
        return network;
    }
}
