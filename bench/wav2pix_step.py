"""PyTorch side of the Wav2Pix iteration benchmark (Debian's python3-torch; the kit runs TorchSharp on libtorch 2.10).

One training iteration of Wav2Pix as lib/Models/Wav2Pix/Wav2PixExperiment.cs runs it, written from the fact sheet
(shared/reference/other-papers.md, section C): the SEGAN speech encoder (six blocks of zero padding 6/7, Conv1d k15 s4,
BatchNorm1d, LeakyReLU 0.3; dense 256 -> 128 -> 128), the generator (spectral-normalised 4x4 transposed convolutions
without bias, dropout 0.5 + ReLU, tanh), the matching-aware discriminator (spectral-normalised 4x4 stride-2 convolutions,
LeakyReLU 0.2, the embedding tiled over the 4x4 map, a final 4x4 convolution without spectral norm) and the auxiliary
classifier (128 -> 200, BN, LeakyReLU 0.2 -> identities, BN). D: (D(x, e) - 0.9)^2 + D(G(e), e)^2 + D(x_wrong, e)^2 with
e and G(e) drawn without a graph; G: (D(G(e), e) - 1)^2 + 100 * feature matching + 50 * L1 + 20 * identity CE. Adam D 4e-4,
G 1e-4 (0.5, 0.999). Timed at the ICASSP networks (widths 64, SEGAN 16..1024) at batch 16 and the kit's cpu preset
(widths 16, SEGAN channels a quarter) at batch 64. Prints one JSON object. Run through `./dino bench wav2pix`.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

SAMPLES, IDENTITIES = 16000, 10
CHANNELS = [16, 32, 128, 256, 512, 1024]
SIZES = {"paper": (64, 1, 16), "cpu": (16, 4, 64)}   # width, SEGAN channel divisor, batch


class SpeechEncoder(nn.Module):
    def __init__(self, divisor):
        super().__init__()
        blocks, c, length = [], 1, SAMPLES
        for out in (max(1, ch // divisor) for ch in CHANNELS):
            blocks += [nn.ConstantPad1d((6, 7), 0.0), nn.Conv1d(c, out, 15, 4), nn.BatchNorm1d(out), nn.LeakyReLU(0.3)]
            c, length = out, (length + 13 - 15) // 4 + 1
        self.blocks = nn.Sequential(*blocks)
        self.dense = nn.Sequential(nn.Linear(c * length, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 128))

    def forward(self, speech):
        return self.dense(self.blocks(speech.unsqueeze(1)).flatten(1))


class Generator(nn.Module):
    def __init__(self, w):
        super().__init__()
        layers, c = [], 128
        for i, out in enumerate((8 * w, 4 * w, 2 * w, w)):
            conv = nn.ConvTranspose2d(c, out, 4, 1, 0, bias=False) if i == 0 else nn.ConvTranspose2d(c, out, 4, 2, 1, bias=False)
            layers += [spectral_norm(conv), nn.Dropout(0.5), nn.ReLU()]
            c = out
        layers += [spectral_norm(nn.ConvTranspose2d(c, 3, 4, 2, 1, bias=False)), nn.Tanh()]
        self.layers = nn.Sequential(*layers)

    def forward(self, e):
        return self.layers(e.view(e.size(0), -1, 1, 1))


class Discriminator(nn.Module):
    def __init__(self, w):
        super().__init__()
        layers, c = [], 3
        for out in (w, 2 * w, 4 * w, 8 * w):
            layers += [spectral_norm(nn.Conv2d(c, out, 4, 2, 1, bias=False)), nn.LeakyReLU(0.2)]
            c = out
        self.trunk = nn.Sequential(*layers)
        self.score = nn.Conv2d(c + 128, 1, 4, bias=False)

    def forward(self, faces, e):
        features = self.trunk(faces)
        tiled = e.view(e.size(0), -1, 1, 1).expand(-1, -1, features.size(2), features.size(3))
        return self.score(torch.cat([features, tiled], 1)).view(-1), features


def wav2pix_step_ms(width, divisor, batch, warmup=2, steps=5):
    torch.manual_seed(0)
    encoder, g, d = SpeechEncoder(divisor), Generator(width), Discriminator(width)
    classifier = nn.Sequential(nn.Linear(128, 200), nn.BatchNorm1d(200), nn.LeakyReLU(0.2), nn.Linear(200, IDENTITIES),
                               nn.BatchNorm1d(IDENTITIES))
    g_params = list(encoder.parameters()) + list(g.parameters()) + list(classifier.parameters())
    opt_g = torch.optim.Adam(g_params, lr=1e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=4e-4, betas=(0.5, 0.999))
    real = torch.rand(batch, 3, 64, 64) * 2 - 1
    speech = torch.rand(batch, SAMPLES) * 2 - 1
    speakers = torch.arange(batch) % IDENTITIES
    wrong = real.roll(1, 0)   # another speaker's face (the kit draws one per row)
    times = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        with torch.no_grad():
            e = encoder(speech)
            fake = g(e)
        loss_d = (d(real, e)[0] - 0.9).pow(2).mean() + d(fake, e)[0].pow(2).mean() + d(wrong, e)[0].pow(2).mean()
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        e = encoder(speech)
        fake = g(e)
        scores, fake_features = d(fake, e)
        _, real_features = d(real, e)
        adversarial = (scores - 1).pow(2).mean()
        matching = (fake_features.mean(0) - real_features.detach().mean(0)).pow(2).mean()
        l1 = (fake - real).abs().mean()
        identity = F.cross_entropy(classifier(e), speakers)
        loss_g = adversarial + 100 * matching + 50 * l1 + 20 * identity
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        reported = (loss_d.item(), loss_g.item(), adversarial.item(), matching.item(), l1.item(), identity.item())   # the kit logs these
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


if __name__ == "__main__":
    torch.set_num_threads(int(os.environ.get("DINO_NUM_THREADS", os.cpu_count())))
    figures = {"torch_version": torch.__version__, "threads": torch.get_num_threads()}
    for name, (width, divisor, batch) in SIZES.items():
        figures[f"wav2pix_{name}_step_ms"] = wav2pix_step_ms(width, divisor, batch)
    json.dump(figures, sys.stdout)
    print()
