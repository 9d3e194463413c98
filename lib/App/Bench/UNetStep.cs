using System.Diagnostics;
using TorchSharp.Modules;

namespace Dino.Repro.App.Bench;

/// <summary>
/// One pix2pix-style U-Net training step at 64×64, batch 8 (forward, L1 loss, backward, Adam) — the same
/// network and step as bench/foundation.py, layer for layer.
/// </summary>
internal static class UNetStep
{
    public static double MedianMilliseconds(int warmup = 3, int steps = 15)
    {
        manual_seed(0);
        using var net = new UNet64();
        using var optimizer = optim.Adam(net.parameters(), lr: 2e-4, beta1: 0.5, beta2: 0.999);
        using var x = randn(8, 3, 64, 64);
        using var y = randn(8, 3, 64, 64);
        var times = new List<double>();
        for (var i = 0; i < warmup + steps; i++)
        {
            var watch = Stopwatch.StartNew();
            using (var scope = NewDisposeScope())
            {
                var loss = (net.call(x) - y).abs().mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            if (i >= warmup)
                times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>pix2pix's U-Net for 64×64: six stride-2 downsamplings, batch norm, skip concatenations.</summary>
    private sealed class UNet64 : nn.Module<Tensor, Tensor>
    {
        private readonly ModuleList<Sequential> downs;
        private readonly ModuleList<Sequential> ups;

        public UNet64(int ngf = 64)
            : base(nameof(UNet64))
        {
            downs = nn.ModuleList(
                Down(3, ngf, norm: false, outermost: true),
                Down(ngf, ngf * 2),
                Down(ngf * 2, ngf * 4),
                Down(ngf * 4, ngf * 8),
                Down(ngf * 8, ngf * 8),
                Down(ngf * 8, ngf * 8, norm: false)
            );
            ups = nn.ModuleList(
                Up(ngf * 8, ngf * 8),
                Up(ngf * 16, ngf * 8),
                Up(ngf * 16, ngf * 4),
                Up(ngf * 8, ngf * 2),
                Up(ngf * 4, ngf),
                Up(ngf * 2, 3, outermost: true)
            );
            RegisterComponents();
        }

        private static Sequential Down(long cin, long cout, bool norm = true, bool outermost = false)
        {
            var layers = new List<nn.Module<Tensor, Tensor>>();
            if (!outermost)
                layers.Add(nn.LeakyReLU(0.2));
            layers.Add(nn.Conv2d(cin, cout, 4, stride: 2, padding: 1, bias: false));
            if (norm)
                layers.Add(nn.BatchNorm2d(cout));
            return nn.Sequential(layers.ToArray());
        }

        private static Sequential Up(long cin, long cout, bool outermost = false) =>
            nn.Sequential(
                nn.ReLU(),
                nn.ConvTranspose2d(cin, cout, 4, stride: 2, padding: 1, bias: outermost),
                outermost ? nn.Tanh() : nn.BatchNorm2d(cout)
            );

        public override Tensor forward(Tensor input)
        {
            var skips = new Stack<Tensor>();
            var x = input;
            foreach (var down in downs)
            {
                x = down.call(x);
                skips.Push(x);
            }
            skips.Pop(); // the innermost output feeds the first up-layer directly
            foreach (var up in ups)
            {
                x = up.call(x);
                if (skips.Count > 0)
                    x = cat(new[] { x, skips.Pop() }, 1);
            }
            return x;
        }
    }
}
