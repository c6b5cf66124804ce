"""PyTorch reference for the convolution benchmarks (run by MLVideo.Bench's "conv" suite in the same session as ours).

Usage: python3 conv_layers.py --layers '[{"name": "...", "input": [8, 64, 56, 56], "weight": [64, 64, 3, 3],
                                         "stride": [1, 1], "padding": [1, 1], "groups": 1, "backward": true}]'
                              [--repeats 10] [--warmup 2] [--threads 2]
A 4-d input is conv2d, a 5-d one conv3d. Prints one JSON object
{"torch": version, "threads": n, "layers": [{"name", "forward_ms", "backward_ms"}]}: median milliseconds
of the forward and of the backward for input and weight (no bias), the latter timed through
aten.convolution_backward so it does not include a forward.
"""
import argparse, json, statistics, time

import torch
import torch.nn.functional as F


def median_ms(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def run_layer(layer, repeats, warmup):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(*layer["input"], generator=g)
    w = torch.randn(*layer["weight"], generator=g) * 0.05
    s, p, groups = layer["stride"], layer["padding"], layer.get("groups", 1)
    conv = F.conv3d if x.dim() == 5 else F.conv2d
    ones, zeros = [1] * len(s), [0] * len(s)
    with torch.no_grad():
        forward_ms = median_ms(lambda: conv(x, w, None, s, p, 1, groups), repeats, warmup)
        backward_ms = None
        if layer.get("backward", True):
            gy = torch.randn_like(conv(x, w, None, s, p, 1, groups))
            backward_ms = median_ms(
                lambda: torch.ops.aten.convolution_backward(
                    gy, x, w, None, s, p, ones, False, zeros, groups, [True, True, False]),
                repeats, warmup)
    return {"name": layer["name"], "forward_ms": forward_ms, "backward_ms": backward_ms}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--layers", required=True, help="JSON list of layer specs")
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    results = [run_layer(layer, args.repeats, args.warmup) for layer in json.loads(args.layers)]
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "layers": results}))


if __name__ == "__main__":
    main()
