"""An independent check of the kit's acgan-translation diagnosis, in PyTorch (Debian's python3-torch):

    /usr/bin/python3 bench/acgan_inversion_check.py RUN/checkpoints/step-003000.safetensors [LEARNING_RATE] [STEPS]

Loads G from an `acgan` run's checkpoint (the kit's safetensors, read without the kit) into bench/acgan_step.py's
Generator, then (1) measures how G's output moves for a unit step along each of z's dimensions — whether G uses z at
all — and (2) trains an encoder of the kit's E design (G's discriminator trunk of its own, a dense layer to z; Adam,
β1 0.5, default learning rate 1e-4 as the reference) on MSE(E(G(z, c)), z), printing the latent error as it goes.
"""
import json
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from acgan_step import LATENT, Generator


def load_generator(path, width, resolution):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    dtypes = {"F32": torch.float32, "I64": torch.int64}

    def tensor(key):
        start, end = header[key]["data_offsets"]
        data = bytearray(raw[8 + n + start:8 + n + end])
        return torch.frombuffer(data, dtype=dtypes[header[key]["dtype"]]).reshape(header[key]["shape"])

    prefix = "networks.G."
    state = {k[len(prefix):].replace("projectNorm", "project_norm"): tensor(k) for k in header if k.startswith(prefix)}
    g = Generator(width, resolution)
    g.load_state_dict(state, strict=True)
    g.eval()
    for p in g.parameters():
        p.requires_grad_(False)
    return g


def sensitivity(g):
    torch.manual_seed(0)
    with torch.no_grad():
        z, labels = torch.randn(64, LATENT), torch.arange(64) % 2
        base = g(z, labels)
        change = []
        for i in range(LATENT):
            moved = z.clone()
            moved[:, i] += 1.0
            change.append(((g(moved, labels) - base) ** 2).mean().item())
        ordered, _ = torch.tensor(change).sort(descending=True)
        share = ordered.cumsum(0) / ordered.sum()
        dims = [int((share < q).sum()) + 1 for q in (0.5, 0.8, 0.95)]
        other = ((g(torch.randn(64, LATENT), labels) - base) ** 2).mean().item()
    print(f"output MSE for a unit step in one z dimension: largest {ordered[0]:.4f}, median {ordered.median():.4f}; "
          f"dimensions holding 50/80/95 % of it: {dims[0]}/{dims[1]}/{dims[2]}; between two random z: {other:.3f}")


def invert(g, width, resolution, lr, steps):
    layers, c = [nn.Conv2d(3, width, 5, 2, 2), nn.LeakyReLU(0.2)], width
    for nxt in (2 * width, 4 * width, 8 * width):
        layers += [nn.Conv2d(c, nxt, 5, 2, 2, bias=False), nn.BatchNorm2d(nxt, momentum=0.1), nn.LeakyReLU(0.2)]
        c = nxt
    e = nn.Sequential(*layers, nn.Flatten(), nn.Linear(8 * width * (resolution // 16) ** 2, LATENT))
    for m in e.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.normal_(m.weight, 0.0, 0.02)
    opt = torch.optim.Adam(e.parameters(), lr=lr, betas=(0.5, 0.999))
    torch.manual_seed(1)
    for step in range(1, steps + 1):
        z, labels = torch.randn(64, LATENT), torch.randint(0, 2, (64,))
        with torch.no_grad():
            x = g(z, labels)
        loss = F.mse_loss(e(x), z)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 250 == 0:
            print(f"step {step}: latent MSE {loss.item():.4f} (answering z = 0 scores 1.0)", flush=True)


if __name__ == "__main__":
    checkpoint = sys.argv[1]
    lr = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-4
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    width, resolution = 16, 32   # the cpu preset's networks
    generator = load_generator(checkpoint, width, resolution)
    sensitivity(generator)
    invert(generator, width, resolution, lr, steps)
