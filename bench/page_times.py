"""Server time of the heaviest page computations, printed (not asserted).

    .venv/bin/python bench/page_times.py

Prints the median and worst of repeated runs for: computed properties of
every catalogue function, and the busiest nonlinearity-lab view.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere

import activations
from activations.properties import properties
from components.pages import nonlinearity as nonlinearity_page
from components.pages.nonlinearity import NonlinearityState


def timed(fn: Callable[[], object], repeats: int = 9) -> tuple[float, float]:
    fn()  # warm caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3, max(times) * 1e3


def main() -> None:
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}")
    print("\nproperties() per function (median / worst ms):")
    for act in activations.all_activations():
        median, worst = timed(lambda act=act: properties(act))
        print(f"  {act.name:<20} {median:7.2f} {worst:7.2f}")
    state = NonlinearityState(fn="gelu", depth=20, width=64, seed=0, xmin=-10, xmax=10, n=801)
    median, worst = timed(lambda: nonlinearity_page.render_view(state, None))
    print(f"\nnonlinearity view, gelu depth 20 width 64 n 801: {median:.1f} / {worst:.1f} ms")


if __name__ == "__main__":
    main()
