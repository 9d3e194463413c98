using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data;

public class CityscapesReaderTests
{
    // cityscapesScripts labels.py, written out: trainId of labelIds 0..33 (255 = ignore).
    private static readonly long[] TrainIdOfLabelId =
    [
        255,
        255,
        255,
        255,
        255,
        255,
        255,
        0,
        1,
        255,
        255,
        2,
        3,
        4,
        255,
        255,
        255,
        5,
        255,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        15,
        255,
        255,
        16,
        17,
        18,
    ];

    private const string Stem = "lindau_000000_000019";

    [Fact]
    public void Maps_every_label_id_to_its_train_id_and_the_licence_plate_to_ignore()
    {
        using var dir = new Fixtures.TempFolder();
        // One row holding labelIds 0..33 and 255 (the licence plate's −1 as stored in uint8).
        var labelIds = Enumerable.Range(0, 34).Append(255).Select(i => (byte)i).ToArray();
        var corpus = WriteFixture(dir.Root, labelIds, height: 1);
        var frame = Assert.Single(corpus.Frames("val"));
        Assert.Equal(new CityscapesFrame("val", "lindau", Stem), frame);
        using var trainIds = corpus.ReadTrainIds(frame);
        Assert.Equal(TrainIdOfLabelId.Append(255).ToArray(), trainIds.ToArray<long>());
    }

    [Fact]
    public void Loads_a_resized_example_whose_condition_is_the_cityscapes_colour_map()
    {
        using var dir = new Fixtures.TempFolder();
        // 4×8 label ids: road (7) on the left half, sky (23) on the right, one unlabeled (0) pixel.
        var labelIds = Enumerable.Range(0, 32).Select(i => (byte)(i % 8 < 4 ? 7 : 23)).ToArray();
        labelIds[0] = 0;
        var corpus = WriteFixture(dir.Root, labelIds, height: 4);
        using var example = corpus.Load(corpus.Frames("val")[0], height: 2, width: 4);
        Assert.Equal([255L, 0, 10, 10, 0, 0, 10, 10], example.Labels.ToArray<long>());
        using var colors = ImageTensor.ToHwc(example.Condition);
        var rgb = colors.ToArray<byte>();
        Assert.Equal(new byte[] { 0, 0, 0 }, rgb[..3]); // ignore → black
        Assert.Equal(new byte[] { 128, 64, 128 }, rgb[3..6]); // road
        Assert.Equal(new byte[] { 70, 130, 180 }, rgb[6..9]); // sky
        Assert.Equal([3L, 2, 4], example.Photo.shape);
    }

    [Fact]
    public void Aligned_pairs_split_into_A_on_the_left_and_B_on_the_right()
    {
        using var dir = new Fixtures.TempFolder();
        using var a = torch.full([8, 8, 3], Scalars.Of(200), ScalarType.Byte);
        using var b = torch.full([8, 8, 3], Scalars.Of(30), ScalarType.Byte);
        using var joined = AlignedPairs.Join(a, b);
        Assert.Equal([8L, 16, 3], joined.shape);
        var path = Path.Combine(dir.Root, "1.jpg");
        ImageIO.Write(path, joined, jpegQuality: 100);
        Assert.Equal([path], AlignedPairs.Files(dir.Root));
        var (left, right) = AlignedPairs.Load(path, size: 4);
        using (left)
        using (right)
        {
            Assert.Equal([3L, 4, 4], left.shape);
            // 200 → 200/127.5 − 1 ≈ 0.569, 30 → −0.765 (JPEG q100 keeps flat halves within a level or two).
            Assert.All(left.ToArray<float>(), v => Assert.InRange(v, 0.54f, 0.60f));
            Assert.All(right.ToArray<float>(), v => Assert.InRange(v, -0.79f, -0.74f));
        }
    }

    [Fact]
    public void An_odd_width_aligned_image_and_corrupt_files_raise_errors_naming_the_file()
    {
        using var dir = new Fixtures.TempFolder();
        var odd = Path.Combine(dir.Root, "odd.png");
        using (var image = torch.zeros([4, 7, 3], ScalarType.Byte))
            ImageIO.Write(odd, image);
        var error = Assert.Throws<InvalidDataException>(() => AlignedPairs.Load(odd, 4));
        Assert.Contains(odd, error.Message);

        var corpus = WriteFixture(Path.Combine(dir.Root, "cs"), [7, 7, 7, 7], height: 2);
        var frame = corpus.Frames("val")[0];
        File.WriteAllText(corpus.LabelIdsPath(frame), "not a png");
        var corrupt = Assert.ThrowsAny<Exception>(() => corpus.ReadTrainIds(frame));
        Assert.Contains(corpus.LabelIdsPath(frame), corrupt.Message);
        using (var labels = torch.full([2, 2], Scalars.Of(7), ScalarType.Byte))
            LabelMap.Write(corpus.LabelIdsPath(frame), labels);
        File.Delete(corpus.PhotoPath(frame));
        var missing = Assert.Throws<FileNotFoundException>(() => corpus.Load(frame, 2, 2));
        Assert.Contains(corpus.PhotoPath(frame), missing.Message);
    }

    // The leftImg8bit/ + gtFine/ layout for one val frame of lindau.
    private static CityscapesCorpus WriteFixture(string root, byte[] labelIds, int height)
    {
        var width = labelIds.Length / height;
        var labelDir = Directory.CreateDirectory(Path.Combine(root, "gtFine", "val", "lindau")).FullName;
        var photoDir = Directory.CreateDirectory(Path.Combine(root, "leftImg8bit", "val", "lindau")).FullName;
        using (var labels = torch.tensor(labelIds, [height, width]))
            LabelMap.Write(Path.Combine(labelDir, Stem + "_gtFine_labelIds.png"), labels);
        using (var photo = torch.full([height, width, 3], Scalars.Of(90), ScalarType.Byte))
            ImageIO.Write(Path.Combine(photoDir, Stem + "_leftImg8bit.png"), photo);
        return new CityscapesCorpus(root);
    }
}
