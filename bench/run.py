"""Every performance figure of the app, next to its target: ``make bench``.

    .venv/bin/python bench/run.py [--quick]

Runs, one after the other (never at once: they share the machine's cores):

1. bench/updates.py     server time and bytes per explorer update, in process
2. bench/train_chunk.py one training chunk of the gradient lab, largest settings
3. bench/browser.py     first visit and interaction-to-paint in headless Chromium
4. bench/load.py        gunicorn (production config) under wrk, then memory per worker

and ends with a table of the targets, met or not. Nothing here is a test:
it prints what it measured. ``--quick`` shortens every part (for a try; the
README's figures come from a full run on an otherwise idle machine).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere

from bench import browser, load, updates  # noqa: E402

KB = 1000


def section(title: str) -> None:
    print(f"\n## {title}\n", flush=True)


def train_chunk(quick: bool) -> None:
    chunks = "3" if quick else "10"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "train_chunk.py"), "--chunks", chunks],
        check=True,
        cwd=ROOT,
    )


def row(name: str, measured: str, target: str, met: bool | None) -> str:
    verdict = "-" if met is None else ("met" if met else "NOT met")
    return f"| {name} | {measured} | {target} | {verdict} |"


def targets(
    update_results: list[dict[str, Any]],
    browser_results: dict[str, Any],
    load_results: dict[str, Any],
) -> list[str]:
    def update(name: str, n: int = 1000) -> dict[str, Any]:
        return next(r for r in update_results if r["scenario"] == name and r["n"] == n)

    switch, toggle = update("function switch"), update("derivative toggle")
    visit = browser_results["first_visit"]
    interaction = browser_results["interaction"]
    lines = [
        "| target | measured | goal | |",
        "|---|---|---|---|",
        row(
            "function switch, n = 1,000: server time (median)",
            f"{switch['median_ms']:.2f} ms",
            "≤ 1.5 ms",
            switch["median_ms"] <= 1.5,
        ),
        row(
            "function switch, n = 1,000: on the wire",
            f"{switch['wire_bytes'] / KB:.1f} kB ({switch['wire_encoding']})",
            "≤ 12 kB",
            switch["wire_bytes"] <= 12 * KB,
        ),
        row(
            "derivative toggle: server time (median)",
            f"{toggle['median_ms']:.2f} ms",
            "≤ 0.5 ms",
            toggle["median_ms"] <= 0.5,
        ),
        row(
            "derivative toggle: on the wire",
            f"{toggle['wire_bytes']:,} B",
            "≤ 1 kB",
            toggle["wire_bytes"] <= KB,
        ),
    ]
    first_bytes = visit["wire_bytes"]["median"]
    first_graph = visit["first_graph_ms"]["median"]
    if first_bytes is not None:
        lines.append(
            row(
                "first visit: on the wire",
                f"{first_bytes / KB:,.0f} kB",
                "≤ 700 kB",
                first_bytes <= 700 * KB,
            )
        )
    if first_graph is not None:
        lines.append(
            row(
                "first visit: first graph painted",
                f"{first_graph:,.0f} ms",
                "≤ 1.0 s",
                first_graph <= 1000,
            )
        )
    for name, result in interaction.items():
        if not isinstance(result, dict) or "last_afterplot_ms" not in result:
            continue  # settings of the measurement, not a control
        p95 = result["last_afterplot_ms"].get("p95")
        if p95 is not None:
            lines.append(
                row(f"interaction to paint, {name} (p95)", f"{p95:.0f} ms", "≤ 60 ms", p95 <= 60)
            )
    for run in load_results["runs"]:
        rate, p99 = run.get("requests_per_s"), run.get("latency_ms", {}).get("p99")
        errors = run["socket_errors"] + run["non2xx"]
        if rate is not None and p99 is not None:
            lines.append(
                row(
                    f"updates under load, {run['connections']} connections",
                    f"{rate:,.0f}/s, p99 {p99:.0f} ms, {errors} errors",
                    "≥ 1,000/s, p99 ≤ 60 ms, 0 errors",
                    rate >= 1000 and p99 <= 60 and errors == 0,
                )
            )
    peak = max((r.get("peak_worker_rss_mb") or 0) for r in load_results["runs"])
    lines.append(
        row("resident memory per worker (peak)", f"{peak:.0f} MB", "≤ 150 MB", peak <= 150)
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs, for a try")
    args = parser.parse_args(argv)
    started = time.monotonic()
    print(
        f"# Activation Explorer benchmarks: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.2f} at the start"
    )

    section("1. Server time and bytes per update (in process, through Dash's endpoint)")
    update_results = updates.run(repeats=100 if args.quick else 500)
    updates.print_table(update_results)

    section("2. One training chunk of the gradient lab at its largest settings")
    train_chunk(args.quick)

    section("3. The browser: first visit and interaction to paint (headless Chromium)")
    browser_results = browser.run_all(
        visits=2 if args.quick else 5, repetitions=10 if args.quick else 30
    )
    browser.print_report(browser_results)

    section("4. Under load: gunicorn with the production configuration, wrk on 127.0.0.1")
    load_results = load.run_load(duration=5 if args.quick else 20)
    print(load.format_report(load_results))

    section("Targets")
    print("\n".join(targets(update_results, browser_results, load_results)))
    print(f"\n(all parts: {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
