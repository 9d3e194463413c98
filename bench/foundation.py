"""PyTorch side of the foundation benchmark (Debian's python3-torch 1.13; the kit runs TorchSharp on libtorch 2.10).

Measures exactly what lib/App/Bench/FoundationBench.cs measures in the kit and prints one JSON object:
per-op overhead on tiny tensors, one pix2pix-style U-Net training step (64x64, batch 8, L1 + Adam),
and 2048^2 sgemm throughput. Run through `./dino bench foundation`, which starts it with the same
thread count as the kit; the two sides differ in front end (C# vs Python) and libtorch version (2.10 vs 1.13).
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn


def op_overhead_us(batches=21, per_batch=20_000):
    """Median over batches of the time of one `c = a + b` on 4-element tensors."""
    a, b = torch.randn(4), torch.randn(4)
    for _ in range(per_batch):
        c = a + b
    times = []
    for _ in range(batches):
        start = time.perf_counter()
        for _ in range(per_batch):
            c = a + b
        times.append((time.perf_counter() - start) / per_batch * 1e6)
    return statistics.median(times)


def down(cin, cout, norm=True, outermost=False):
    layers = [] if outermost else [nn.LeakyReLU(0.2)]
    layers.append(nn.Conv2d(cin, cout, 4, 2, 1, bias=False))
    if norm:
        layers.append(nn.BatchNorm2d(cout))
    return nn.Sequential(*layers)


def up(cin, cout, outermost=False):
    layers = [nn.ReLU(), nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=outermost)]
    layers.append(nn.Tanh() if outermost else nn.BatchNorm2d(cout))
    return nn.Sequential(*layers)


class UNet64(nn.Module):
    """pix2pix's U-Net for 64x64 (six downsamplings), batch norm, no dropout."""

    def __init__(self, ngf=64):
        super().__init__()
        self.downs = nn.ModuleList([
            down(3, ngf, norm=False, outermost=True), down(ngf, ngf * 2), down(ngf * 2, ngf * 4),
            down(ngf * 4, ngf * 8), down(ngf * 8, ngf * 8), down(ngf * 8, ngf * 8, norm=False)])
        self.ups = nn.ModuleList([
            up(ngf * 8, ngf * 8), up(ngf * 16, ngf * 8), up(ngf * 16, ngf * 4),
            up(ngf * 8, ngf * 2), up(ngf * 4, ngf), up(ngf * 2, 3, outermost=True)])

    def forward(self, x):
        skips = []
        for d in self.downs:
            x = d(x)
            skips.append(x)
        skips.pop()
        for u in self.ups:
            x = u(x)
            if skips:
                x = torch.cat([x, skips.pop()], 1)
        return x


def unet_step_ms(warmup=3, steps=15):
    torch.manual_seed(0)
    net = UNet64()
    opt = torch.optim.Adam(net.parameters(), lr=2e-4, betas=(0.5, 0.999))
    x, y = torch.randn(8, 3, 64, 64), torch.randn(8, 3, 64, 64)
    times = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        loss = (net(x) - y).abs().mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def sgemm_gflops(n=2048, seconds=2.0):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    start, k = time.perf_counter(), 0
    while time.perf_counter() - start < seconds or k < 3:
        a @ b
        k += 1
    return 2 * n ** 3 * k / (time.perf_counter() - start) / 1e9


if __name__ == "__main__":
    torch.set_num_threads(int(os.environ.get("DINO_NUM_THREADS", os.cpu_count())))
    result = {
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "op_overhead_us": op_overhead_us(),
        "unet_step_ms": unet_step_ms(),
        "sgemm_gflops": sgemm_gflops(),
    }
    json.dump(result, sys.stdout)
    print()
