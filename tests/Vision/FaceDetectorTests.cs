using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

/// <summary>
/// The Haar cascade runs on synthetic images (no real face photo is available here, so no test claims a face is
/// found): boxes lie inside the image, weights are finite, and the most confident pick is the largest weight.
/// </summary>
public class FaceDetectorTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    // A cartoon face: light oval, dark eyes and brows, a shaded nose and a dark mouth, on a mid-grey background.
    private static Tensor CartoonFace(int size)
    {
        var pixels = new byte[size * size * 3];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            double u = (x - size / 2.0) / (size * 0.32),
                v = (y - size / 2.0) / (size * 0.42);
            var level = 90.0;
            if (u * u + v * v <= 1)
                level = 200;
            if (Blob(x, y, 0.38, 0.40, 0.07, 0.035) || Blob(x, y, 0.62, 0.40, 0.07, 0.035))
                level = 30;
            if (Blob(x, y, 0.38, 0.33, 0.09, 0.015) || Blob(x, y, 0.62, 0.33, 0.09, 0.015))
                level = 50;
            if (Blob(x, y, 0.5, 0.55, 0.03, 0.08))
                level = 160;
            if (Blob(x, y, 0.5, 0.72, 0.12, 0.03))
                level = 40;
            pixels[3 * (y * size + x)] = (byte)level;
            pixels[3 * (y * size + x) + 1] = (byte)(level * 0.85);
            pixels[3 * (y * size + x) + 2] = (byte)(level * 0.75);
        }
        return tensor(pixels, [size, size, 3]);

        bool Blob(int x, int y, double cx, double cy, double rx, double ry)
        {
            double dx = (x - cx * size) / (rx * size),
                dy = (y - cy * size) / (ry * size);
            return dx * dx + dy * dy <= 1;
        }
    }

    [Fact]
    public void Detections_on_a_synthetic_image_lie_inside_it()
    {
        using var detector = FaceDetector.Load();
        var image = CartoonFace(120);

        // minNeighbors 0 keeps every raw window the cascade accepts, so there is something to check.
        var raw = detector.Detect(image, minNeighbors: 0, minSize: 24);
        var grouped = detector.Detect(image);

        Assert.NotEmpty(raw);

        foreach (var box in raw.Concat(grouped))
        {
            Assert.InRange(box.X, 0, 119);
            Assert.InRange(box.Y, 0, 119);
            Assert.InRange(box.Width, 24, 120 - box.X);
            Assert.InRange(box.Height, 24, 120 - box.Y);
            Assert.True(double.IsFinite(box.Weight));
        }
    }

    [Fact]
    public void Grouped_detections_on_the_cartoon_cover_its_centre_and_the_most_confident_has_the_largest_weight()
    {
        using var detector = FaceDetector.Load();
        var image = CartoonFace(120);

        var boxes = detector.Detect(image, minNeighbors: 1, minSize: 24);
        var best = detector.MostConfident(image, minNeighbors: 1, minSize: 24);

        Assert.NotEmpty(boxes);
        Assert.Equal(boxes.Max(b => b.Weight), best!.Value.Weight);
        foreach (var box in boxes)
        {
            Assert.InRange(60, box.X, box.X + box.Width);
            Assert.InRange(60, box.Y, box.Y + box.Height);
        }
    }

    [Fact]
    public void A_flat_image_has_no_faces_and_gray_input_is_accepted()
    {
        using var detector = FaceDetector.Load();
        Assert.Empty(detector.Detect(full([80, 80, 3], Scalars.Of(128), ScalarType.Byte)));
        Assert.Null(detector.MostConfident(full([80, 80, 3], Scalars.Of(128), ScalarType.Byte)));

        var gray = CartoonFace(120).select(2, 0).unsqueeze(2).contiguous();
        foreach (var box in detector.Detect(gray, minNeighbors: 0, minSize: 24))
        {
            Assert.InRange(box.X + box.Width, 24, 120);
            Assert.InRange(box.Y + box.Height, 24, 120);
        }
    }

    [Fact]
    public void The_default_cascade_comes_from_the_opencv_data_folder()
    {
        var path = FaceDetector.FindCascade();
        Assert.EndsWith("/haarcascade_frontalface_default.xml", path);
        Assert.Contains(Path.GetDirectoryName(path)!, FaceDetector.CascadeFolders);
    }

    [Fact]
    public void Missing_and_invalid_cascades_say_what_is_wrong()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => FaceDetector.Load("haarcascade_no_such_thing.xml"));
        Assert.Contains("opencv-data", missing.Message);

        var bogus = temp.File("bogus.xml");
        File.WriteAllText(bogus, "<?xml version=\"1.0\"?><opencv_storage><nothing/></opencv_storage>");
        Assert.Contains(bogus, Assert.Throws<InvalidDataException>(() => FaceDetector.Load(bogus)).Message);
    }

    [Fact]
    public void Wrong_images_and_disposed_detectors_are_refused()
    {
        var detector = FaceDetector.Load();
        Assert.Throws<ArgumentException>(() => detector.Detect(zeros(40, 40, 3)));
        detector.Dispose();
        Assert.Throws<ObjectDisposedException>(() => detector.Detect(zeros([40, 40, 3], ScalarType.Byte)));
    }
}
