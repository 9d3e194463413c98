using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

/// <summary>
/// Image files through OpenCV, checked against a PNG reader/writer written here from the specification
/// (<see cref="PngReference"/>) and against closed forms (PSNR bounds for JPEG).
/// </summary>
public class ImageIOTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    [Theory]
    [InlineData("images/astronaut.png")]
    [InlineData("images/coffee.png")]
    [InlineData("images/rocket_jpeg10.png")]
    public void Shared_test_images_decode_to_the_reference_decoders_pixels(string name)
    {
        var path = VisionTestData.Path(name);
        var bytes = File.ReadAllBytes(path);
        var (width, height) = PngReference.Size(bytes);
        var reference = PngReference.Decode(bytes);

        var image = ImageIO.Read(path);

        Assert.Equal(ScalarType.Byte, image.dtype);
        Assert.Equal(new long[] { height, width, 3 }, image.shape);
        Assert.Equal(reference.Samples, image.ToArray<byte>().Select(b => (int)b).ToArray());
    }

    [Fact]
    public void Coffee_is_160_rows_by_240_columns_as_the_readme_says()
    {
        var image = ImageIO.Read(VisionTestData.Path("images/coffee.png"));
        Assert.Equal(new long[] { 160, 240, 3 }, image.shape);
    }

    [Theory]
    [InlineData(0, 8)] // gray
    [InlineData(2, 8)] // RGB
    [InlineData(6, 8)] // RGBA
    [InlineData(0, 16)] // 16-bit gray
    [InlineData(2, 16)] // 16-bit RGB
    public void Hand_written_pngs_read_back_with_exact_values_in_rgb_order(int colorType, int depth)
    {
        int width = 7,
            height = 5,
            channels = colorType switch
            {
                0 => 1,
                2 => 3,
                _ => 4,
            };
        var max = (1 << depth) - 1;
        var rng = new Random(colorType * 100 + depth);
        var samples = Enumerable.Range(0, width * height * channels).Select(_ => rng.Next(max + 1)).ToArray();
        samples[0] = 0;
        samples[1] = max; // both extremes present
        var file = temp.File($"hand_{colorType}_{depth}.png");
        File.WriteAllBytes(file, PngReference.Encode(width, height, depth, colorType, samples, subFilter: true));

        var image = ImageIO.Read(file);

        Assert.Equal(new long[] { height, width, channels }, image.shape);
        if (depth == 8)
        {
            Assert.Equal(ScalarType.Byte, image.dtype);
            Assert.Equal(samples, image.ToArray<byte>().Select(b => (int)b).ToArray());
        }
        else
        {
            Assert.Equal(ScalarType.Int32, image.dtype); // the kit widens 16-bit samples to int32 (ImageIO)
            Assert.Equal(samples, image.ToArray<int>());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Png_round_trip_is_exact_and_readable_by_the_reference_decoder(int channels)
    {
        var image = randint(0, 256, [9, 13, channels], ScalarType.Byte, generator: new Generator((ulong)channels));
        var file = temp.File($"round_{channels}.png");

        ImageIO.Write(file, image);

        Assert.True(ImageIO.Read(file).Equals(image));
        var reference = PngReference.Decode(File.ReadAllBytes(file));
        Assert.Equal(image.ToArray<byte>().Select(b => (int)b).ToArray(), reference.Samples); // RGB(A) order on disk too
    }

    [Fact]
    public void Sixteen_bit_png_round_trip_is_exact()
    {
        var values = new[] { 0, 1, 255, 256, 4095, 32768, 65534, 65535, 12345, 54321, 7, 60000 };
        var image = tensor(values, [2, 2, 3]);
        var file = temp.File("deep.png");

        ImageIO.Write(file, image);

        var reference = PngReference.Decode(File.ReadAllBytes(file));
        Assert.Equal(16, reference.BitDepth);
        Assert.Equal(values, reference.Samples);
        Assert.Equal(values, ImageIO.Read(file).ToArray<int>());
    }

    [Fact]
    public void Bmp_round_trip_is_exact_and_a_truncated_bmp_is_refused()
    {
        var image = randint(0, 256, [6, 10, 3], ScalarType.Byte, generator: new Generator(11));
        var file = temp.File("lossless.bmp");
        ImageIO.Write(file, image);
        Assert.True(ImageIO.Read(file).Equals(image));

        var bytes = File.ReadAllBytes(file);
        var cut = temp.File("cut.bmp");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        Assert.Contains(cut, Assert.Throws<InvalidDataException>(() => ImageIO.Read(cut)).Message);
    }

    [Fact]
    public void Gray_with_alpha_pngs_read_as_rgba()
    {
        var samples = new[] { 10, 255, 20, 128, 30, 0, 40, 7 }; // (gray, alpha) pairs
        var file = temp.File("gray_alpha.png");
        File.WriteAllBytes(file, PngReference.Encode(2, 2, 8, 4, samples));

        var image = ImageIO.Read(file);

        Assert.Equal(new long[] { 2, 2, 4 }, image.shape);
        Assert.Equal(new byte[] { 10, 10, 10, 255, 20, 20, 20, 128, 30, 30, 30, 0, 40, 40, 40, 7 }, image.ToArray<byte>());
    }

    [Fact]
    public void Jpeg_round_trip_stays_close_and_quality_orders_the_error()
    {
        var original = ImageIO.Read(VisionTestData.Path("images/astronaut.png"));
        var high = temp.File("q95.jpg");
        var low = temp.File("q10.jpeg");

        ImageIO.Write(high, original, jpegQuality: 95);
        ImageIO.Write(low, original, jpegQuality: 10);

        var psnrHigh = Psnr(original, ImageIO.Read(high));
        var psnrLow = Psnr(original, ImageIO.Read(low));
        Assert.InRange(psnrHigh, 35, 60); // q95 on a natural image: well above visible-artefact levels, not lossless
        Assert.InRange(psnrLow, 20, psnrHigh - 5);
        Assert.Equal(0xFF, File.ReadAllBytes(high)[0]); // a real JPEG (SOI marker), not a PNG with a .jpg name
        Assert.Equal(0xD8, File.ReadAllBytes(high)[1]);
    }

    [Fact]
    public void Read_modes_convert_channels()
    {
        var rgb = ImageIO.Read(VisionTestData.Path("images/chelsea.png"));
        var gray = ImageIO.Read(VisionTestData.Path("images/chelsea.png"), ImageReadMode.Gray);
        Assert.Equal(new long[] { 150, 225, 1 }, gray.shape);
        // Luma 0.299 R + 0.587 G + 0.114 B, computed by libpng in fixed point: rounding plus quantised weights stay within 1.5 levels.
        var expected = rgb.to(ScalarType.Float64).mul(tensor(new[] { 0.299, 0.587, 0.114 })).sum(2, keepdim: true);
        var worst = gray.to(ScalarType.Float64).sub(expected).abs().max().ToDouble();
        Assert.True(worst <= 1.5, $"gray differs from the luma formula by {worst} levels");

        var grayFile = temp.File("gray.png");
        ImageIO.Write(grayFile, gray);
        var expanded = ImageIO.Read(grayFile, ImageReadMode.Rgb);
        Assert.Equal(new long[] { 150, 225, 3 }, expanded.shape);
        for (var c = 0; c < 3; c++)
            Assert.True(expanded.select(2, c).Equals(gray.squeeze(2)));
    }

    [Fact]
    public void Decoding_bytes_equals_reading_the_file()
    {
        var path = VisionTestData.Path("images/rocket.png");
        Assert.True(ImageIO.Decode(File.ReadAllBytes(path)).Equals(ImageIO.Read(path)));
        var encoded = ImageIO.Encode(ImageIO.Read(path), ImageFormat.Png);
        Assert.Equal(PngReference.Decode(File.ReadAllBytes(path)).Samples, PngReference.Decode(encoded).Samples);
    }

    [Fact]
    public void Writes_leave_no_temporary_files_and_replace_existing_ones()
    {
        var file = temp.File("again.png");
        ImageIO.Write(file, zeros([4, 4, 3], ScalarType.Byte));
        ImageIO.Write(file, full([4, 4, 3], Scalars.Of(200), ScalarType.Byte));

        Assert.Equal(new[] { "again.png" }, Directory.GetFiles(temp.Root).Select(Path.GetFileName).ToArray());
        Assert.Equal(200, ImageIO.Read(file).max().ToInt32());
        Assert.Equal(200, ImageIO.Read(file).min().ToInt32());
    }

    [Fact]
    public void A_missing_file_is_named_in_a_FileNotFoundException()
    {
        var missing = temp.File("nowhere.png");
        var e = Assert.Throws<FileNotFoundException>(() => ImageIO.Read(missing));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Corrupt_png_bytes_are_named_in_an_InvalidDataException()
    {
        var bytes = File.ReadAllBytes(VisionTestData.Path("images/chelsea.png"));
        for (var i = 200; i < 260; i++)
            bytes[i] ^= 0x5A; // inside the image data: its CRC no longer matches
        var file = temp.File("corrupt.png");
        File.WriteAllBytes(file, bytes);

        var e = Assert.Throws<InvalidDataException>(() => ImageIO.Read(file));
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void A_truncated_png_is_named_in_an_InvalidDataException()
    {
        var bytes = File.ReadAllBytes(VisionTestData.Path("images/chelsea.png"));
        var file = temp.File("truncated.png");
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => ImageIO.Read(file));
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void A_truncated_jpeg_is_refused_rather_than_filled_with_grey()
    {
        var good = temp.File("whole.jpg");
        ImageIO.Write(good, ImageIO.Read(VisionTestData.Path("images/coffee.png")));
        var bytes = File.ReadAllBytes(good);
        var file = temp.File("cut.jpg");
        File.WriteAllBytes(file, bytes[..(bytes.Length * 2 / 3)]);

        var e = Assert.Throws<InvalidDataException>(() => ImageIO.Read(file));
        Assert.Contains(file, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Non_image_bytes_and_empty_files_name_their_source()
    {
        var text = temp.File("notes.png");
        File.WriteAllText(text, "this is not an image at all");
        Assert.Contains(text, Assert.Throws<InvalidDataException>(() => ImageIO.Read(text)).Message);

        var empty = temp.File("empty.png");
        File.WriteAllBytes(empty, []);
        Assert.Contains(empty, Assert.Throws<InvalidDataException>(() => ImageIO.Read(empty)).Message);

        var e = Assert.Throws<InvalidDataException>(() => ImageIO.Decode(new byte[] { 1, 2, 3, 4, 5 }, name: "archive.zip:img/7.png"));
        Assert.Contains("archive.zip:img/7.png", e.Message);
    }

    [Fact]
    public void Unsupported_extensions_and_bad_tensors_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageIO.Write(temp.File("x.gif"), zeros([2, 2, 3], ScalarType.Byte)));
        Assert.Throws<ArgumentException>(() => ImageIO.Encode(zeros([2, 2, 3], ScalarType.Float32), ImageFormat.Png));
        Assert.Throws<ArgumentException>(() => ImageIO.Encode(zeros([2, 2, 4], ScalarType.Byte), ImageFormat.Jpeg));
        Assert.Empty(Directory.GetFiles(temp.Root));
    }

    private static double Psnr(Tensor a, Tensor b)
    {
        var mse = a.to(ScalarType.Float64).sub(b.to(ScalarType.Float64)).square().mean().ToDouble();
        return 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
