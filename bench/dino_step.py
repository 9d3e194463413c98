"""PyTorch side of the DINO iteration benchmark (Debian's python3-torch 1.13; the kit runs TorchSharp on libtorch 2.10).

One training iteration of one-way DINO as lib/Models/Dino/DinoExperiment.cs runs it, written from the fact sheet
(shared/reference/dino-and-baselines.md, sections 1 and 2) at 64x64, batch 8: the Reverse step on real and detached
translated targets, then the Forward step through the updated Reverse (reusing the first F(x, z) graph, as the kit
does: F has not changed since), the balance update and both LR schedulers. Prints one JSON object. Run through
`./dino bench dino`, which starts it with the kit's thread count.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SIZE, BATCH, NOISE, CODE = 64, 8, 32, 256
SLOPE, MARGIN, GAMMA, GAIN, LAMBDA = 0.05, 0.2, 0.8, 0.001, 1.0


def norm(channels):
    return nn.InstanceNorm2d(channels, affine=False, eps=1e-5)


class Encoder(nn.Module):
    """log2(S)-2 halvings (conv 4x4 s2, IN, LeakyReLU 0.05; 64, 128, ... capped at 512) then conv 4x4 valid + Tanh."""

    def __init__(self, size=SIZE):
        super().__init__()
        layers, cin = [], 3
        for i in range(size.bit_length() - 3):
            cout = 64 if i == 0 else min(512, 2 * cin)
            layers.append(nn.Sequential(nn.Conv2d(cin, cout, 4, 2, 1, bias=False), norm(cout), nn.LeakyReLU(SLOPE)))
            cin = cout
        self.halvings = nn.ModuleList(layers)
        self.code = nn.Sequential(nn.Conv2d(cin, CODE, 4, 1, 0, bias=False), nn.Tanh())
        self.channels = [l[0].out_channels for l in layers]

    def forward(self, x):
        features = []
        for layer in self.halvings:
            x = layer(x)
            features.append(x)
        return self.code(x).view(-1, CODE), features


class ResizeConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, 1, 0, bias=False)

    def forward(self, x):
        return self.conv(F.pad(F.interpolate(x, scale_factor=2, mode="nearest"), (1, 1, 1, 1), mode="reflect"))


class SkipUp(nn.Module):
    """concat skip; ConvT 3x3 s1 p1 back to C_in, IN, ReLU; nearest x2, reflect pad 1, conv 3x3 to C_out, IN, ReLU."""

    def __init__(self, cin, cskip, cout):
        super().__init__()
        self.mix = nn.ConvTranspose2d(cin + cskip, cin, 3, 1, 1, bias=False)
        self.norm1, self.up, self.norm2 = norm(cin), ResizeConv(cin, cout), norm(cout)

    def forward(self, x, skip):
        x = F.relu(self.norm1(self.mix(torch.cat([x, skip], 1))))
        return F.relu(self.norm2(self.up(x)))


class Decoder(nn.Module):
    def __init__(self, noise, encoder_channels):
        super().__init__()
        self.inputs = CODE + noise
        self.first = nn.Sequential(nn.ConvTranspose2d(self.inputs, 512, 4, 1, 0, bias=False), norm(512), nn.ReLU())
        mirrored, blocks, c = encoder_channels[::-1], [], 512
        for i in range(1, len(mirrored)):
            blocks.append(SkipUp(c, mirrored[i - 1], mirrored[i]))
            c = mirrored[i]
        self.blocks = nn.ModuleList(blocks)
        self.last = ResizeConv(c, 3)

    def forward(self, latent, features):
        h = self.first(latent.view(-1, self.inputs, 1, 1))
        for i, block in enumerate(self.blocks, start=1):
            h = block(h, features[len(features) - i])   # deepest skip first; the first halving's map is never one
        return torch.tanh(self.last(h))


class UNet(nn.Module):
    def __init__(self, noise):
        super().__init__()
        self.noise = noise
        self.enc = Encoder()
        self.dec = Decoder(noise, self.enc.channels)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                nn.init.normal_(m.weight, 0.0, 0.02)

    def forward(self, x, z=None):
        code, features = self.enc(x)
        return self.dec(code if z is None else torch.cat([code, z], 1), features)


def dino_step_ms(warmup=3, steps=10):
    torch.manual_seed(0)
    forward_net, reverse_net = UNet(NOISE), UNet(0)
    adam = dict(lr=2e-4, betas=(0.5, 0.999))
    opt_f, opt_r = torch.optim.Adam(forward_net.parameters(), **adam), torch.optim.Adam(reverse_net.parameters(), **adam)
    decay = lambda step: max(0.0, 1 - step / 1000)
    schedulers = [torch.optim.lr_scheduler.LambdaLR(o, decay) for o in (opt_f, opt_r)]
    x, y = torch.rand(BATCH, 3, SIZE, SIZE) * 2 - 1, torch.rand(BATCH, 3, SIZE, SIZE) * 2 - 1
    k, times = 0.0, []
    for i in range(warmup + steps):
        start = time.perf_counter()
        z = torch.randn(BATCH, NOISE) * 0.33
        translation = forward_net(x, z)
        e_real = F.mse_loss(reverse_net(y), x)
        e_fake = F.mse_loss(reverse_net(translation.detach()), x)
        fake_value = e_fake.item()
        loss_r = e_real + k * (MARGIN - e_fake) if MARGIN == 0 or fake_value < MARGIN else e_real
        opt_r.zero_grad()
        loss_r.backward()
        opt_r.step()
        e_translation = F.mse_loss(reverse_net(translation), x)
        l1 = F.l1_loss(translation, y)
        loss_f = e_translation + LAMBDA * F.l1_loss(translation, y)
        opt_f.zero_grad()
        loss_f.backward()
        opt_f.step()
        k = min(1.0, max(0.0, k + GAIN * (e_real.item() - GAMMA * fake_value)))
        for s in schedulers:
            s.step()
        losses = (loss_r.item(), loss_f.item(), l1.item())   # the kit reports these every step
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


if __name__ == "__main__":
    torch.set_num_threads(int(os.environ.get("DINO_NUM_THREADS", os.cpu_count())))
    json.dump({"torch_version": torch.__version__, "threads": torch.get_num_threads(), "dino_step_ms": dino_step_ms()}, sys.stdout)
    print()
