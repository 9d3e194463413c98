using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data;

public class CelebAMaskHqReaderTests
{
    // Three overlapping parts on a 16×16 grid: skin everywhere but the border, a nose block, hair over the top rows.
    private static bool Skin(int y, int x) => y is > 0 and < 15 && x is > 0 and < 15;

    private static bool Nose(int y, int x) => y is >= 2 and < 10 && x is >= 6 and < 10;

    private static bool Hair(int y, int x) => y < 4;

    [Fact]
    public void Merges_three_overlapping_part_masks_in_label_order_later_parts_on_top()
    {
        using var dir = new Fixtures.TempFolder();
        WriteFixture(dir.Root, id: 2001);
        var corpus = new CelebAMaskHqCorpus(dir.Root);
        using var labels = corpus.ReadLabels(2001);
        Assert.Equal(Expected16(), labels.ToArray<long>());
    }

    [Fact]
    public void Resizes_masks_by_nearest_neighbour_only_so_labels_stay_in_the_label_set()
    {
        using var dir = new Fixtures.TempFolder();
        WriteFixture(dir.Root, id: 7);
        var corpus = new CelebAMaskHqCorpus(dir.Root);
        using var example = corpus.Load(7, size: 6);
        var expected16 = Expected16();
        // Nearest: output (y, x) copies source (floor(y·16/6), floor(x·16/6)).
        var expected = Enumerable.Range(0, 36).Select(i => expected16[(i / 6 * 16 / 6) * 16 + i % 6 * 16 / 6]).ToArray();
        Assert.Equal(expected, example.Labels.ToArray<long>());
        Assert.Equal([3L, 6, 6], example.Condition.shape);
        Assert.Equal([3L, 6, 6], example.Photo.shape);
        // The palette condition holds palette colours only (no blends between classes).
        using var colors = ImageTensor.ToHwc(example.Condition);
        using var back = LabelMap.FromColors(colors, Palette.CelebAMaskHq);
        Assert.Equal(expected, back.ToArray<long>());
        Assert.InRange(example.Photo.min().ToSingle(), -1f, 1f);
        Assert.InRange(example.Photo.max().ToSingle(), -1f, 1f);
    }

    [Fact]
    public void One_hot_conditions_have_a_channel_per_label()
    {
        using var dir = new Fixtures.TempFolder();
        WriteFixture(dir.Root, id: 7);
        using var example = new CelebAMaskHqCorpus(dir.Root).Load(7, size: 16, ConditionEncoding.OneHot);
        Assert.Equal([19L, 16, 16], example.Condition.shape);
        var planes = example.Condition.ToArray<float>();
        var expected = Expected16();
        for (var p = 0; p < 256; p++)
            Assert.Equal(1f, planes[expected[p] * 256 + p]);
        Assert.Equal(256f, planes.Sum());
    }

    [Fact]
    public void Splits_by_the_CelebA_index_of_the_mapping_file()
    {
        using var dir = new Fixtures.TempFolder();
        WriteFixture(dir.Root, id: 0, mapping: [(0, 10), (1, 162770), (2, 162771), (3, 182637), (4, 182638), (5, 202598)]);
        var corpus = new CelebAMaskHqCorpus(dir.Root);
        Assert.Equal([0, 1], corpus.Ids(CelebASplit.Train));
        Assert.Equal([2, 3], corpus.Ids(CelebASplit.Val));
        Assert.Equal([4, 5], corpus.Ids(CelebASplit.Test));
    }

    [Fact]
    public void Batches_are_deterministic_per_seed_and_carry_condition_photo_and_labels()
    {
        using var dir = new Fixtures.TempFolder();
        WriteFixture(dir.Root, id: 0, mapping: [(0, 1), (1, 2), (2, 3), (3, 4)]);
        foreach (var id in new[] { 1, 2, 3 })
            WriteFixture(dir.Root, id, mapping: [(0, 1), (1, 2), (2, 3), (3, 4)], shift: id);
        var corpus = new CelebAMaskHqCorpus(dir.Root);
        using var first = corpus.Batches(CelebASplit.Train, size: 8, batchSize: 2, seed: 3);
        using var second = corpus.Batches(CelebASplit.Train, size: 8, batchSize: 2, seed: 3);
        using var scope = torch.NewDisposeScope();
        var a = first.Next();
        var b = second.Next();
        Assert.Equal([2L, 3, 8, 8], a["A"].shape);
        Assert.Equal([2L, 3, 8, 8], a["B"].shape);
        Assert.Equal([2L, 8, 8], a["labels"].shape);
        Assert.Equal(a["B"].ToArray<float>(), b["B"].ToArray<float>());
    }

