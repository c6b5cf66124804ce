"""PyTorch reference for the normalisation / pooling / GRU benchmarks (run by MLVideo.Bench, suite "normpool").

Usage: python3 normpool.py --repeats 10
Prints one JSON object: case name -> median milliseconds (forward + backward unless the name says "eval"/"fwd").
The cases and shapes must match bench/MLVideo.Bench/Suites/NormPoolSuite.cs.
"""
import argparse, json, statistics, time

import torch
import torch.nn.functional as F


def median_ms(fn, repeats, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def fwd_bwd(make_output, x):
    def run():
        if x.grad is not None:
            x.grad = None
        y = make_output(x)
        y.backward(torch.ones_like(y))
    return run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    torch.manual_seed(0)
    r = args.repeats
    results = {}

    x = torch.randn(32, 64, 56, 56, requires_grad=True)
    w = torch.rand(64, requires_grad=True)
    b = torch.randn(64, requires_grad=True)
    rm, rv = torch.zeros(64), torch.ones(64)
    results["batchnorm2d_train"] = median_ms(fwd_bwd(lambda t: F.batch_norm(t, rm, rv, w, b, training=True), x), r)
    with torch.no_grad():
        results["batchnorm2d_eval_fwd"] = median_ms(lambda: F.batch_norm(x, rm, rv, w, b, training=False), r)

    xc = torch.randn(256, 4096, requires_grad=True)
    w1 = torch.rand(4096, requires_grad=True)
    b1 = torch.randn(4096, requires_grad=True)
    rm1, rv1 = torch.zeros(4096), torch.ones(4096)
    results["batchnorm1d_train"] = median_ms(fwd_bwd(lambda t: F.batch_norm(t, rm1, rv1, w1, b1, training=True), xc), r)

    xs = torch.randn(16, 64, 112, 112, requires_grad=True)
    results["maxpool2d_k3s2p1"] = median_ms(fwd_bwd(lambda t: F.max_pool2d(t, 3, 2, 1), xs), r)
    results["avgpool2d_k2s2"] = median_ms(fwd_bwd(lambda t: F.avg_pool2d(t, 2, 2), xs), r)

    xg = torch.randn(64, 512, 7, 7, requires_grad=True)
    results["global_avgpool"] = median_ms(fwd_bwd(lambda t: F.adaptive_avg_pool2d(t, 1), xg), r)

    x3 = torch.randn(4, 64, 8, 56, 56, requires_grad=True)
    results["maxpool3d_k133_s122"] = median_ms(fwd_bwd(lambda t: F.max_pool3d(t, (1, 3, 3), (1, 2, 2), (0, 1, 1)), x3), r)

    xl = torch.randn(4096, 1024, requires_grad=True)
    wl = torch.rand(1024, requires_grad=True)
    bl = torch.randn(1024, requires_grad=True)
    results["layernorm_1024"] = median_ms(fwd_bwd(lambda t: F.layer_norm(t, (1024,), wl, bl), xl), r)

    gru = torch.nn.GRU(256, 256, batch_first=True)
    xr = torch.randn(8, 16, 256, requires_grad=True)

    def gru_run():
        xr.grad = None
        gru.zero_grad()
        out, hn = gru(xr)
        out.backward(torch.ones_like(out))
    results["gru_256_n8_t16"] = median_ms(gru_run, r)

    print(json.dumps({"threads": torch.get_num_threads(), "ms": results}))


if __name__ == "__main__":
    main()
