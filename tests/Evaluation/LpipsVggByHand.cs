using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>
/// LPIPS by its definition (Zhang et al. 2018, eq. 1) through the two layers of tiny_nvidia_vgg16.pt
/// (make_lpips_vgg_fixture.py), from the weights in tiny_lpips_vgg_weights.safetensors: what the kit's LPIPS-VGG
/// must give on that fixture. The fixture answers a call without resize_images=False or return_lpips=True, or a
/// [-1,1] input, with a different number.
/// </summary>
internal static class LpipsVggByHand
{
    /// <summary>The fixture as NVIDIA's vgg16.pt would be read (--set net=vgg).</summary>
    public static Evaluator Evaluator => Evaluators.LpipsVgg.WithFile(Fixtures.Path("tiny_nvidia_vgg16.pt"));

    /// <summary>
    /// LPIPS of uint8 [H,W,3] images (even sides), in float64: Σ over layers of the spatial mean of
    /// Σ_c lin[c]·(f̂x − f̂y)², f̂ = f / (‖f‖ over channels + 1e-10).
    /// </summary>
    public static double Distance(Tensor x, Tensor y)
    {
        using var scope = torch.NewDisposeScope();
        var weights = SafeTensors.Load(Fixtures.Path("tiny_lpips_vgg_weights.safetensors"));
        Tensor W(string key) => weights[key].to(ScalarType.Float64);
        (Tensor, Tensor) Layers(Tensor hwc)
        {
            var image = hwc.to(ScalarType.Float64).permute(2, 0, 1).div(Scalars.Of(127.5)).sub(Scalars.Of(1.0));
            var (h, w) = (image.size(1), image.size(2));
            var f1 = (W("conv1.w").mm(image.reshape(3, -1)) + W("conv1.b").unsqueeze(1)).relu().reshape(4, h, w);
            var pooled = f1.reshape(4, h / 2, 2, w / 2, 2).mean(new long[] { 2, 4 });
            var f2 = (W("conv2.w").mm(pooled.reshape(4, -1)) + W("conv2.b").unsqueeze(1)).relu().reshape(5, h / 2, w / 2);
            return (f1, f2);
        }
        static Tensor Unit(Tensor f) => f / (f.square().sum(0, keepdim: true).sqrt() + Scalars.Of(1e-10));
        double Layer(Tensor fx, Tensor fy, Tensor lin) => (lin.view(-1, 1, 1) * (Unit(fx) - Unit(fy)).square()).sum(dim: 0).mean().ToDouble();
        var (x1, x2) = Layers(x);
        var (y1, y2) = Layers(y);
        return Layer(x1, y1, W("lin1")) + Layer(x2, y2, W("lin2"));
    }
}
