using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

/// <summary>Label PNGs ↔ class indices and class indices ↔ palette colours.</summary>
public class LabelMapTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    [Theory]
    [InlineData("segmentation/shapes_gt.png")]
    [InlineData("segmentation/blocks_pred.png")]
    public void Shared_label_pngs_read_as_the_reference_decoders_indices(string name)
    {
        var path = VisionTestData.Path(name);
        var reference = PngReference.Decode(File.ReadAllBytes(path));
        Assert.Equal(0, reference.ColorType);

        var labels = LabelMap.Read(path);

        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(new long[] { reference.Height, reference.Width }, labels.shape);
        Assert.Equal(reference.Samples.Select(v => (long)v).ToArray(), labels.ToArray<long>());
    }

    [Fact]
    public void Label_png_round_trip_keeps_every_value_including_ignore()
    {
        var values = Enumerable.Range(0, 12 * 10).Select(i => (long)(i % 20 == 19 ? LabelMap.Ignore : i % 19)).ToArray();
        var labels = tensor(values, [12, 10]);
        var file = temp.File("labels.png");

        LabelMap.Write(file, labels);

        Assert.Equal(values, LabelMap.Read(file).ToArray<long>());
        Assert.Equal(values.Select(v => (int)v).ToArray(), PngReference.Decode(File.ReadAllBytes(file)).Samples);
        Assert.Throws<ArgumentException>(() => LabelMap.Write(temp.File("labels.jpg"), labels));
        Assert.Throws<ArgumentException>(() => LabelMap.Write(temp.File("big.png"), tensor(new long[] { 256 }, [1, 1])));
    }

    [Theory]
    [InlineData("cityscapes")]
    [InlineData("celebamask-hq-original")]
    public void Colours_map_back_to_the_same_classes(string paletteName)
    {
        var palette = paletteName == "cityscapes" ? Palette.Cityscapes : Palette.CelebAMaskHqOriginal;
        var labels = randint(0, 19, [9, 11], generator: new Generator(19));

        var colours = LabelMap.Colorize(labels, palette);

        var rgb = colours.ToArray<byte>();
        var indices = labels.ToArray<long>();
        for (var i = 0; i < indices.Length; i++)
        {
            var expected = palette.Colors[(int)indices[i]];
            Assert.Equal(new[] { expected.R, expected.G, expected.B }, rgb[(3 * i)..(3 * i + 3)]);
        }
        Assert.True(LabelMap.FromColors(colours, palette).Equals(labels));
    }

    [Fact]
    public void Palettes_have_nineteen_classes_with_the_published_colours()
    {
        Assert.Equal(19, Palette.Cityscapes.Count);
        Assert.Equal(19, Palette.CelebAMaskHq.Count);
        Assert.Equal(new Rgb(0, 0, 142), Palette.Cityscapes.Colors[Palette.Cityscapes.ClassNames.ToList().IndexOf("car")]);
        Assert.Equal(new Rgb(0, 0, 204), Palette.CelebAMaskHq.Colors[Palette.CelebAMaskHq.ClassNames.ToList().IndexOf("hair")]);
        Assert.Equal(19, Palette.CelebAMaskHqOriginal.Colors.Distinct().Count());
        Assert.Equal(16, Palette.CelebAMaskHq.Colors.Distinct().Count()); // three left/right pairs share a colour
    }

    [Fact]
    public void Symmetric_palette_reads_a_shared_colour_as_the_left_class()
    {
        var labels = tensor(new long[] { 4, 5, 6, 7, 8, 9, 13 }, [1, 7]);
        var back = LabelMap.FromColors(LabelMap.Colorize(labels, Palette.CelebAMaskHq), Palette.CelebAMaskHq);
        Assert.Equal(new long[] { 4, 4, 6, 6, 8, 8, 13 }, back.ToArray<long>());
    }

    [Fact]
    public void Ignore_pixels_are_drawn_black_and_cityscapes_void_colours_read_as_ignore()
    {
        var labels = tensor(new long[] { 0, LabelMap.Ignore, 13 }, [1, 3]);
        var colours = LabelMap.Colorize(labels, Palette.Cityscapes);
        Assert.Equal(new byte[] { 128, 64, 128, 0, 0, 0, 0, 0, 142 }, colours.ToArray<byte>());
        Assert.Equal(new long[] { 0, LabelMap.Ignore, 13 }, LabelMap.FromColors(colours, Palette.Cityscapes).ToArray<long>());

        var ground = tensor(new byte[] { 81, 0, 81 }, [1, 1, 3]); // Cityscapes "ground": a label id without a train id
        Assert.Equal(LabelMap.Ignore, LabelMap.FromColors(ground, Palette.Cityscapes).ToInt64());
    }

    [Fact]
    public void Unknown_colours_are_named_with_their_count_and_position()
    {
        var colours = LabelMap.Colorize(zeros([3, 4], ScalarType.Int64), Palette.Cityscapes);
        colours[1, 2] = tensor(new byte[] { 1, 2, 3 });
        colours[2, 3] = tensor(new byte[] { 1, 2, 3 });

        var e = Assert.Throws<InvalidDataException>(() => LabelMap.FromColors(colours, Palette.Cityscapes, source: "frankfurt_000001_color.png"));

        Assert.Contains("frankfurt_000001_color.png", e.Message);
        Assert.Contains("(1,2,3) × 2 px", e.Message);
        Assert.Contains("x=2 y=1", e.Message);
    }

    [Fact]
    public void Tolerance_accepts_jpeg_like_noise_and_only_then()
    {
        var labels = tensor(new long[] { 1, 2, 3, 10 }, [2, 2]);
        var noisy = LabelMap
            .Colorize(labels, Palette.Cityscapes)
            .to(ScalarType.Int32)
            .add(tensor(new[] { 2, -3, 1, -1, 0, 2, 3, 3, -2, 1, 1, 1 }, [2, 2, 3]), Scalars.Of(1L))
            .clamp(Scalars.Of(0), Scalars.Of(255))
            .to(ScalarType.Byte);

        Assert.Throws<InvalidDataException>(() => LabelMap.FromColors(noisy, Palette.Cityscapes));
        Assert.True(LabelMap.FromColors(noisy, Palette.Cityscapes, tolerance: 6).Equals(labels));
    }

    [Fact]
    public void Colour_mask_files_read_back_as_indices_and_name_the_file_on_error()
    {
        var labels = randint(0, 19, [6, 5], generator: new Generator(7));
        var file = temp.File("mask.png");
        ImageIO.Write(file, LabelMap.Colorize(labels, Palette.CelebAMaskHqOriginal));
        Assert.True(LabelMap.ReadColors(file, Palette.CelebAMaskHqOriginal).Equals(labels));

        var wrong = Assert.Throws<InvalidDataException>(() => LabelMap.ReadColors(file, Palette.Cityscapes));
        Assert.Contains(file, wrong.Message);
        Assert.Throws<InvalidDataException>(() => LabelMap.Read(file)); // three channels are not a label map
    }

    [Fact]
    public void Colorize_refuses_labels_outside_the_palette()
    {
        var e = Assert.Throws<ArgumentException>(() => LabelMap.Colorize(tensor(new long[] { 0, 19 }, [1, 2]), Palette.Cityscapes));
        Assert.Contains("label 19", e.Message);
    }
}
