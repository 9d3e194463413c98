using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>
/// The evaluators (feature extractor, segmenter) on a CUDA device give what they give on the CPU, and hand their
/// results back on the CPU — the paper preset scores on the GPU it trained on. Skipped without a GPU.
/// </summary>
public class EvaluatorDeviceTests
{
    private static readonly Device Cuda = ComputeDevice.Cuda.ToTorch();

    private static Tensor RandomImages(long seed, long count, long side) =>
        randint(256, new long[] { count, 3, side, side }, ScalarType.Byte, generator: new Generator().manual_seed(seed));

    [CudaFact]
    public void Features_and_probabilities_on_cuda_match_the_cpu_and_come_back_on_the_cpu()
    {
        using var scope = NewDisposeScope();
        var images = RandomImages(1, 5, 16);
        using var onCpu = FeatureExtractor.Load(FeatureExtractionTests.TinyInception);
        using var onCuda = FeatureExtractor.Load(FeatureExtractionTests.TinyInception, device: Cuda);
        using var expected = onCpu.Extract(images, batchSize: 2);
        using var actual = onCuda.Extract(images, batchSize: 2);
        Assert.Equal(DeviceType.CPU, actual.Features!.device.type);
        Assert.Equal(DeviceType.CPU, actual.Probabilities!.device.type);
        Close.All(expected.Features!.to(ScalarType.Float64).ToArray<double>(), actual.Features.to(ScalarType.Float64).ToArray<double>(), atol: 1e-4);
        Close.All(expected.Probabilities!.ToArray<double>(), actual.Probabilities.ToArray<double>(), atol: 1e-5);
    }

    [CudaFact]
    public void Segmenter_labels_on_cuda_match_the_cpu_and_come_back_on_the_cpu()
    {
        using var scope = NewDisposeScope();
        var spec = SegmenterSpec.FromFile(Fixtures.Path("tiny_segmenter.pt"), 5);
        var image = RandomImages(2, 1, 12)[0].permute(1, 2, 0).contiguous();
        using var onCpu = Segmenter.Load(spec);
        using var onCuda = Segmenter.Load(spec, device: Cuda);
        var labels = onCuda.Predict(image);
        Assert.Equal(DeviceType.CPU, labels.device.type);
        Assert.Equal(onCpu.Predict(image).ToArray<long>(), labels.ToArray<long>());
    }
}
