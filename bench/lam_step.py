"""PyTorch side of the Listen and Move iteration benchmark (Debian's python3-torch; the kit runs TorchSharp on libtorch 2.10).

One training iteration of the full Listen and Move model as lib/Models/ListenAndMove/ListenAndMoveExperiment.cs runs it,
the networks written out again from the fact sheet (shared/reference/other-papers.md, section D) and the kit's layers:
the generator (motion noise e ~ U[0, 1) of 2 and the 64-band descriptor f into a dilated residual GRU of three cells,
hidden = input = 66, layer l continuing its state from 2^l frames back, LReLU_0.2((h_out + h_in) / sqrt 2) between
layers, states carried detached from clip to clip; z = [RNN([e, f]), f] = 130 replicated to 4x4, conv3x3 + noise + BN +
LReLU; log2(S) - 2 residual generative layers after nearest x2 (conv3x3 -> noise -> acIN -> LReLU -> conv3x3 -> noise ->
acIN, 1x1 skip, sum / sqrt 2, LReLU) with min(base / 2^l, cap) channels and a Linear(64 -> 2C) + LReLU per layer for
acIN's [mean | std]; five DirConvGRU flows (square, h +-1, w +-1; directional kernels of lengths 1 and 3 shifted with
replicate padding, one bias) blended by a 1x1 conv to the prediction and a sigmoid mask; toRGB 1x1 + tanh), the skip
critics D_I (2-D, one frame) and D_V (3-D, halving time while T halves), each log2(S) - 2 layers of [avg pool 2, two
(conv3x3, BN, LReLU 0.2)] fed a 1x1 fromRGB of the input resized nearest, and a 1x1 decision to 4x4 patch scores; and
the kit's perceptual stand-in (VGG's first two blocks at a quarter width: conv3x3 16, 16, max pool, 32, 32; frozen), the
kit's feature network at smoke and cpu (the paper preset's VGG16 to relu2_2 is a TorchScript file and is not timed).
Init N(0, 0.02) for convolutions and linears, BN scales N(1, 0.02), GRU cells PyTorch's default.

Per iteration, as the kit's Step (Eq. 6's terms; the perceptual term on G, as the reference): D_V one Adam step on
WGAN-GP(real, sg G(f)) + WGAN-GP(real, frame-shuffled real); D_I one step on WGAN-GP of one random frame; G one step on
-E[D_V(fake)] - E[D_I(fake frame)] + 10 * MSE(phi(real), phi(fake)) through the frozen critics. WGAN-GP: E[D(fake)] -
E[D(real)] + 10 * E[(||grad D(x_hat)||_2 - 1)^2]. Non-finite gradients zeroed. Adam G 1e-4, D 4e-4, betas (0.3, 0.999).

Timed at the paper's networks (128^2, T = 32, channels 1024 / 2^l capped at 512, one clip) — warmup 1, median of 3, as
one iteration takes minutes on two cores — and the kit's cpu preset (32^2, T = 16, 128 / 2^l capped at 64) — warmup 2,
median of 5. The parameter counts printed equal the kit's networks' at both sizes (tests/App/Bench/ListenAndMoveStepTests.cs
holds them): G 8,427,163, D_V 28,269,569, D_I 9,432,065 at the paper's size; 312,199, 430,017, 144,321 at cpu's; the
stand-in 16,722. Prints one JSON object. Run through `./dino bench listen-and-move`.
"""
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BANDS, MOTION_NOISE, MOTION_LAYERS, STATE_FIELDS = 64, 2, 3, 2
PENALTY, PERCEPTUAL = 10.0, 10.0
ROOT_HALF = 1 / math.sqrt(2)
# frame side, clip length T, channels base, channel cap, warmup, timed steps
SIZES = {"paper": (128, 32, 1024, 512, 1, 3), "cpu": (32, 16, 128, 64, 2, 5)}
FLOWS = [(0, 1), (1, 1), (1, -1), (2, 1), (2, -1)]   # (cell, direction): square, height pair, width pair


def init_normal(net):
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Conv3d, nn.Linear)):
            nn.init.normal_(m.weight, 0, 0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.BatchNorm2d, nn.BatchNorm3d)):
            nn.init.normal_(m.weight, 1, 0.02)
            nn.init.zeros_(m.bias)
    return net


