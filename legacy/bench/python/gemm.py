"""PyTorch reference for the SGEMM benchmark (run by MLVideo.Bench's "gemm" suite in the same session).

Usage: OPENBLAS_CORETYPE=COOPERLAKE python3 gemm.py --sizes 512,1024,2048 --threads 2 --repeats 10 --warmup 2
Prints one JSON object: {"threads": 2, "torch": "<version>", "results": {"<n>": {"median_ms": ..., "cpu_ms": ...}}}
for C = A @ B with square float32 n x n matrices (torch.mm into a preallocated output, so no allocation is
timed). cpu_ms is the process CPU time (all threads) per timed call.
"""
import argparse, json, statistics, time

import torch


def measure(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    times = []
    cpu_start = time.process_time()
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    cpu_ms = (time.process_time() - cpu_start) * 1000.0 / repeats
    return {"median_ms": statistics.median(times), "cpu_ms": cpu_ms}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="512,1024,2048")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(0)
    results = {}
    for n in [int(s) for s in args.sizes.split(",")]:
        a = torch.randn(n, n, generator=gen)
        b = torch.randn(n, n, generator=gen)
        c = torch.empty(n, n)
        results[str(n)] = measure(lambda: torch.mm(a, b, out=c), args.repeats, args.warmup)
    print(json.dumps({"threads": args.threads, "torch": torch.__version__, "results": results}))


if __name__ == "__main__":
    main()
