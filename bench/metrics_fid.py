"""PyTorch side of the metrics benchmark (Debian's python3-torch 1.13; the kit runs TorchSharp on libtorch 2.10).

The real NVIDIA Inception cannot be downloaded here, so this script builds a network of Inception v3's size and
shape (Szegedy et al. 2016: the 299x299 stem, Mixed_5b..Mixed_7c, 2048-d pool features, a 1008-way head; random
weights), wrapped in the kit's evaluator format: forward(img) takes uint8 NCHW RGB in [0, 255] (resized to 299x299
inside when needed) and returns (features [N, 2048], logits [N, 1008]). It saves the TorchScript file where
`./dino bench metrics` asks, then times FID feature extraction with that very file (torch.jit.load) and prints one
JSON object. The kit then runs the same file through its FeatureExtractor, so the two sides differ only in the
binding around libtorch.

    /usr/bin/python3 bench/metrics_fid.py --out /tmp/x/inception-2015-12-05-features.pt [--batch 8 --batches 3]
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBnRelu(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


def chain(*layers):
    return nn.Sequential(*layers)


class MixedA(nn.Module):
    """35x35 block: 1x1, 5x5, double 3x3 and pooled branches."""

    def __init__(self, cin, pool_features):
        super().__init__()
        self.b1 = ConvBnRelu(cin, 64, 1)
        self.b5 = chain(ConvBnRelu(cin, 48, 1), ConvBnRelu(48, 64, 5, padding=2))
        self.b3 = chain(ConvBnRelu(cin, 64, 1), ConvBnRelu(64, 96, 3, padding=1), ConvBnRelu(96, 96, 3, padding=1))
        self.pool = ConvBnRelu(cin, pool_features, 1)

    def forward(self, x):
        pooled = self.pool(F.avg_pool2d(x, 3, 1, 1))
        return torch.cat([self.b1(x), self.b5(x), self.b3(x), pooled], 1)


class ReduceB(nn.Module):
    """35x35 -> 17x17."""

    def __init__(self, cin):
        super().__init__()
        self.b3 = ConvBnRelu(cin, 384, 3, stride=2)
        self.b3d = chain(ConvBnRelu(cin, 64, 1), ConvBnRelu(64, 96, 3, padding=1), ConvBnRelu(96, 96, 3, stride=2))

    def forward(self, x):
        return torch.cat([self.b3(x), self.b3d(x), F.max_pool2d(x, 3, 2)], 1)


class MixedC(nn.Module):
    """17x17 block with factorised 7x7 convolutions."""

    def __init__(self, cin, c7):
        super().__init__()
        self.b1 = ConvBnRelu(cin, 192, 1)
        self.b7 = chain(ConvBnRelu(cin, c7, 1), ConvBnRelu(c7, c7, (1, 7), padding=(0, 3)),
                        ConvBnRelu(c7, 192, (7, 1), padding=(3, 0)))
        self.b7d = chain(ConvBnRelu(cin, c7, 1), ConvBnRelu(c7, c7, (7, 1), padding=(3, 0)),
                         ConvBnRelu(c7, c7, (1, 7), padding=(0, 3)), ConvBnRelu(c7, c7, (7, 1), padding=(3, 0)),
                         ConvBnRelu(c7, 192, (1, 7), padding=(0, 3)))
        self.pool = ConvBnRelu(cin, 192, 1)

    def forward(self, x):
        return torch.cat([self.b1(x), self.b7(x), self.b7d(x), self.pool(F.avg_pool2d(x, 3, 1, 1))], 1)


class ReduceD(nn.Module):
    """17x17 -> 8x8."""

    def __init__(self, cin):
        super().__init__()
        self.b3 = chain(ConvBnRelu(cin, 192, 1), ConvBnRelu(192, 320, 3, stride=2))
        self.b7 = chain(ConvBnRelu(cin, 192, 1), ConvBnRelu(192, 192, (1, 7), padding=(0, 3)),
                        ConvBnRelu(192, 192, (7, 1), padding=(3, 0)), ConvBnRelu(192, 192, 3, stride=2))

    def forward(self, x):
        return torch.cat([self.b3(x), self.b7(x), F.max_pool2d(x, 3, 2)], 1)


class MixedE(nn.Module):
    """8x8 block with split 1x3 / 3x1 outputs."""

    def __init__(self, cin):
        super().__init__()
        self.b1 = ConvBnRelu(cin, 320, 1)
        self.b3 = ConvBnRelu(cin, 384, 1)
        self.b3a = ConvBnRelu(384, 384, (1, 3), padding=(0, 1))
        self.b3b = ConvBnRelu(384, 384, (3, 1), padding=(1, 0))
        self.b3d = chain(ConvBnRelu(cin, 448, 1), ConvBnRelu(448, 384, 3, padding=1))
        self.b3da = ConvBnRelu(384, 384, (1, 3), padding=(0, 1))
        self.b3db = ConvBnRelu(384, 384, (3, 1), padding=(1, 0))
        self.pool = ConvBnRelu(cin, 192, 1)

    def forward(self, x):
        a = self.b3(x)
        d = self.b3d(x)
        return torch.cat([self.b1(x), self.b3a(a), self.b3b(a), self.b3da(d), self.b3db(d),
                          self.pool(F.avg_pool2d(x, 3, 1, 1))], 1)


class InceptionSized(nn.Module):
    """Inception v3's layer sizes in the kit's evaluator format (uint8 in; features and logits out)."""

    def __init__(self):
        super().__init__()
        self.stem = chain(ConvBnRelu(3, 32, 3, stride=2), ConvBnRelu(32, 32, 3), ConvBnRelu(32, 64, 3, padding=1),
                          nn.MaxPool2d(3, 2), ConvBnRelu(64, 80, 1), ConvBnRelu(80, 192, 3), nn.MaxPool2d(3, 2))
        self.blocks = chain(MixedA(192, 32), MixedA(256, 64), MixedA(288, 64), ReduceB(288),
                            MixedC(768, 128), MixedC(768, 160), MixedC(768, 160), MixedC(768, 192),
                            ReduceD(768), MixedE(1280), MixedE(2048))
        self.fc = nn.Linear(2048, 1008)

    def forward(self, img: torch.Tensor):
        x = img.to(torch.float32)
        if x.shape[2] != 299 or x.shape[3] != 299:
            x = F.interpolate(x, size=(299, 299), mode="bilinear", align_corners=False)
        x = (x - 128.0) / 128.0
        features = torch.flatten(F.adaptive_avg_pool2d(self.blocks(self.stem(x)), 1), 1)
        return features, self.fc(features)


def extract(module, images, batch):
    """What the kit's FeatureExtractor does per batch: forward, float32 features, float64 softmax."""
    with torch.no_grad():
        for start in range(0, images.shape[0], batch):
            features, logits = module(images[start:start + batch])
            features.float()
            torch.softmax(logits.double(), 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True, help="where to save the TorchScript network")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--size", type=int, default=299, help="image side fed to the network (uint8)")
    args = parser.parse_args()
    torch.set_num_threads(int(os.environ.get("DINO_NUM_THREADS", os.cpu_count())))
    torch.manual_seed(0)
    torch.jit.save(torch.jit.script(InceptionSized().eval()), args.out)

    module = torch.jit.load(args.out)
    images = torch.randint(0, 256, (args.batch * args.batches, 3, args.size, args.size), dtype=torch.uint8)
    extract(module, images[:args.batch], args.batch)   # warm-up: the first TorchScript call optimises the graph
    times = []
    for _ in range(3):
        start = time.perf_counter()
        extract(module, images, args.batch)
        times.append(time.perf_counter() - start)
    json.dump({
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "parameters": sum(p.numel() for p in module.parameters()),
        "fid_images_per_s": images.shape[0] / statistics.median(times),
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
