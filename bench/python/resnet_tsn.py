"""PyTorch reference of the models suite (run by MLVideo.Bench, one process per method, in the same run as ours).

Usage: python3 resnet_tsn.py --method tsn|tsm|gsf [--repeats 10] [--warmup 3] [--threads 2]

ResNet-18 (torchvision) at 8 x 3 x 112 x 112 with 400 classes: TSN as it is, TSM with a temporal shift in front of
every basic block's conv1, GSF with a Gate-Shift-Fuse unit after every basic block's conv2 (before bn2), written
from docs/methods.md section 3.1. Times one clip of inference (eval, no_grad, softmax, mean over the views) and a
2-clip training step (forward, cross-entropy, zero_grad, backward, SGD momentum step), then prints one JSON line:
every timed iteration in ms, and the process's peak resident memory (VmHWM, as ru_maxrss) in MiB after the
inference phase and at the end.
Needs Debian's PyTorch: apt-get install -y python3-torch python3-torchvision
"""
import argparse, json, resource, time

import torch
import torch.nn as nn
import torchvision

FRAMES, SIZE, CLIPS, CLASSES = 8, 112, 2, 400
LABELS = [3, 141]


class TemporalShift(nn.Module):
    """TSM residual shift (official convention: first fold from t+1, second fold from t-1), then the wrapped conv."""

    def __init__(self, net, n_segment, fold_div=8):
        super().__init__()
        self.net, self.n_segment, self.fold_div = net, n_segment, fold_div

    def forward(self, x):
        nt, c, h, w = x.size()
        x = x.view(nt // self.n_segment, self.n_segment, c, h, w)
        fold = c // self.fold_div
        out = torch.zeros_like(x)
        out[:, :-1, :fold] = x[:, 1:, :fold]
        out[:, 1:, fold:2 * fold] = x[:, :-1, fold:2 * fold]
        out[:, :, 2 * fold:] = x[:, :, 2 * fold:]
        return self.net(out.view(nt, c, h, w))


class GateShiftFuse(nn.Module):
    """One GSF unit on every channel (ratio 100), from methods.md 3.1: a tanh gate from a grouped 3x3x3 conv of
    relu(bn(x)) splits each channel half into a gated part, shifted one frame (first half from t+1, second from
    t-1), and a residual; a sigmoid weight per (channel, frame) from a 3x3 conv over the spatial means fuses them;
    then each half's channels are interleaved."""

    def __init__(self, channels, n_segment):
        super().__init__()
        self.n_segment = n_segment
        self.conv3D = nn.Conv3d(channels, 2, 3, padding=1, groups=2)
        self.bn = nn.BatchNorm3d(channels)
        self.channel_conv1 = nn.Conv2d(2, 1, 3, padding=1)
        self.channel_conv2 = nn.Conv2d(2, 1, 3, padding=1)

    @staticmethod
    def shift_one_frame(y, from_next):
        empty = torch.zeros_like(y[:, :, :1])
        return torch.cat([y[:, :, 1:], empty], 2) if from_next else torch.cat([empty, y[:, :, :-1]], 2)

    @staticmethod
    def fuse(half, gate, conv, from_next):
        gated = gate * half
        residual = half - gated
        shifted = GateShiftFuse.shift_one_frame(gated, from_next)
        means = torch.stack([shifted.mean((3, 4)), residual.mean((3, 4))], 1)     # (N, 2, C/2, T)
        weight = torch.sigmoid(conv(means)).squeeze(1)[..., None, None]            # (N, C/2, T, 1, 1)
        fused = residual + weight * (shifted - residual)
        n, c, t, h, w = fused.shape
        return fused.view(n, 2, c // 2, t, h, w).transpose(1, 2).reshape(n, c, t, h, w)

    def forward(self, x):
        nt, c, h, w = x.shape
        v = x.view(nt // self.n_segment, self.n_segment, c, h, w).transpose(1, 2)   # (N, C, T, H, W)
        g1, g2 = torch.tanh(self.conv3D(torch.relu(self.bn(v)))).chunk(2, 1)
        x1, x2 = v.chunk(2, 1)
        z = torch.cat([self.fuse(x1, g1, self.channel_conv1, True), self.fuse(x2, g2, self.channel_conv2, False)], 1)
        return z.transpose(1, 2).reshape(nt, c, h, w)


def build(method):
    model = torchvision.models.resnet18(num_classes=CLASSES)
    for layer in [model.layer1, model.layer2, model.layer3, model.layer4]:
        for block in layer:
            if method == "tsm":
                block.conv1 = TemporalShift(block.conv1, FRAMES)
            elif method == "gsf":
                block.conv2 = nn.Sequential(block.conv2, GateShiftFuse(block.conv2.out_channels, FRAMES))
    return model


def samples(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def peak_rss_mib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--method", choices=["tsn", "tsm", "gsf"], default="tsn")
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = build(a.method)

    model.eval()
    clip = torch.randn(1, FRAMES, 3, SIZE, SIZE)

    def infer():
        with torch.no_grad():
            logits = model(clip.view(-1, 3, SIZE, SIZE)).view(1, FRAMES, -1).mean(1)    # (V, K)
            torch.softmax(logits, 1).mean(0).tolist()

    inference = samples(infer, a.repeats, a.warmup)

    after_inference = peak_rss_mib()
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    batch = torch.randn(CLIPS, FRAMES, 3, SIZE, SIZE)
    labels = torch.tensor(LABELS)

    def step():
        logits = model(batch.view(-1, 3, SIZE, SIZE)).view(CLIPS, FRAMES, -1).mean(1)
        loss = nn.functional.cross_entropy(logits, labels)
        opt.zero_grad()
        loss.backward()
        opt.step()

    training = samples(step, a.repeats, a.warmup)
    print(json.dumps({"contender": "pytorch", "method": a.method, "inference_ms": inference, "train_step_ms": training,
                      "peak_rss_inference_mib": after_inference, "peak_rss_mib": peak_rss_mib(), "runtime": f"torch {torch.__version__}"}))


if __name__ == "__main__":
    main()
