"""Time networks.train_chunk at the largest settings; print the epochs-per-chunk table.

    .venv/bin/python bench/train_chunk.py [--chunks 20] [--only relu,gelu]
    .venv/bin/python bench/train_chunk.py --calibrate

A chunk must take at most networks.limits.CHUNK_SECONDS of CPU at the
largest settings: depth 6, width 32, 400 points of the spiral, Adam, full
batch and the smallest minibatch. The cost depends mostly on the activation
(exact GELU evaluates erf point by point), so the limit is a table per
activation in networks/limits.py.

--calibrate times epochs for every activation and prints the table to paste
over ``_CHUNK_EPOCHS``: the epochs that fit in half the budget at the median
epoch time (a margin for a busy machine), rounded down to 1, 1.2, 1.5, 2,
2.5, 3, 4, 5, 6 or 8 times a power of ten so that the table does not
churn; run it a few times and keep the smallest entries. Without it, the
script runs ``--chunks`` chunks of the current table's size per activation
and mode and prints the median and 99th percentile chunk CPU time (process
time, so other processes on the machine do not count), then the JSON size
of a state at the largest settings after networks.limits.MAX_EPOCHS epochs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import activations
from networks import limits
from networks.state_json import state_to_json
from networks.training import TrainConfig, TrainState, new_state, train_chunk


def largest(activation: str, minibatch: bool) -> TrainConfig:
    return TrainConfig(
        dataset="spiral",
        points=limits.POINTS.high,
        noise=0.1,
        activation=activation,
        depth=limits.TRAIN_DEPTH.high,
        width=limits.TRAIN_WIDTH.high,
        init="he",
        optimiser="adam",
        learning_rate=0.01,
        batch_size=limits.BATCH_SIZE.low if minibatch else None,
        seed=0,
    )


def chunk_seconds(state: TrainState, epochs: int) -> tuple[float, TrainState]:
    start = time.process_time()
    state = train_chunk(state, epochs)
    return time.process_time() - start, state


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


# Table entries are rounded down to one of these (times a power of ten), so
# that re-running the calibration does not churn the table.
_NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


def nice_floor(value: float) -> int:
    """The largest integer of the form nice * 10**k (k >= 0) at most ``value``; at least 1."""
    if value < 1.0:
        return 1
    scale = 10.0 ** math.floor(math.log10(value))
    best = max(n for n in _NICE if n * scale <= value)
    return max(1, math.floor(best * scale))


def calibrate(names: list[str]) -> None:
    print("_CHUNK_EPOCHS: dict[str, tuple[int, int]] = {")
    for name in names:
        epochs: list[int] = []
        per_epoch: list[float] = []
        for minibatch in (False, True):
            state = new_state(largest(name, minibatch))
            times = []
            for _ in range(15):
                seconds, state = chunk_seconds(state, 1)
                times.append(seconds)
            per_epoch.append(statistics.median(times))
            fit = nice_floor(0.5 * limits.CHUNK_SECONDS / per_epoch[-1])
            epochs.append(max(limits.EPOCHS_PER_CHUNK.low, min(limits.EPOCHS_PER_CHUNK.high, fit)))
        print(
            f'    "{name}": ({epochs[0]}, {epochs[1]}),'
            f"  # {per_epoch[0] * 1e3:.2f} / {per_epoch[1] * 1e3:.2f} ms per epoch"
        )
    print("}")


def run(names: list[str], chunks: int) -> None:
    worst = 0.0
    print(f"{'activation':20s} {'mode':9s} {'epochs':>6s} {'median ms':>10s} {'p99 ms':>8s}")
    for name in names:
        for minibatch in (False, True):
            state = new_state(largest(name, minibatch))
            epochs = limits.max_chunk_epochs(name, minibatch)
            times = []
            for _ in range(chunks):
                seconds, state = chunk_seconds(state, epochs)
                times.append(seconds)
            p99 = percentile(times, 99)
            worst = max(worst, p99)
            mode = "minibatch" if minibatch else "full"
            print(
                f"{name:20s} {mode:9s} {epochs:6d} "
                f"{statistics.median(times) * 1e3:10.1f} {p99 * 1e3:8.1f}"
            )
    print(f"worst p99: {worst * 1e3:.1f} ms (budget {limits.CHUNK_SECONDS * 1e3:g} ms)")


def state_size() -> None:
    state = new_state(largest("relu", False))
    while state.epoch < limits.MAX_EPOCHS and not state.diverged:
        state = train_chunk(state, limits.max_chunk_epochs("relu", False))
    text = json.dumps(state_to_json(state), separators=(",", ":"))
    print(
        f"state JSON at epoch {state.epoch}, depth {state.config.depth}, width "
        f"{state.config.width}, Adam: {len(text)} bytes (cap {limits.MAX_STATE_BYTES})"
    )
    fresh = json.dumps(state_to_json(new_state(largest("relu", False))), separators=(",", ":"))
    print(f"state JSON at epoch 0: {len(fresh)} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true", help="print the epochs table")
    parser.add_argument("--chunks", type=int, default=20, help="chunks per activation and mode")
    parser.add_argument("--only", default="", help="comma-separated activation names")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(activations.names())
    print(
        f"# {platform.processor() or platform.machine()} ({os.cpu_count()} CPUs), "
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    if args.calibrate:
        calibrate(names)
        return
    run(names, args.chunks)
    state_size()


if __name__ == "__main__":
    main()
