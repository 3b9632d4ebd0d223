"""Soak test of the production server: a minute under load, no errors, no memory growth.

    .venv/bin/python bench/soak.py [--duration 60] [--connections 32] [--warmup 15]
    make soak

Starts ``gunicorn --config gunicorn.conf.py app:server`` as the Dockerfile
runs it (workers and threads from gunicorn.conf.py, WEB_CONCURRENCY and
GUNICORN_THREADS honoured) on a free 127.0.0.1 port and drives it with wrk
(bench/wrk/update.lua) for ``--duration`` seconds at ``--connections``
connections, after a warm-up that is not measured.

Worker recycling is switched off for the run (``GUNICORN_CMD_ARGS=
--max-requests 0``, added to any GUNICORN_CMD_ARGS already set). Production
replaces a worker after 2000 ± 200 requests, every few seconds at this load,
which would hide a leak instead of measuring it; with it off, the same workers
serve the whole run and each one's growth is measured. A worker that is
replaced anyway (a crash, a timeout) is reported and fails the run.

The requests cycle through a mix: explorer views (different functions, ranges,
sample counts and typed functions; more curves than the app's curve cache
holds, so caches churn as they would with many visitors), the function
switches of bench/load.py (sigmoid, relu <-> sigmoid, relu, gelu at n = 1000)
and two gradient-lab training chunks (Start from epoch 0 and the next tick,
built as the page sends them). Every body is sent once and checked before wrk
starts.

Memory: each worker's VmRSS after the warm-up (caches full), every 10 s, and
at the end; growth = (end - start) / start, target at most 10 %. Errors are
wrk's socket errors plus non-2xx answers, target 0. Prints one table and
exits with status 1 when a target is missed. Needs the dev requirements
(`bash scripts/bootstrap.sh dev`) and Debian's wrk (installed with apt-get
when missing and running as root).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere

import activations  # noqa: E402
from bench import load  # noqa: E402
from components import ids  # noqa: E402

DEFAULT_DURATION = 60
DEFAULT_CONNECTIONS = 32
DEFAULT_WARMUP = 15
SAMPLE_EVERY = 10.0
TARGET_GROWTH = 0.10
NO_RECYCLING = "--max-requests 0"
VIEW_COUNT = 30
POINTS = (201, 1000, 2500, 5000)
RANGES = ((-5.0, 5.0), (-10.0, 10.0), (-3.0, 8.0), (-20.0, 20.0))
EXPRESSIONS = ("x * sigmoid(1.702 * x)", "log1p(exp(x))", "tanh(x) * relu(x)")


def log(message: str) -> None:
    print(f"soak: {message}", file=sys.stderr, flush=True)


# --- the requests -------------------------------------------------------------------


def views() -> list[dict[str, Any]]:
    """VIEW_COUNT different explorer views, the same every run."""
    names = list(activations.names())
    found = []
    for i in range(VIEW_COUNT):
        count = 1 + i % 3
        functions = [names[(5 * i + 7 * k) % len(names)] for k in range(count)]
        xmin, xmax = RANGES[(i // len(POINTS)) % len(RANGES)]
        view: dict[str, Any] = {
            "functions": list(dict.fromkeys(functions)),
            "points": POINTS[i % len(POINTS)],
            "xmin": xmin,
            "xmax": xmax,
            "slider": [max(xmin, -20.0), min(xmax, 20.0)],
        }
        if i % 5 == 4:
            view["expr"] = EXPRESSIONS[(i // 5) % len(EXPRESSIONS)]
        found.append(view)
    return found


def request_bodies(base: str) -> dict[str, list[bytes]]:
    """Every body wrk sends, by kind, each answered 200 with the expected parts once."""
    try:
        from tests.app.conftest import view_callback_body
        from tests.app.test_failover import Client, explorer_bodies, training_bodies
    except ImportError as error:
        raise SystemExit(
            f"cannot import the request builders ({error}): run `bash scripts/bootstrap.sh dev`"
        ) from None
    client = load.HttpClient(base)
    explorer = []
    for view in views():
        body = json.dumps(
            view_callback_body(client, f"{ids.FUNCTIONS}.value", table_open=0, **view)
        ).encode("utf-8")
        answer = client.post_json(load.UPDATE_PATH, body)
        if ids.GRAPH not in answer.get("response", {}):
            raise SystemExit(f"the view {view} did not update the graph")
        explorer.append(body)
    front = Client(int(base.rsplit(":", 1)[1]))
    switches = explorer_bodies(front)
    training, _ = training_bodies(front)  # checks the chunks' epochs itself
    front.close()
    return {"explorer views": explorer, "function switches": switches, "training chunks": training}


# --- measuring --------------------------------------------------------------------------


def worker_rss(master_pid: int) -> dict[int, float]:
    """VmRSS (MiB) of each worker, by pid."""
    return {w["pid"]: w["rss_mb"] for w in load.server_memory(master_pid)["workers"]}


def run_soak(
    duration: int = DEFAULT_DURATION,
    connections: int = DEFAULT_CONNECTIONS,
    warmup: int = DEFAULT_WARMUP,
) -> dict[str, Any]:
    load.ensure_wrk()
    extra = os.environ.get("GUNICORN_CMD_ARGS", "")
    env = load.server_env({"GUNICORN_CMD_ARGS": f"{extra} {NO_RECYCLING}".strip()})
    result: dict[str, Any] = {
        "machine": load.machine(),
        "versions": load.versions(),
        "code": load.code_version(),
        "config": load.gunicorn_settings(env),
        "production_config": load.gunicorn_settings(load.server_env()),
        "duration": duration,
        "connections": connections,
        "warmup": warmup,
    }
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch, load.running_server(env) as server:
        kinds = request_bodies(server["base"])
        files = []
        for bodies in kinds.values():
            for body in bodies:
                path = Path(scratch) / f"body{len(files)}.json"
                path.write_bytes(body)
                files.append(str(path))
        result["mix"] = {kind: len(bodies) for kind, bodies in kinds.items()}
        log(f"warm-up, {warmup} s at {connections} connections")
        if warmup:
            load.run_wrk(server["base"], files, connections, warmup)
        boots = load.worker_boots(server["log"])
        start = worker_rss(server["pid"])
        samples: list[tuple[float, dict[int, float]]] = [(0.0, start)]
        log(f"soak, {duration} s at {connections} connections")
        outcome: dict[str, Any] = {}

        def drive() -> None:
            outcome["run"] = load.run_wrk(server["base"], files, connections, duration)

        with load.CpuAccount(server["pid"]) as cpu:
            began = time.monotonic()
            wrk = threading.Thread(target=drive)
            wrk.start()
            while wrk.is_alive():
                wrk.join(timeout=SAMPLE_EVERY)
                if wrk.is_alive():
                    samples.append((time.monotonic() - began, worker_rss(server["pid"])))
        if "run" not in outcome:
            raise SystemExit("wrk did not finish")
        samples.append((time.monotonic() - began, worker_rss(server["pid"])))
        result["memory"] = load.server_memory(server["pid"])
        result["run"] = outcome["run"]
        result["cpu"] = cpu.result
        result["worker_restarts"] = load.worker_boots(server["log"]) - boots
        result["samples"] = samples
        result["workers"] = {
            pid: {
                "start_mb": rss,
                "end_mb": samples[-1][1].get(pid),
                "peak_mb": max(s[1].get(pid, 0.0) for s in samples),
            }
            for pid, rss in start.items()
        }
    return result


def verdicts(result: dict[str, Any]) -> dict[str, bool]:
    run = result["run"]
    errors = run["socket_errors"] + run["non2xx"]
    workers = result["workers"].values()
    growth_ok = all(
        w["end_mb"] is not None and (w["end_mb"] - w["start_mb"]) / w["start_mb"] <= TARGET_GROWTH
        for w in workers
    )
    return {"errors": errors == 0, "growth": growth_ok and result["worker_restarts"] == 0}


def format_report(result: dict[str, Any]) -> str:
    m, v, c, p = (result[k] for k in ("machine", "versions", "code", "production_config"))
    run, cpu = result["run"], result["cpu"]
    config = result["config"]
    lat = run["latency_ms"]
    mix = ", ".join(f"{n} {kind}" for kind, n in result["mix"].items())
    lines = [
        f"machine   {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GiB, "
        f"load average before {m['load_average']}",
        "versions  " + ", ".join(f"{k} {val}" for k, val in v.items()),
        f"code      {c}",
        f"server    gunicorn --config gunicorn.conf.py app:server: {config['workers']} workers x "
        f"{config['threads']} threads ({config['worker_class']}); worker recycling off for "
        f"the measurement (GUNICORN_CMD_ARGS={config['cmd_args']!r}; production recycles "
        f"after max_requests={p['max_requests']}+{p['max_requests_jitter']})",
        f"load      wrk, {load.WRK_THREADS} threads, {result['connections']} connections, "
        f"{result['duration']} s after a {result['warmup']} s warm-up; bodies cycled: {mix}",
        "",
        f"{'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} "
        f"{'socket err':>10} {'non2xx':>6} {'restarts':>8} {'server':>6} {'wrk':>5} {'other':>5}",
        f"{run['requests']:>9} {run['requests_per_s']:>7.0f} {lat['p50']:>7.1f} "
        f"{lat['p99']:>7.1f} {lat['max']:>7.1f} {run['socket_errors']:>10} {run['non2xx']:>6} "
        f"{result['worker_restarts']:>8} {cpu['server_cores']:>6.2f} {cpu['wrk_cores']:>5.2f} "
        f"{cpu['other_cores']:>5.2f}",
        "server / wrk / other: CPU cores each used during the run",
        "",
    ]
    times = [t for t, _ in result["samples"]]
    header = "worker VmRSS (MiB)  " + " ".join(
        f"{'start' if i == 0 else f'+{t:.0f}s':>7}" for i, t in enumerate(times)
    )
    lines.append(header + f" {'growth':>8}")
    for pid, worker in result["workers"].items():
        row = " ".join(f"{sample.get(pid, float('nan')):>7.1f}" for _, sample in result["samples"])
        end = worker["end_mb"]
        growth = (
            "gone"
            if end is None
            else f"{100 * (end - worker['start_mb']) / worker['start_mb']:+.1f}%"
        )
        lines.append(f"  pid {pid:<14} {row} {growth:>8}")
    memory = result["memory"]
    processes = [memory["master"], *memory["workers"]]
    pss = [proc["pss_mb"] for proc in processes]
    if None not in pss:
        lines.append(
            f"  the whole server (master {memory['master']['rss_mb']:.1f} MiB VmRSS): "
            f"{sum(pss):.1f} MiB PSS in all, the memory it really holds (pages shared "
            "by master and workers counted once)"
        )
    ok = verdicts(result)
    errors = run["socket_errors"] + run["non2xx"]
    worst = max(
        (
            (w["end_mb"] - w["start_mb"]) / w["start_mb"]
            for w in result["workers"].values()
            if w["end_mb"]
        ),
        default=float("nan"),
    )
    lines += [
        "",
        f"targets   0 errors: {errors} -> {'met' if ok['errors'] else 'not met'}; "
        f"VmRSS growth per worker <= {TARGET_GROWTH:.0%} with no worker replaced: "
        f"{100 * worst:+.1f}% at most, {result['worker_restarts']} replaced -> "
        f"{'met' if ok['growth'] else 'not met'}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=DEFAULT_DURATION, help="seconds measured")
    parser.add_argument("--connections", type=int, default=DEFAULT_CONNECTIONS)
    parser.add_argument("--warmup", type=int, default=DEFAULT_WARMUP, help="seconds, not measured")
    parser.add_argument("--json", action="store_true", help="print the result as JSON instead")
    args = parser.parse_args(argv)
    if args.connections < load.WRK_THREADS or args.duration < 1 or args.warmup < 0:
        parser.error(f"need --connections >= {load.WRK_THREADS}, --duration >= 1, --warmup >= 0")
    result = run_soak(args.duration, args.connections, args.warmup)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print(format_report(result))
    if not all(verdicts(result).values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
