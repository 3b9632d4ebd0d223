"""Soak test of the production server: a minute under load, no errors, no memory growth.

    .venv/bin/python bench/soak.py [--duration 60] [--connections 32] [--warmup 15]
    make soak

Starts ``gunicorn --config gunicorn.conf.py app:server`` as the Dockerfile
runs it (workers and threads from gunicorn.conf.py, WEB_CONCURRENCY and
GUNICORN_THREADS honoured) on a free 127.0.0.1 port and drives it with wrk
(bench/wrk/update.lua) for ``--duration`` seconds at ``--connections``
connections, in 10 s segments, after a warm-up that is not measured.

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

Memory: each worker's VmRSS after the warm-up and after every segment;
growth = (end - start) / start, target at most 10 %. gunicorn's workers share
the listening socket and one of them may take all of wrk's keep-alive
connections, so the warm-up goes on (in 5 s rounds, each with new
connections) until every worker has served for 2 s of CPU, and every segment
opens new connections too; the table shows each worker's CPU time. Errors are
wrk's socket errors plus non-2xx answers, target 0. Prints the figures and
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
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere

import activations  # noqa: E402
from bench import load  # noqa: E402
from components import ids  # noqa: E402
from scripts.local_server import running_gunicorn  # noqa: E402

DEFAULT_DURATION = 60
DEFAULT_CONNECTIONS = 32
DEFAULT_WARMUP = 15
SAMPLE_EVERY = 10
WARMUP_ROUND = 5
#: CPU seconds each worker must have spent serving during the warm-up.
WARM_CPU_SECONDS = 2.0
#: How much longer than asked the warm-up may go on waiting for a cold worker.
MAX_EXTRA_WARMUP = 60
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


def worker_cpu(pids: Sequence[int]) -> dict[int, float]:
    """CPU seconds each worker has used so far (0 for one that is gone)."""
    found = {}
    for pid in pids:
        try:
            found[pid] = load._cpu_ticks(pid) / load.CLOCK_TICKS
        except OSError:
            found[pid] = 0.0
    return found


def warm_up(base: str, files: list[str], connections: int, seconds: int, master: int) -> int:
    """wrk rounds until ``seconds`` have passed and every worker has served for a while.

    gunicorn's workers share the listening socket, and one worker may take
    all of wrk's keep-alive connections: each round opens new ones, so that
    every worker fills its caches before its memory is read. Returns the
    rounds run.
    """
    pids = list(worker_rss(master))
    before = worker_cpu(pids)
    began = time.monotonic()
    rounds = 0
    while True:
        load.run_wrk(base, files, connections, WARMUP_ROUND)
        rounds += 1
        used = worker_cpu(pids)
        warm = all(used[pid] - before[pid] >= WARM_CPU_SECONDS for pid in pids)
        elapsed = time.monotonic() - began
        if (warm and elapsed >= seconds) or elapsed >= seconds + MAX_EXTRA_WARMUP:
            return rounds


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
    with (
        tempfile.TemporaryDirectory(prefix="soak-") as scratch,
        running_gunicorn(env, log) as server,
    ):
        base, master = server.base, server.pid
        kinds = request_bodies(base)
        files = []
        for bodies in kinds.values():
            for body in bodies:
                path = Path(scratch) / f"body{len(files)}.json"
                path.write_bytes(body)
                files.append(str(path))
        result["mix"] = {kind: len(bodies) for kind, bodies in kinds.items()}
        log(f"warm-up, {warmup} s or more at {connections} connections")
        result["warmup_rounds"] = warm_up(base, files, connections, warmup, master) if warmup else 0
        boots = load.worker_boots(server.log)
        start = worker_rss(master)
        pids = list(start)
        cpu_start = worker_cpu(pids)
        log(f"soak, {duration} s at {connections} connections")
        # In segments of SAMPLE_EVERY seconds: memory is read between them,
        # and each opens new connections (see warm_up).
        segments = []
        elapsed = 0
        with load.CpuAccount(master) as cpu:
            while elapsed < duration:
                seconds = min(SAMPLE_EVERY, duration - elapsed)
                run = load.run_wrk(base, files, connections, seconds)
                elapsed += seconds
                run["at_s"] = elapsed
                run["rss_mb"] = worker_rss(master)
                run["cpu_s"] = worker_cpu(pids)
                segments.append(run)
        result["memory"] = load.server_memory(master)
        result["cpu"] = cpu.result
        result["worker_restarts"] = load.worker_boots(server.log) - boots
        result["segments"] = segments
        result["requests"] = sum(run["requests"] for run in segments)
        result["errors"] = sum(run["socket_errors"] + run["non2xx"] for run in segments)
        end = segments[-1]["rss_mb"]
        result["workers"] = {
            pid: {
                "start_mb": rss,
                "end_mb": end.get(pid),
                "cpu_s": segments[-1]["cpu_s"][pid] - cpu_start[pid],
            }
            for pid, rss in start.items()
        }
    return result


def growth(worker: dict[str, Any]) -> float | None:
    end = worker["end_mb"]
    return None if end is None else (end - worker["start_mb"]) / worker["start_mb"]


def verdicts(result: dict[str, Any]) -> dict[str, bool]:
    growths = [growth(w) for w in result["workers"].values()]
    return {
        "errors": result["errors"] == 0,
        "growth": result["worker_restarts"] == 0
        and all(g is not None and g <= TARGET_GROWTH for g in growths),
    }


def format_report(result: dict[str, Any]) -> str:
    m, v, c, p = (result[k] for k in ("machine", "versions", "code", "production_config"))
    config, cpu = result["config"], result["cpu"]
    mix = ", ".join(f"{n} {kind}" for kind, n in result["mix"].items())
    pids = list(result["workers"])
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
        f"{result['duration']} s in {SAMPLE_EVERY} s segments after a warm-up of "
        f"{result['warmup_rounds']} x {WARMUP_ROUND} s; bodies cycled: {mix}",
        f"CPU       server {cpu['server_cores']:.2f} cores, wrk {cpu['wrk_cores']:.2f}, "
        f"everything else on the machine {cpu['other_cores']:.2f}",
        "",
        f"{'t s':>5} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} "
        f"{'errors':>6}  VmRSS MiB of each worker (pid {', '.join(map(str, pids))})",
    ]
    start = "  ".join(f"{result['workers'][pid]['start_mb']:>7.1f}" for pid in pids)
    lines.append(f"{0:>5} {'':>8} {'':>6} {'':>7} {'':>7} {'':>7} {'':>6}  {start}")
    for run in result["segments"]:
        lat = run["latency_ms"]
        rss = "  ".join(f"{run['rss_mb'].get(pid, float('nan')):>7.1f}" for pid in pids)
        lines.append(
            f"{run['at_s']:>5} {run['requests']:>8} {run['requests_per_s']:>6.0f} "
            f"{lat['p50']:>7.1f} {lat['p99']:>7.1f} {lat['max']:>7.1f} "
            f"{run['socket_errors'] + run['non2xx']:>6}  {rss}"
        )
    lines += ["", f"{'worker':>8} {'start MiB':>9} {'end MiB':>8} {'growth':>7} {'CPU s':>6}"]
    for pid, worker in result["workers"].items():
        g = growth(worker)
        end = "gone" if worker["end_mb"] is None else f"{worker['end_mb']:.1f}"
        lines.append(
            f"{pid:>8} {worker['start_mb']:>9.1f} {end:>8} "
            f"{'-' if g is None else f'{100 * g:+.1f}%':>7} {worker['cpu_s']:>6.1f}"
        )
    memory = result["memory"]
    pss = [proc["pss_mb"] for proc in (memory["master"], *memory["workers"])]
    if None not in pss:
        lines.append(
            f"master {memory['master']['rss_mb']:.1f} MiB VmRSS; master and workers together "
            f"{sum(pss):.1f} MiB PSS (shared pages counted once: what the server holds)"
        )
    ok = verdicts(result)
    growths = [g for g in map(growth, result["workers"].values()) if g is not None]
    worst = max(growths, default=float("nan"))
    lines += [
        "",
        f"targets   0 errors in {result['requests']} requests: {result['errors']} -> "
        f"{'met' if ok['errors'] else 'not met'}; VmRSS growth per worker <= "
        f"{TARGET_GROWTH:.0%}, no worker replaced: {100 * worst:+.1f}% at most, "
        f"{result['worker_restarts']} replaced -> {'met' if ok['growth'] else 'not met'}",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=DEFAULT_DURATION, help="seconds measured")
    parser.add_argument("--connections", type=int, default=DEFAULT_CONNECTIONS)
    parser.add_argument(
        "--warmup", type=int, default=DEFAULT_WARMUP, help="seconds at least, not measured"
    )
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