    [Fact]
    public void Missing_and_corrupt_files_raise_errors_that_name_the_file()
    {
        using var dir = new Fixtures.TempFolder();
        WriteFixture(dir.Root, id: 3);
        var corpus = new CelebAMaskHqCorpus(dir.Root);

        var noPhoto = Assert.Throws<FileNotFoundException>(() => corpus.ReadPhoto(4));
        Assert.Contains(Path.Combine("CelebA-HQ-img", "4.jpg"), noPhoto.Message);
        var noMasks = Assert.Throws<FileNotFoundException>(() => corpus.ReadLabels(4));
        Assert.Contains("00004_<part>.png", noMasks.Message);

        var nose = CelebAMaskHqLayout.MaskPath(dir.Root, 3, "nose");
        File.WriteAllBytes(nose, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        var corrupt = Assert.ThrowsAny<Exception>(() => corpus.ReadLabels(3));
        Assert.Contains(nose, corrupt.Message);

        File.Delete(Path.Combine(dir.Root, CelebAMaskHqLayout.MappingFile));
        var noMapping = Assert.Throws<FileNotFoundException>(() => new CelebAMaskHqCorpus(dir.Root));
        Assert.Contains(CelebAMaskHqLayout.MappingFile, noMapping.Message);
    }

    [Fact]
    public void Masks_of_different_sizes_are_rejected_naming_the_odd_file()
    {
        using var dir = new Fixtures.TempFolder();
        WriteFixture(dir.Root, id: 1);
        var hair = CelebAMaskHqLayout.MaskPath(dir.Root, 1, "hair");
        using (var small = torch.zeros([8, 8, 1], dtype: ScalarType.Byte))
            ImageIO.Write(hair, small);
        var error = Assert.Throws<InvalidDataException>(() => new CelebAMaskHqCorpus(dir.Root).ReadLabels(1));
        Assert.Contains(hair, error.Message);
    }

    // The label map the three parts must merge into, written out pixel by pixel (13 hair > 2 nose > 1 skin).
    private static long[] Expected16()
    {
        var labels = new long[256];
        for (var y = 0; y < 16; y++)
        {
            for (var x = 0; x < 16; x++)
                labels[y * 16 + x] =
                    Hair(y, x) ? 13
                    : Nose(y, x) ? 2
                    : Skin(y, x) ? 1
                    : 0;
        }
        return labels;
    }

    // Writes the CelebAMask-HQ layout for one id: a 24² RGB photo, three 16² part masks (hair as a 3-channel PNG with
    // value 128, as any non-zero value marks a part), and the mapping file.
    private static void WriteFixture(string root, int id, (int id, int celebA)[]? mapping = null, int shift = 0)
    {
        Directory.CreateDirectory(Path.Combine(root, CelebAMaskHqLayout.PhotoFolder));
        var photo = new byte[24 * 24 * 3];
        for (var i = 0; i < photo.Length; i++)
            photo[i] = (byte)((i * 7 + shift * 31) % 256);
        using (var image = torch.tensor(photo, [24, 24, 3]))
            ImageIO.Write(Path.Combine(root, CelebAMaskHqLayout.PhotoFolder, $"{id}.jpg"), image);
        WriteMask(root, id, "skin", Skin, 1);
        WriteMask(root, id, "nose", Nose, 1);
        WriteMask(root, id, "hair", Hair, 3, value: 128);
        CelebASplits.WriteMapping(Path.Combine(root, CelebAMaskHqLayout.MappingFile), mapping ?? [(id, 100)]);
    }

    private static void WriteMask(string root, int id, string part, Func<int, int, bool> covers, int channels, byte value = 255)
    {
        var bytes = new byte[16 * 16 * channels];
        for (var p = 0; p < 256; p++)
        {
            if (!covers(p / 16, p % 16))
                continue;
            for (var c = 0; c < channels; c++)
                bytes[p * channels + c] = value;
        }
        var path = CelebAMaskHqLayout.MaskPath(root, id, part);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mask = torch.tensor(bytes, [16, 16, channels]);
        ImageIO.Write(path, mask);
    }
}
