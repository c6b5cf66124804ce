"""PyTorch reference for the convolution benchmarks (run by MLVideo.Bench's "conv" suite in the same session as ours).

Usage: python3 conv_layers.py --layers '[{"name": "...", "n": 8, "cin": 64, "cout": 64, "size": 56,
                                         "kernel": 3, "stride": 1, "padding": 1, "backward": true}]'
                              [--repeats 10] [--warmup 2] [--threads 2]
Prints one JSON object {"torch": version, "threads": n, "layers": [{"name", "forward_ms", "backward_ms"}]}:
median milliseconds of conv2d forward and of its backward for input and weight (no bias), timed
through aten.convolution_backward so the backward figure does not include a forward.
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
    x = torch.randn(layer["n"], layer["cin"], layer["size"], layer["size"], generator=g)
    w = torch.randn(layer["cout"], layer["cin"], layer["kernel"], layer["kernel"], generator=g) * 0.05
    s, p = layer["stride"], layer["padding"]
    with torch.no_grad():
        forward_ms = median_ms(lambda: F.conv2d(x, w, None, s, p), repeats, warmup)
        backward_ms = None
        if layer.get("backward", True):
            gy = torch.randn_like(F.conv2d(x, w, None, s, p))
            backward_ms = median_ms(
                lambda: torch.ops.aten.convolution_backward(
                    gy, x, w, None, [s, s], [p, p], [1, 1], False, [0, 0], 1, [True, True, False]),
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
