using Dino.Repro.IO;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>The reproducible tables by name; <see cref="Default"/> holds the kit's.</summary>
public sealed class TableRegistry
{
    private readonly SortedDictionary<string, IReproducibleTable> byName = new(StringComparer.Ordinal);

    public static TableRegistry Default { get; } =
        new TableRegistry()
            .Register(new DinoTable1())
            .Register(new DinoTable2())
            .Register(new DinoTable4())
            .Register(new AcGanTranslationTable())
            .Register(new SpeechToFaceTable(Wav2PixTables.Table2))
            .Register(new SpeechToFaceTable(Wav2PixTables.Table3))
            .Register(new DinoTable3())
            .Register(new ListenAndMoveTable1())
            .Register(new ListenAndMoveTable2());

    public TableRegistry Register(IReproducibleTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!byName.TryAdd(table.Name, table))
            throw new ArgumentException($"a table named '{table.Name}' is already registered", nameof(table));
        return this;
    }

    /// <summary>The names, sorted.</summary>
    public IReadOnlyList<string> Names => byName.Keys.ToList();

    public IEnumerable<IReproducibleTable> All => byName.Values;

    /// <summary>The table called <paramref name="name"/>; a <see cref="UsageException"/> listing the valid names otherwise.</summary>
    public IReproducibleTable Get(string name) =>
        byName.TryGetValue(name, out var table) ? table : throw UsageException.UnknownName("table", name, byName.Keys);
}
