"""PyTorch reference for the ResNet TSN benchmarks (run by MLVideo.Bench in the same session as ours).

Usage: python3 resnet_tsn.py --arch resnet18 --size 112 --frames 8 --clips 2 --repeats 10 [--tsm]
Prints one JSON object: median milliseconds per clip for inference and for a training step
(forward, cross-entropy, backward, SGD), and the peak resident memory in MiB.
"""
import argparse, json, resource, statistics, time

import torch
import torch.nn as nn
import torchvision


class TemporalShift(nn.Module):
    """TSM residual shift (official convention: first fold from t+1, second fold from t-1)."""

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


def build(arch, frames, tsm, classes):
    model = getattr(torchvision.models, arch)(num_classes=classes)
    if tsm:
        for layer in [model.layer1, model.layer2, model.layer3, model.layer4]:
            for block in layer:
                block.conv1 = TemporalShift(block.conv1, frames)
    return model


def median_ms(fn, repeats, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default="resnet18")
    p.add_argument("--size", type=int, default=112)
    p.add_argument("--frames", type=int, default=8)
    p.add_argument("--clips", type=int, default=2)
    p.add_argument("--classes", type=int, default=400)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--tsm", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = build(a.arch, a.frames, a.tsm, a.classes)

    model.eval()
    x = torch.randn(a.frames, 3, a.size, a.size)

    def infer():
        with torch.no_grad():
            model(x).view(1, a.frames, -1).mean(1)

    infer_ms = median_ms(infer, a.repeats)

    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    xb = torch.randn(a.clips * a.frames, 3, a.size, a.size)
    yb = torch.randint(0, a.classes, (a.clips,))

    def step():
        opt.zero_grad()
        logits = model(xb).view(a.clips, a.frames, -1).mean(1)
        loss = nn.functional.cross_entropy(logits, yb)
        loss.backward()
        opt.step()

    train_ms = median_ms(step, a.repeats) / a.clips
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"inference_ms_per_clip": infer_ms, "train_step_ms_per_clip": train_ms,
                      "peak_rss_mib": peak_mib, "threads": torch.get_num_threads(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
