using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.Loading;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.Cub200;

public class CubCorpusTests
{
    [Fact]
    public void Reads_classes_boxes_and_ten_captions_per_image_and_splits_by_the_class_lists()
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var corpus = new CubCorpus(dir.Root);

        Assert.Equal(CubFixture.Classes, corpus.ClassNames);
        var train = corpus.Images(CaptionSplit.Train);
        var test = corpus.Images(CaptionSplit.Test);
        Assert.Equal(Enumerable.Range(0, 4).Select(CubFixture.Key), train.Select(i => i.Key));
        Assert.Equal([CubFixture.Key(4), CubFixture.Key(5)], test.Select(i => i.Key));
        Assert.Equal([0, 0, 1, 1], train.Select(i => i.ClassId));
        Assert.All(test, i => Assert.Equal((2, "003.Sooty_Albatross"), (i.ClassId, i.ClassName)));
        Assert.Equal((2, 1), (corpus.ClassCount(CaptionSplit.Train), corpus.ClassCount(CaptionSplit.Test)));

        var third = train[2];
        Assert.Equal(Enumerable.Range(0, 10).Select(l => CubFixture.Caption(2, l)), third.Captions);
        Assert.Equal(new PixelBox(25, 12, 14, 17), third.BoundingBox);
        Assert.Equal(Path.Combine(dir.Root, "CUB_200_2011", "images", CubFixture.Key(2) + ".jpg"), third.ImagePath);
        Assert.Equal(new PixelBox(2.5, 3.9, 20.7, 10.2), test[0].BoundingBox);
    }

    [Theory]
    // box (x, y, w, h) in a 40×30 image → r = max(int(0.75·max(w,h)), 10), centre (int((2x+w)/2), int((2y+h)/2)), clipped.
    [InlineData(10.0, 8.0, 8.0, 6.0, 4, 1, 24, 21)] // r = max(6, 10) = 10 around (14, 11)
    [InlineData(0.0, 0.0, 30.0, 20.0, 0, 0, 37, 30)] // r = 22 around (15, 10): clipped left, top and bottom
    [InlineData(25.0, 12.0, 14.0, 17.0, 20, 8, 40, 30)] // r = 12 around (32, 20): 41/2 truncates to 20
    [InlineData(2.5, 3.9, 20.7, 10.2, 0, 0, 27, 23)] // read as (2, 3, 20, 10): r = 15 around (12, 8)
    [InlineData(20.0, 10.0, 2.0, 2.0, 11, 1, 31, 21)] // tiny box: the 10-pixel minimum half-side
    public void Bounding_box_crop_is_a_1_5x_square_around_the_box_centre_clipped_to_the_image(
        double x,
        double y,
        double w,
        double h,
        int left,
        int top,
        int right,
        int bottom
    )
    {
        Assert.Equal(new PixelRect(left, top, right, bottom), BoundingBoxCrop.Around(new PixelBox(x, y, w, h), 40, 30));
    }

    [Fact]
    public void Evaluation_transform_crops_the_box_then_takes_the_centre_without_resampling_at_equal_size()
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var image = new CubCorpus(dir.Root).Images(CaptionSplit.Train)[0];
        // Crop [4,24)×[1,21) is 20×20; load size 20 keeps it; a centred 16² crop starts 2 further in: rows 3..18, cols 6..21.
        using var actual = CaptionImageTransform.Load(image, new CaptionImageOptions(16, LoadSize: 20, RandomCrop: false, RandomFlip: false), null);
        using var decoded = ImageIO.Read(image.ImagePath, ImageReadMode.Rgb);
        var pixels = decoded.ToArray<byte>();
        var expected = new float[3 * 16 * 16];
        for (var c = 0; c < 3; c++)
        for (var r = 0; r < 16; r++)
        for (var q = 0; q < 16; q++)
            expected[(c * 16 + r) * 16 + q] = pixels[((3 + r) * CubFixture.Width + 6 + q) * 3 + c] / 127.5f - 1f;
        Assert.Equal([3L, 16, 16], actual.shape);
        Close.All(expected, actual.ToArray<float>(), atol: 1e-6);
    }

    [Fact]
    public void Shorter_side_resize_keeps_the_aspect_like_torchvision_Resize_int()
    {
        Assert.Equal((24, 29), CaptionImageTransform.ShorterSideTo(30, 37, 24)); // int(24·37/30) = int(29.6)
        Assert.Equal((304, 304), CaptionImageTransform.ShorterSideTo(500, 500, 304));
        Assert.Equal((456, 304), CaptionImageTransform.ShorterSideTo(300, 200, 304)); // int(304·300/200)
        Assert.Equal(304, new CaptionImageOptions(256).ResizedSide); // the reference's 256·76/64
    }

    [Fact]
    public void Random_crops_are_windows_of_the_resized_crop_and_flips_mirror_it_both_seeded()
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var image = new CubCorpus(dir.Root).Images(CaptionSplit.Train)[0];
        using var full = CaptionImageTransform.Load(image, new CaptionImageOptions(20, LoadSize: 20, RandomCrop: false, RandomFlip: false), null);
        var offsets = new HashSet<(long, long)>();
        var flips = new HashSet<bool>();
        for (var seed = 0; seed < 12; seed++)
        {
            using var scope = torch.NewDisposeScope();
            var cropped = CaptionImageTransform.Load(image, new CaptionImageOptions(16, LoadSize: 20, RandomFlip: false), new Random(seed));
            var match = (
                from top in Enumerable.Range(0, 5)
                from left in Enumerable.Range(0, 5)
                where full.narrow(1, top, 16).narrow(2, left, 16).Equals(cropped)
                select ((long)top, (long)left)
            ).ToArray();
            Assert.Single(match);
            offsets.Add(match[0]);
            var flipped = CaptionImageTransform.Load(image, new CaptionImageOptions(20, LoadSize: 20, RandomCrop: false), new Random(seed));
            var isFlipped = full.flip(2).Equals(flipped);
            Assert.True(isFlipped || full.Equals(flipped), $"seed {seed}: neither the image nor its mirror");
            flips.Add(isFlipped);
            // Seeded: the same seed gives the same crop.
            Assert.True(
                cropped.Equals(CaptionImageTransform.Load(image, new CaptionImageOptions(16, LoadSize: 20, RandomFlip: false), new Random(seed)))
            );
        }
        Assert.True(offsets.Count > 3, $"only {offsets.Count} distinct crop offsets over 12 seeds");
        Assert.Equal(2, flips.Count);
    }

    [Fact]
    public void A_missing_caption_file_is_reported_with_its_path()
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var path = Path.Combine(dir.Root, "cvpr2016_cub", "text_c10", CubFixture.Key(3) + ".txt");
        File.Delete(path);
        var e = Assert.Throws<FileNotFoundException>(() => new CubCorpus(dir.Root));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_caption_file_without_ten_captions_is_reported_with_its_path_and_count()
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var path = Path.Combine(dir.Root, "cvpr2016_cub", "text_c10", CubFixture.Key(1) + ".txt");
        File.WriteAllLines(path, File.ReadAllLines(path).Take(9));
        var e = Assert.Throws<InvalidDataException>(() => new CubCorpus(dir.Root));
        Assert.Contains(path, e.Message);
        Assert.Contains("found 9", e.Message);
    }

    [Theory]
    [InlineData("bounding_boxes.txt", "3 25.0 12.0 abc 17.0", "id 3")]
    [InlineData("bounding_boxes.txt", "3 25.0 12.0 17.0", "bounding_boxes.txt:3")]
    [InlineData("images.txt", "4", "images.txt:4")]
    [InlineData("image_class_labels.txt", "2 9", "class 9")]
    public void A_malformed_table_row_is_reported_with_the_file(string file, string badRow, string where)
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var path = Path.Combine(dir.Root, "CUB_200_2011", file);
        var lines = File.ReadAllLines(path);
        var row = int.Parse(badRow.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        lines[row - 1] = badRow;
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<InvalidDataException>(() => new CubCorpus(dir.Root));
        Assert.Contains(file, e.Message);
        Assert.Contains(where, e.Message);
    }

    [Fact]
    public void A_class_list_naming_an_unknown_or_a_training_class_is_rejected()
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var test = Path.Combine(dir.Root, "cvpr2016_cub", "testclasses.txt");
        File.WriteAllLines(test, ["200.Common_Yellowthroat"]);
        Assert.Contains("testclasses.txt", Assert.Throws<InvalidDataException>(() => new CubCorpus(dir.Root)).Message);
        File.WriteAllLines(test, [CubFixture.Classes[1]]);
        Assert.Contains("also a training class", Assert.Throws<InvalidDataException>(() => new CubCorpus(dir.Root)).Message);
    }

    [Fact]
    public void A_truncated_jpeg_fails_to_load_naming_the_file()
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var image = new CubCorpus(dir.Root).Images(CaptionSplit.Train)[1];
        var bytes = File.ReadAllBytes(image.ImagePath);
        File.WriteAllBytes(image.ImagePath, bytes[..(bytes.Length / 3)]);
        var e = Assert.ThrowsAny<Exception>(() => CaptionImageTransform.Load(image, CaptionImageOptions.Evaluation(16), null));
        Assert.Contains(image.ImagePath, e.Message);
    }

    [Fact]
    public void A_folder_without_the_archives_is_not_a_CUB_folder()
    {
        using var dir = new Fixtures.TempFolder();
        var e = Assert.Throws<DirectoryNotFoundException>(() => new CubCorpus(dir.Root));
        Assert.Contains("CUB_200_2011", e.Message);
    }

    [Fact]
    public void An_unreadable_jpeg_stops_the_read_naming_it_by_default_and_is_skipped_and_reported_on_request()
    {
        using var dir = new Fixtures.TempFolder();
        CubFixture.Write(dir.Root);
        var corpus = new CubCorpus(dir.Root);
        var broken = corpus.Images(CaptionSplit.Train)[2].ImagePath; // fixture image 2 of the four training ones
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..30]);
        var options = CaptionImageOptions.Evaluation(4);

        var before = LiveTensors.Settled();
        var thrown = Assert.Throws<InvalidDataException>(() => corpus.LoadImages(CaptionSplit.Train, options, null));
        Assert.Contains(broken, thrown.Message);
        Assert.Equal(before, Tensor.TotalCount); // the images read before it are freed

        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var loaded = corpus.LoadImages(CaptionSplit.Train, options, null, skip);
        try
        {
            Assert.Equal([CubFixture.Key(0), CubFixture.Key(1), CubFixture.Key(3)], loaded.Select(l => l.Image.Key));
            // The fixture's blue channel is 40·image index everywhere, whatever the crop.
            using (var scope = torch.NewDisposeScope())
                Close.All([0f, 40, 120], loaded.Select(l => (l.Pixels[2].mean().ToSingle() + 1) * 127.5f).ToArray(), atol: 3);
            var skipped = Assert.Single(skip.Report.Skipped);
            Assert.Equal(broken, skipped.File);
            Assert.Equal(thrown.Message, skipped.Reason);
        }
        finally
        {
            foreach (var l in loaded)
                l.Dispose();
        }
        Assert.Equal(before, LiveTensors.Settled());
    }
}
