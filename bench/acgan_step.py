"""PyTorch side of the AC-GAN iteration benchmark (Debian's python3-torch; the kit runs TorchSharp on libtorch 2.10).

One training iteration of Dong et al.'s AC-GAN as lib/Models/AcGan/AcGanExperiment.cs runs it, written from the fact
sheet (shared/reference/other-papers.md, section A): a class-balanced batch, one D update on real faces and detached
fakes G(z, c) (BCE real/fake + CE on the real faces' classes), then two G updates with the same z and labels (BCE
towards real + CE towards the asked class), Adam 2e-4 (0.5, 0.999). Timed at two sizes: the paper's networks (64^2,
widths 64 -> 1024) at batch 16, and the kit's cpu preset (32^2, widths 16 -> 256) at batch 64. Prints one JSON object.
Run through `./dino bench acgan`, which starts it with the kit's thread count.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

LATENT, EMBED = 100, 5
SIZES = {"paper": (64, 64, 16), "cpu": (32, 16, 64)}   # resolution, width, batch


def norm(channels):
    return nn.BatchNorm2d(channels, eps=1e-5, momentum=0.1)   # Keras momentum 0.9


class Generator(nn.Module):
    def __init__(self, width, resolution):
        super().__init__()
        self.start, self.channels = resolution // 16, 16 * width
        self.classes = nn.Embedding(2, EMBED)
        self.project = nn.Linear(LATENT + EMBED, self.start * self.start * self.channels, bias=False)
        self.project_norm = norm(self.channels)
        layers, c = [], self.channels
        for nxt in (8 * width, 4 * width, 2 * width):
            layers += [nn.ConvTranspose2d(c, nxt, 5, 2, 2, output_padding=1, bias=False), norm(nxt), nn.ReLU()]
            c = nxt
        layers += [nn.ConvTranspose2d(c, 3, 5, 2, 2, output_padding=1), nn.Tanh()]
        self.up = nn.Sequential(*layers)

    def forward(self, z, labels):
        h = self.project(torch.cat([z, self.classes(labels)], 1)).view(-1, self.channels, self.start, self.start)
        return self.up(F.relu(self.project_norm(h)))


class Discriminator(nn.Module):
    def __init__(self, width, resolution):
        super().__init__()
        layers, c = [nn.Conv2d(3, width, 5, 2, 2), nn.LeakyReLU(0.2)], width
        for nxt in (2 * width, 4 * width, 8 * width):
            layers += [nn.Conv2d(c, nxt, 5, 2, 2, bias=False), norm(nxt), nn.LeakyReLU(0.2)]
            c = nxt
        self.trunk = nn.Sequential(*layers, nn.Flatten())
        features = 8 * width * (resolution // 16) ** 2
        self.realness, self.classes = nn.Linear(features, 1), nn.Linear(features, 2)

    def forward(self, x):
        h = self.trunk(x)
        return self.realness(h).squeeze(1), self.classes(h)


def acgan_step_ms(resolution, width, batch, warmup=2, steps=5):
    torch.manual_seed(0)
    g, d = Generator(width, resolution), Discriminator(width, resolution)
    for m in list(g.modules()) + list(d.modules()):
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            nn.init.normal_(m.weight, 0.0, 0.02)
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    real = torch.rand(batch, 3, resolution, resolution) * 2 - 1
    labels = torch.arange(batch) % 2
    times = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        z = torch.randn(batch, LATENT)
        fake = g(z, labels)
        real_logits, real_classes = d(real)
        fake_logits, _ = d(fake.detach())
        loss_d = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
                  + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
                  + F.cross_entropy(real_classes, labels))
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        for _ in range(2):
            logits, classes = d(g(z, labels))
            loss_g = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits)) + F.cross_entropy(classes, labels)
            opt_g.zero_grad()
            loss_g.backward()
            opt_g.step()
        accuracy = (real_classes.argmax(1) == labels).float().mean()
        reported = (loss_d.item(), loss_g.item(), accuracy.item())   # the kit reports these every step
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


if __name__ == "__main__":
    torch.set_num_threads(int(os.environ.get("DINO_NUM_THREADS", os.cpu_count())))
    figures = {"torch_version": torch.__version__, "threads": torch.get_num_threads()}
    for name, (resolution, width, batch) in SIZES.items():
        figures[f"acgan_{name}_step_ms"] = acgan_step_ms(resolution, width, batch)
    json.dump(figures, sys.stdout)
    print()
