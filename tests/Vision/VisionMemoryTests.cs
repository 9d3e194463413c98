using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

/// <summary>Outside any dispose scope, the vision helpers free their intermediates: only what they return stays alive.</summary>
public class VisionMemoryTests
{
    [Fact]
    public void Each_helper_leaves_only_its_result_alive()
    {
        using var temp = new Fixtures.TempFolder();
        using var detector = FaceDetector.Load();
        using var hwc = ImageIO.Read(VisionTestData.Path("images/chelsea.png"));
        using var batchHwc = hwc.unsqueeze(0);
        using var chw = ImageTensor.ToChw(hwc);
        using var batchChw = chw.unsqueeze(0);
        using var labels = LabelMap.Read(VisionTestData.Path("segmentation/blocks_gt.png"));
        using var colours = LabelMap.Colorize(labels, Palette.Cityscapes);

        var returning = new (string name, Func<Tensor> call)[]
        {
            ("ImageIO.Read", () => ImageIO.Read(VisionTestData.Path("images/chelsea.png"))),
            ("ImageTensor.ToChw", () => ImageTensor.ToChw(hwc)),
            ("ImageTensor.ToHwc", () => ImageTensor.ToHwc(chw)),
            ("Resize.Hwc batch", () => Resize.Hwc(batchHwc, 10, 10)),
            ("Resize.Chw", () => Resize.Chw(chw, 20, 30, ResizeMode.Area)),
            ("LabelMap.Read", () => LabelMap.Read(VisionTestData.Path("segmentation/blocks_gt.png"))),
            ("LabelMap.Colorize", () => LabelMap.Colorize(labels, Palette.Cityscapes)),
            ("LabelMap.FromColors", () => LabelMap.FromColors(colours, Palette.Cityscapes)),
            ("ImageGrid.Make", () => ImageGrid.Make(batchChw, columns: 2)),
        };
        foreach (var (name, call) in returning)
        {
            var before = LiveTensors.Settled();
            call().Dispose();
            Assert.True(before == Tensor.TotalCount, $"{name} left {Tensor.TotalCount - before} tensors alive");
        }

        var writing = new (string name, Action call)[]
        {
            ("ImageIO.Write", () => ImageIO.Write(temp.File("a.png"), hwc)),
            ("ImageGrid.Save", () => ImageGrid.Save(temp.File("grid.png"), batchChw)),
            ("LabelMap.Write", () => LabelMap.Write(temp.File("labels.png"), labels)),
            ("FaceDetector.Detect", () => detector.Detect(hwc)),
        };
        foreach (var (name, call) in writing)
        {
            var before = LiveTensors.Settled();
            call();
            Assert.True(before == Tensor.TotalCount, $"{name} left {Tensor.TotalCount - before} tensors alive");
        }
    }
}
