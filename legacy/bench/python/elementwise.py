"""PyTorch reference for the elementwise/reduction/softmax benchmarks (run by MLVideo.Bench's
`elementwise` suite in the same session as ours, on the same shapes).

Usage: python3 elementwise.py --repeats 10
Prints one JSON object: case name -> median milliseconds.
"""
import argparse, json, statistics, time

import torch


def median_ms(fn, repeats, warmup=20):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(2)
    act = torch.randn(16, 64, 56, 56)
    other = torch.randn(16, 64, 56, 56)
    bias = torch.randn(64, 1, 1)
    grad = torch.randn(16, 64, 56, 56)
    logits = torch.randn(256, 1000)
    wide = torch.randn(4096, 1024)
    ce_logits = torch.randn(256, 400)
    ce_targets = torch.randint(0, 400, (256,))

    def relu_train():
        x = act.clone().requires_grad_()
        torch.relu(x).backward(grad)

    def ce_train():
        x = ce_logits.clone().requires_grad_()
        torch.nn.functional.cross_entropy(x, ce_targets).backward()

    cases = {
        "add_same": lambda: act + other,
        "add_bias": lambda: act + bias,
        "mul_scalar": lambda: act * 0.5,
        "relu": lambda: torch.relu(act),
        "sigmoid": lambda: torch.sigmoid(act),
        "tanh": lambda: torch.tanh(act),
        "exp": lambda: torch.exp(act),
        "relu_fwd_bwd": relu_train,
        "softmax_last": lambda: torch.softmax(logits, -1),
        "log_softmax_dim1": lambda: torch.log_softmax(act.view(16, 64, -1), 1),
        "sum_all": lambda: act.sum(),
        "mean_hw": lambda: act.mean((2, 3)),
        "sum_dim0": lambda: wide.sum(0),
        "cross_entropy_fwd_bwd": ce_train,
    }
    with torch.no_grad():
        result = {}
        for name, fn in cases.items():
            if name.endswith("fwd_bwd"):
                continue
            result[name] = median_ms(fn, args.repeats)
    for name in ("relu_fwd_bwd", "cross_entropy_fwd_bwd"):
        result[name] = median_ms(cases[name], args.repeats)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
