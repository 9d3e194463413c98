"""PyTorch side of the DINO video-to-speech iteration benchmark (Debian's python3-torch; the kit runs TorchSharp on libtorch 2.10).

One training iteration of one-way DINO video-to-speech as lib/Models/Dino/DinoSpeechExperiment.cs runs it, with the
networks of lib/Models/Common/VideoSpeech written out again from the fact sheet (shared/reference/remaining-papers.md (a),
dino-and-baselines.md section 3) and the kit's recorded sizes: the Forward network (Conv3d (5,4,4) stride (1,2,2) blocks with
batch norm and LeakyReLU 0.2, a one-layer GRU, an audio decoder of transposed convolutions emitting 640 samples a frame with
SAGAN 1-D self-attention before its last layer) and the Reverse network (0.2 s audio windows centred on each frame, an
audio encoder with a 5 ms / 1 ms first convolution, a two-layer GRU, an identity encoder on the first frame and a U-Net
frame decoder with N(0, 0.33^2) noise). R: E_real + k (m - E_fake) on R(y, x0) and R(sg F(x), x0), then F: E(R(F(x), x0)),
d = MSE, Adam F 1e-4, R 1e-3 (0.5, 0.999). Timed at the paper's networks (96^2 colour) at batch 2 and the kit's cpu
preset (32^2 grey, widths a quarter) at its batch of 8, both on 1-s windows (25 frames). Prints one JSON object.
Run through `./dino bench dino-speech`.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

FRAMES, HOP, WINDOW, NOISE = 25, 640, 3200, 10
RATE = HOP * 25
# frame size, channels, video width, embedding, forward hidden, decoder width, audio width, audio code, reverse hidden,
# identity width, identity code, batch
SIZES = {
    "paper": (96, 3, 64, 256, 256, 256, 16, 256, 256, 64, 128, 2),
    "cpu": (32, 1, 16, 64, 64, 64, 4, 64, 64, 16, 32, 8),
}


def sides(size):
    out = []
    while size > 4:
        size //= 2
        out.append(size)
    return out


def doubling(first, blocks):
    return [first * 2 ** min(i, 3) for i in range(blocks)]


class SelfAttention1d(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.query, self.key, self.value = nn.Conv1d(c, c // 8, 1), nn.Conv1d(c, c // 8, 1), nn.Conv1d(c, c, 1)
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        attention = torch.bmm(self.query(x).permute(0, 2, 1), self.key(x)).softmax(-1)
        return self.gamma * torch.bmm(self.value(x), attention.permute(0, 2, 1)) + x


class Forward(nn.Module):
    def __init__(self, size, channels, width, embedding, hidden, decoder):
        super().__init__()
        layers, c = [], channels
        s = sides(size)
        for out in doubling(width, len(s)):
            layers += [nn.Conv3d(c, out, (5, 4, 4), (1, 2, 2), (2, 1, 1), bias=False), nn.BatchNorm3d(out), nn.LeakyReLU(0.2)]
            c = out
        self.encoder = nn.Sequential(*layers, nn.Conv3d(c, embedding, (1, s[-1], s[-1])))
        self.gru = nn.GRU(embedding, hidden, 1, batch_first=True)
        w = decoder
        self.body = nn.Sequential(
            nn.ConvTranspose1d(hidden, w, HOP // 64, bias=False), nn.BatchNorm1d(w), nn.ReLU(),
            nn.ConvTranspose1d(w, w // 2, 8, 4, 2, bias=False), nn.BatchNorm1d(w // 2), nn.ReLU(),
            nn.ConvTranspose1d(w // 2, w // 4, 8, 4, 2, bias=False), nn.BatchNorm1d(w // 4), nn.ReLU())
        self.attention = SelfAttention1d(w // 4)
        self.last = nn.ConvTranspose1d(w // 4, 1, 8, 4, 2)

    def forward(self, video):
        embedded = self.encoder(video).flatten(2).permute(0, 2, 1)
        states, _ = self.gru(embedded)
        b, t = states.shape[:2]
        samples = self.last(self.attention(self.body(states.reshape(b * t, -1).unsqueeze(2)))).tanh().squeeze(1)
        return samples.reshape(b, t * HOP)


class Reverse(nn.Module):
    def __init__(self, size, channels, audio_width, code, hidden, identity_width, identity_code):
        super().__init__()
        kernel, stride = RATE // 200, RATE // 1000
        padding = (kernel - stride) // 2
        length = (WINDOW + 2 * padding - kernel) // stride + 1
        blocks, l = 0, length
        while l > 4:
            l //= 2
            blocks += 1
        ch = doubling(audio_width, blocks + 1)
        layers = [nn.Conv1d(1, ch[0], kernel, stride, padding, bias=False), nn.BatchNorm1d(ch[0]), nn.ReLU()]
        for i in range(1, blocks + 1):
            layers += [nn.Conv1d(ch[i - 1], ch[i], 4, 2, 1, bias=False), nn.BatchNorm1d(ch[i]), nn.ReLU()]
            length //= 2
        self.audio = nn.Sequential(*layers, nn.Conv1d(ch[blocks], code, length), nn.Tanh())
        self.gru = nn.GRU(code, hidden, 2, batch_first=True)
        s = sides(size)
        self.map_channels = doubling(identity_width, len(s))
        self.identity_blocks = nn.ModuleList()
        c = channels
        for out in self.map_channels:
            self.identity_blocks.append(nn.Sequential(nn.Conv2d(c, out, 4, 2, 1, bias=False), nn.BatchNorm2d(out), nn.ReLU()))
            c = out
        self.identity_project = nn.Conv2d(c, identity_code, s[-1])
        self.start = nn.ConvTranspose2d(hidden + identity_code + NOISE, self.map_channels[-1], s[-1], bias=False)
        self.start_norm = nn.BatchNorm2d(self.map_channels[-1])
        self.up = nn.ModuleList()
        for i in reversed(range(len(self.map_channels))):
            out = channels if i == 0 else self.map_channels[i - 1]
            conv = nn.ConvTranspose2d(2 * self.map_channels[i], out, 4, 2, 1, bias=i == 0)
            self.up.append(nn.Sequential(conv, nn.Tanh()) if i == 0 else nn.Sequential(conv, nn.BatchNorm2d(out), nn.ReLU()))
        self.channels, self.size = channels, size

    def forward(self, audio, first, noise):
        b, t = audio.size(0), audio.size(1) // HOP
        left = WINDOW // 2 - HOP // 2
        windows = F.pad(audio, (left, WINDOW - left)).unfold(1, WINDOW, HOP)[:, :t]
        codes = self.audio(windows.reshape(b * t, 1, WINDOW)).flatten(1).reshape(b, t, -1)
        states, _ = self.gru(codes)
        maps, x = [], first
        for block in self.identity_blocks:
            x = block(x)
            maps.append(x)
        identity = self.identity_project(x).flatten(1).tanh()
        per_frame = torch.cat([states, identity.unsqueeze(1).expand(-1, t, -1), noise], 2).reshape(b * t, -1)
        x = self.start_norm(self.start(per_frame[:, :, None, None])).relu()
        for i, block in enumerate(self.up):
            x = block(torch.cat([x, maps[len(maps) - 1 - i].repeat_interleave(t, 0)], 1))
        return x.reshape(b, t, self.channels, self.size, self.size).permute(0, 2, 1, 3, 4)


def dino_speech_step_ms(size, channels, vw, emb, fh, dw, aw, code, rh, iw, ic, batch, warmup=2, steps=5):
    torch.manual_seed(0)
    f, r = Forward(size, channels, vw, emb, fh, dw), Reverse(size, channels, aw, code, rh, iw, ic)
    opt_f = torch.optim.Adam(f.parameters(), lr=1e-4, betas=(0.5, 0.999))
    opt_r = torch.optim.Adam(r.parameters(), lr=1e-3, betas=(0.5, 0.999))
    video = torch.rand(batch, channels, FRAMES, size, size) * 2 - 1
    speech = torch.rand(batch, FRAMES * HOP) * 2 - 1
    first = video[:, :, 0]
    k, margin, times = 0.5, 0.2, []
    for i in range(warmup + steps):
        start = time.perf_counter()
        noise = torch.randn(batch, FRAMES, NOISE) * 0.33
        translation = f(video)
        e_real = F.mse_loss(r(speech, first, noise), video)
        e_fake = F.mse_loss(r(translation.detach(), first, noise), video)
        loss_r = e_real + k * (margin - e_fake) if e_fake.item() < margin else e_real
        opt_r.zero_grad()
        loss_r.backward()
        opt_r.step()
        loss_f = F.mse_loss(r(translation, first, noise), video)
        opt_f.zero_grad()
        loss_f.backward()
        opt_f.step()
        reported = (loss_r.item(), loss_f.item(), e_real.item(), e_fake.item())   # the kit logs these
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


if __name__ == "__main__":
    torch.set_num_threads(int(os.environ.get("DINO_NUM_THREADS", os.cpu_count())))
    figures = {"torch_version": torch.__version__, "threads": torch.get_num_threads()}
    for name, sizes in SIZES.items():
        figures[f"dino_speech_{name}_step_ms"] = dino_speech_step_ms(*sizes)
    json.dump(figures, sys.stdout)
    print()