class NoiseInjection(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return x + self.weight * torch.randn(x.size(0), 1, x.size(2), x.size(3))


def audio_conditional_norm(x, mean_std):
    c = x.size(1)
    normalised = (x - x.mean((-2, -1), keepdim=True)) / (x.var((-2, -1), unbiased=False, keepdim=True) + 1e-5).sqrt()
    return normalised * mean_std[:, c:, None, None] + mean_std[:, :c, None, None]


class MotionEncoder(nn.Module):
    def __init__(self, size, layers):
        super().__init__()
        self.cells = nn.ModuleList(nn.GRUCell(size, size) for _ in range(layers))
        self.slots = [2 ** l for l in range(layers)]
        self.carried = [[torch.zeros(1, size) for _ in range(n)] for n in self.slots]

    def forward(self, x):
        rings = [list(ring) for ring in self.carried]
        outputs = []
        for t in range(x.size(1)):
            h = x[:, t]
            for l, cell in enumerate(self.cells):
                slot = t % self.slots[l]
                rings[l][slot] = cell(h, rings[l][slot])
                h = F.leaky_relu((rings[l][slot] + h) * ROOT_HALF, 0.2) if len(self.cells) > 1 else rings[l][slot]
            outputs.append(h)
        frames = x.size(1)
        self.carried = [[ring[(frames + s) % len(ring)].detach() for s in range(len(ring))] for ring in rings]
        return torch.stack(outputs, 1)


class FormatLayer(nn.Module):
    def __init__(self, latent, channels):
        super().__init__()
        self.pad = nn.ReplicationPad2d((2, 1, 2, 1))
        self.conv, self.noise, self.norm = nn.Conv2d(latent, channels, 3, padding=1), NoiseInjection(), nn.BatchNorm2d(channels)

    def forward(self, z):
        return F.leaky_relu(self.norm(self.noise(self.conv(self.pad(z[:, :, None, None])))), 0.2)


class ResidualBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1, self.noise1 = nn.Conv2d(cin, cout, 3, padding=1), NoiseInjection()
        self.conv2, self.noise2 = nn.Conv2d(cout, cout, 3, padding=1), NoiseInjection()
        self.residual = nn.Conv2d(cin, cout, 1)

    def forward(self, x, mean_std):
        y = F.leaky_relu(audio_conditional_norm(self.noise1(self.conv1(x)), mean_std), 0.2)
        y = audio_conditional_norm(self.noise2(self.conv2(y)), mean_std)
        return F.leaky_relu((y + self.residual(x)) * ROOT_HALF, 0.2)


class DirConv2d(nn.Module):
    """Square k x k, or bias-free 1-D kernels of lengths 1, 3, ..., k across the flow, the i-th shifted i px along it."""

    def __init__(self, cin, cout, k, orientation):
        super().__init__()
        self.orientation = orientation
        if orientation is None:
            self.square = nn.Conv2d(cin, cout, k, padding=k // 2)
        else:
            shape = (lambda n: (1, n)) if orientation == "h" else (lambda n: (n, 1))
            pad = (lambda n: (0, n // 2)) if orientation == "h" else (lambda n: (n // 2, 0))
            self.lines = nn.ModuleList(nn.Conv2d(cin, cout, shape(n), padding=pad(n), bias=False) for n in range(1, k + 1, 2))
            self.bias = nn.Parameter(torch.zeros(1, cout, 1, 1))

    def forward(self, x, direction):
        if self.orientation is None:
            return self.square(x)
        axis = 2 if self.orientation == "h" else 3
        out = self.lines[0](x)
        for shift in range(1, len(self.lines)):
            m = self.lines[shift](x)
            length = m.size(axis)
            kept = m.narrow(axis, 0, length - shift) if direction == 1 else m.narrow(axis, shift, length - shift)
            before, after = (shift, 0) if direction == 1 else (0, shift)
            out = out + F.pad(kept, (0, 0, before, after) if axis == 2 else (before, after, 0, 0), mode="replicate")
        return out + self.bias


class ConvGRUCell(nn.Module):
    def __init__(self, cin, hidden, k, orientation):
        super().__init__()
        self.reset = DirConv2d(cin + hidden, hidden, k, orientation)
        self.update = DirConv2d(cin + hidden, hidden, k, orientation)
        self.output = DirConv2d(cin + hidden, hidden, k, orientation)

    def forward(self, frames, h, direction):
        states = []
        for t in range(frames.size(1)):
            x = frames[:, t]
            stacked = torch.cat([x, h], 1)
            z = self.update(stacked, direction).sigmoid()
            r = self.reset(stacked, direction).sigmoid()
            candidate = self.output(torch.cat([x, h * r], 1), direction).tanh()
            h = h * (1 - z) + candidate * z
            states.append(h)
        return torch.stack(states, 1)


class VideoPredictor(nn.Module):
    def __init__(self, c, side, k):
        super().__init__()
        self.c = c
        self.cells = nn.ModuleList([ConvGRUCell(c, c, k, None), ConvGRUCell(c, c, k, "h"), ConvGRUCell(c, c, k, "w")])
        self.blend = nn.Conv2d(len(FLOWS) * c, c + 1, 1)
        self.carried = [torch.zeros(1, c, side, side) for _ in FLOWS]

    def forward(self, maps):
        states = [self.cells[cell](maps, self.carried[i], d) for i, (cell, d) in enumerate(FLOWS)]
        self.carried = [s[:, -1].detach() for s in states]
        b, t = maps.shape[:2]
        predicted = self.blend(torch.cat(states, 2).flatten(0, 1)).unflatten(0, (b, t))
        prediction, mask = predicted[:, :, :self.c], predicted[:, :, self.c:].sigmoid()
        return maps * mask + prediction * (1 - mask)


class Generator(nn.Module):
    def __init__(self, size, base, cap):
        super().__init__()
        ch = [int(min(base / 2 ** l, cap)) for l in range(int(round(math.log2(size))) - 1)]
        motion = MOTION_NOISE + BANDS
        self.motion = MotionEncoder(motion, MOTION_LAYERS)
        self.format = FormatLayer(motion + BANDS, ch[0])
        self.blocks = nn.ModuleList(ResidualBlock(ch[l], ch[l + 1]) for l in range(len(ch) - 1))
        self.conditions = nn.ModuleList(nn.Sequential(nn.Linear(BANDS, 2 * ch[l + 1]), nn.LeakyReLU(0.2)) for l in range(len(ch) - 1))
        self.predictor = VideoPredictor(ch[-1], size, 3 if size < 512 else 5)
        self.to_rgb = nn.Conv2d(ch[-1], 3, 1)
        init_normal(self)

    def forward(self, features):
        b, t = features.shape[:2]
        noise = torch.rand(b, t, MOTION_NOISE)
        latent = torch.cat([self.motion(torch.cat([noise, features], 2)), features], 2)
        per_frame = features.reshape(b * t, -1)
        x = self.format(latent.reshape(b * t, -1))
        for block, condition in zip(self.blocks, self.conditions):
            x = block(F.interpolate(x, scale_factor=2, mode="nearest"), condition(per_frame))
        x = self.predictor(x.unflatten(0, (b, t))).flatten(0, 1)
        return self.to_rgb(x).tanh().unflatten(0, (b, t))


class SkipDiscriminator(nn.Module):
    def __init__(self, frames, size, base, cap):
        super().__init__()
        self.video = frames > 1
        self.count = int(round(math.log2(size))) - 2
        ch = lambda stage: int(min(base / 2 ** stage, cap))
        self.time_layers = min((frames & -frames).bit_length() - 1, self.count) if self.video else 0
        conv = nn.Conv3d if self.video else nn.Conv2d
        norm = nn.BatchNorm3d if self.video else nn.BatchNorm2d
        self.from_rgb, self.layers = nn.ModuleList(), nn.ModuleList()
        for i in range(self.count):
            stage = self.count - 1 - i
            self.from_rgb.append(conv(3, ch(stage + 1), 1))
            pool = nn.AvgPool3d((2 if i < self.time_layers else 1, 2, 2)) if self.video else nn.AvgPool2d(2)
            self.layers.append(nn.Sequential(
                pool, conv(ch(stage + 1), ch(stage), 3, padding=1), norm(ch(stage)), nn.LeakyReLU(0.2),
                conv(ch(stage), ch(stage), 3, padding=1), norm(ch(stage)), nn.LeakyReLU(0.2)))
        self.decision = conv(ch(0), 1, 1)
        init_normal(self)

    def forward(self, x):
        image = x.permute(0, 2, 1, 3, 4) if self.video else x
        y = None
        for i in range(self.count):
            if i > 0:
                scale = (0.5 if i <= self.time_layers else 1.0, 0.5, 0.5) if self.video else (0.5, 0.5)
                image = F.interpolate(image, scale_factor=scale)
            skip = self.from_rgb[i](image)
            y = self.layers[i](skip if y is None else y + skip)
        return self.decision(y)


class FrameFeatureNet(nn.Module):
    def __init__(self, fields):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU())
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, fields), nn.Sigmoid())   # trains it; unused here

    def forward(self, frames):
        return self.body(frames)


def gradient_penalty(critic, real, fake):
    e = torch.rand(real.size(0)).view(-1, *[1] * (real.dim() - 1))
    mixed = (e * real + (1 - e) * fake).detach().requires_grad_(True)
    scores = critic(mixed).flatten(1).sum(1)
    gradient = torch.autograd.grad(scores.sum(), mixed, retain_graph=True, create_graph=True)[0]
    return (gradient.flatten(1).norm(2, dim=1) - 1).pow(2).mean()


def critic_loss(critic, real, fake):
    return critic(fake).mean() - critic(real).mean() + PENALTY * gradient_penalty(critic, real, fake)


def zero_non_finite(parameters):
    with torch.no_grad():
        for p in parameters:
            if p.grad is not None:
                p.grad.masked_fill_(p.grad.isfinite().logical_not(), 0)


def count(net):
    return sum(p.numel() for p in net.parameters())


def networks(size, frames, base, cap):
    features = FrameFeatureNet(STATE_FIELDS)
    for p in features.parameters():
        p.requires_grad_(False)
    return Generator(size, base, cap), SkipDiscriminator(frames, size, base, cap), SkipDiscriminator(1, size, base, cap), features


def lam_step_ms(size, frames, base, cap, warmup, steps):
    torch.manual_seed(0)
    g, dv, di, phi = networks(size, frames, base, cap)
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.3, 0.999))
    opt_dv = torch.optim.Adam(dv.parameters(), lr=4e-4, betas=(0.3, 0.999))
    opt_di = torch.optim.Adam(di.parameters(), lr=4e-4, betas=(0.3, 0.999))
    sound = torch.randn(1, frames, BANDS)
    real = torch.rand(1, frames, 3, size, size) * 2 - 1
    critics = list(dv.parameters()) + list(di.parameters())
    times = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        pick = torch.randint(0, frames, (1,)).item()
        fake = g(sound)
        shuffled = real.index_select(1, torch.randperm(frames))
        opt_dv.zero_grad()
        loss_dv = critic_loss(dv, real, fake.detach())
        loss_shuffled = critic_loss(dv, real, shuffled)
        (loss_dv + loss_shuffled).backward()
        zero_non_finite(dv.parameters())
        opt_dv.step()
        opt_di.zero_grad()
        loss_di = critic_loss(di, real[:, pick], fake.detach()[:, pick])
        loss_di.backward()
        zero_non_finite(di.parameters())
        opt_di.step()
        for p in critics:
            p.requires_grad_(False)
        adversarial = -dv(fake).mean() - di(fake[:, pick]).mean()
        target = phi((real.flatten(0, 1) + 1) / 2).detach()
        perceptual = F.mse_loss(phi((fake.flatten(0, 1) + 1) / 2), target)
        for p in critics:
            p.requires_grad_(True)
        loss_g = adversarial + PERCEPTUAL * perceptual
        opt_g.zero_grad()
        loss_g.backward()
        zero_non_finite(g.parameters())
        opt_g.step()
        reported = (loss_dv.item(), loss_shuffled.item(), loss_di.item(), loss_g.item(), perceptual.item())   # the kit logs these
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def parameter_counts(size, frames, base, cap):
    return dict(zip(("G", "D_V", "D_I", "features"), (count(n) for n in networks(size, frames, base, cap))))


if __name__ == "__main__":
    torch.set_num_threads(int(os.environ.get("DINO_NUM_THREADS", os.cpu_count())))
    figures = {"torch_version": torch.__version__, "threads": torch.get_num_threads()}
    only = sys.argv[1:] or list(SIZES)   # a size or two, to time one alone
    for name in only:
        size, frames, base, cap, warmup, steps = SIZES[name]
        figures[f"listen_and_move_{name}_parameters"] = parameter_counts(size, frames, base, cap)
        figures[f"listen_and_move_{name}_step_ms"] = lam_step_ms(*SIZES[name])
    json.dump(figures, sys.stdout)
    print()
