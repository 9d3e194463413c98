using Dino.Repro.Data.Oxford102;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.Oxford102;

public class MatFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_a_double_matrix_in_column_major_order(bool compress)
    {
        // [[1.5, -2, 3], [4, 5.25, 6]]: MATLAB stores columns one after another.
        double[] columnMajor = [1.5, 4, -2, 5.25, 3, 6];
        var bytes = new MatV5Writer(compress).Numeric("m", [2, 3], columnMajor).ToArray();
        var array = MatFile.Parse(bytes)["m"];
        Assert.Equal([2, 3], array.Dimensions);
        Assert.Equal(columnMajor, array.Values);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_imagelabels_as_MATLAB_saves_it_a_double_array_stored_as_uint8(bool compress)
    {
        double[] labels = [77, 77, 1, 102, 52, 9, 33];
        var bytes = new MatV5Writer(compress).Numeric("labels", [1, labels.Length], labels, storage: MatV5Writer.MiUInt8).ToArray();
        var array = MatFile.Parse(bytes)["labels"];
        Assert.Equal([1, 7], array.Dimensions);
        Assert.Equal(labels, array.Values);
    }

    [Fact]
    public void Reads_several_variables_of_other_storage_types_and_skips_char_arrays()
    {
        var bytes = new MatV5Writer(compress: true)
            .Numeric("trnid", [1, 3], [6765, 6755, 6768], storage: MatV5Writer.MiUInt16)
            .Chars("__header__", "made by a test")
            .Numeric("tstid", [1, 2], [-3, 32000], MatV5Writer.MxInt16, MatV5Writer.MiInt16)
            .Numeric("x", [1, 1], [7], storage: MatV5Writer.MiUInt8) // one byte: a small data element
            .Numeric("f", [1, 2], [0.25, -1.5], MatV5Writer.MxSingle, MatV5Writer.MiSingle)
            .ToArray();
        var arrays = MatFile.Parse(bytes);
        Assert.Equal(["f", "trnid", "tstid", "x"], arrays.Keys.Order());
        Assert.Equal([6765.0, 6755, 6768], arrays["trnid"].Values);
        Assert.Equal([-3.0, 32000], arrays["tstid"].Values);
        Assert.Equal([7.0], arrays["x"].Values);
        Assert.Equal([0.25, -1.5], arrays["f"].Values);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_an_error_naming_it()
    {
        using var dir = new Fixtures.TempFolder();
        var bytes = new MatV5Writer(compress: false).Numeric("labels", [1, 40], Enumerable.Range(1, 40).Select(i => (double)i).ToArray()).ToArray();
        var truncated = dir.File("imagelabels.mat");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length - 20)]);
        var e = Assert.Throws<InvalidDataException>(() => MatFile.ReadNumeric(truncated));
        Assert.Contains(truncated, e.Message);
        Assert.Contains("truncated", e.Message);

        var foreign = dir.File("setid.mat");
        File.WriteAllBytes(foreign, new byte[200]);
        Assert.Contains(foreign, Assert.Throws<InvalidDataException>(() => MatFile.ReadNumeric(foreign)).Message);

        var other = dir.File("other.mat");
        File.WriteAllBytes(other, new MatV5Writer(compress: true).Numeric("trnid", [1, 1], [5]).ToArray());
        var missing = Assert.Throws<InvalidDataException>(() => MatFile.ReadVariable(other, "labels"));
        Assert.Contains("has: trnid", missing.Message);
    }
}
