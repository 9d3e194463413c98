using System.Globalization;
using System.Text.RegularExpressions;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models;

namespace Dino.Repro.Training;

/// <summary>A run's checkpoints folder: files named step-000120.safetensors, the newest K kept.</summary>
public sealed partial class CheckpointStore
{
    public CheckpointStore(string folder, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keep);
        Folder = folder;
        Keep = keep;
    }

    public string Folder { get; }
    public int Keep { get; }

    public string PathFor(long step) => Path.Combine(Folder, $"step-{step:D6}.safetensors");

    /// <summary>The complete checkpoints, oldest first (temporary files of an interrupted write are not listed).</summary>
    public IReadOnlyList<(long step, string path)> List()
    {
        if (!Directory.Exists(Folder))
            return [];
        return Directory
            .EnumerateFiles(Folder)
            .Select(path => (match: StepFile().Match(Path.GetFileName(path)), path))
            .Where(x => x.match.Success)
            .Select(x => (long.Parse(x.match.Groups[1].Value, CultureInfo.InvariantCulture), x.path))
            .OrderBy(x => x.Item1)
            .ToList();
    }

    public string? Latest() => List() is { Count: > 0 } all ? all[^1].path : null;

    /// <summary>Writes the checkpoint for <paramref name="info"/>.Step atomically, then deletes all but the newest <see cref="Keep"/>.</summary>
    public string Write(IExperiment experiment, CheckpointInfo info, TensorFileWriter? writer = null, DataPosition? data = null)
    {
        Directory.CreateDirectory(Folder);
        var path = PathFor(info.Step);
        Checkpoint.Save(experiment, info, path, writer, data);
        var all = List();
        foreach (var (_, old) in all.Take(Math.Max(0, all.Count - Keep)))
            File.Delete(old);
        return path;
    }

    /// <summary>Deletes temporary files a killed process left mid-write (never a complete checkpoint).</summary>
    public void RemoveInterruptedWrites()
    {
        if (!Directory.Exists(Folder))
            return;
        foreach (var file in Directory.EnumerateFiles(Folder).Where(f => AtomicFile.IsTemporary(Path.GetFileName(f))).ToList())
            File.Delete(file);
    }

    [GeneratedRegex(@"^step-(\d+)\.safetensors$")]
    private static partial Regex StepFile();
}
