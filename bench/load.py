"""Load test of the production server: explorer updates per second, latency, memory.

    .venv/bin/python bench/load.py [--duration 20] [--connections 8,32]
    WEB_CONCURRENCY=3 GUNICORN_THREADS=2 .venv/bin/python bench/load.py

Starts ``gunicorn --config gunicorn.conf.py app:server`` (the Dockerfile's
command, workers and threads as gunicorn.conf.py sets them, overridable with
the same WEB_CONCURRENCY / GUNICORN_THREADS variables) on a free 127.0.0.1
port, waits for /healthz, and drives it with wrk (2 threads, on this same
machine) at each connection count. Every request is the POST the Dash renderer
sends when a visitor switches functions at n = 1000 points (built by the app
tests' helper, with the view already on the page as the renderer reports it);
bench/wrk/update.lua alternates two such bodies (adding gelu to sigmoid, relu
and removing it again) so responses differ. Afterwards it reads the resident
memory of the gunicorn master and of each worker, and prints one table:
machine, versions, configuration, requests/s, latency percentiles, errors,
non-2xx, worker restarts, memory, and how much CPU the server, wrk and
everything else on the machine used during each run.

Figures are printed, not asserted; the targets are shown beside them. wrk
measures latency from when it sends a request, so at saturation queueing
inside a connection is not counted (coordinated omission): read p99 together
with requests/s.

The functions return plain dicts, so other scripts can import and reuse them:
``run_load(duration=5, connections=(8,))``. Needs the dev requirements (the
request comes from tests/app/conftest.py: `bash scripts/bootstrap.sh dev`) and
Debian's ``wrk``, installed with apt-get when missing and running as root.
GUNICORN_CMD_ARGS (e.g. "--max-requests 0") is passed through and shown.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere

from components import ids  # noqa: E402
from scripts.local_server import running_gunicorn  # noqa: E402

WRK_SCRIPT = ROOT / "bench" / "wrk" / "update.lua"
UPDATE_PATH = "/_dash-update-component"
WRK_THREADS = 2
WRK_TIMEOUT = "5s"
DEFAULT_DURATION = 20
DEFAULT_CONNECTIONS = (8, 32)
DEFAULT_WARMUP = 2
POINTS = 1000
# The two views the requests alternate between: a visitor adding and removing GELU.
VIEWS = (("sigmoid", "relu"), ("sigmoid", "relu", "gelu"))

TARGET_RPS = 1000
TARGET_P99_MS = 60
TARGET_WORKER_MB = 150

MEMORY_SAMPLE_SECONDS = 0.5
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024


def log(message: str) -> None:
    print(f"load: {message}", file=sys.stderr, flush=True)


# --- set-up ------------------------------------------------------------------


def ensure_wrk() -> str:
    """Path of wrk; apt-get installs Debian's package when missing and root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(
            "wrk not found: install it with `apt-get install -y --no-install-recommends wrk` "
            "(as root) and run again"
        )
    log("installing wrk with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(install, env=env, check=False).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, check=True)
        subprocess.run(install, env=env, check=True)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("apt-get installed wrk but it is not on PATH")
    return found


def server_env(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The environment gunicorn runs with: ours, plus any overrides (e.g. WEB_CONCURRENCY)."""
    return dict(os.environ, **(overrides or {}))


def gunicorn_settings(env: dict[str, str]) -> dict[str, Any]:
    """workers, threads, ... as gunicorn.conf.py resolves them under ``env``."""
    code = (
        "import json, runpy; c = runpy.run_path('gunicorn.conf.py'); "
        "print(json.dumps({k: c.get(k) for k in ('workers', 'threads', 'worker_class', "
        "'preload_app', 'max_requests', 'max_requests_jitter', 'keepalive', 'accesslog')}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    settings: dict[str, Any] = json.loads(out.stdout)
    # gunicorn applies these over the config file (e.g. "--max-requests 0").
    settings["cmd_args"] = env.get("GUNICORN_CMD_ARGS", "")
    return settings


# --- the server ----------------------------------------------------------------


def worker_boots(server_log: IO[bytes]) -> int:
    """How many times gunicorn has booted a worker so far (from its log)."""
    server_log.flush()
    server_log.seek(0)
    return server_log.read().count(b"Booting worker with pid")


# --- the request ----------------------------------------------------------------


class _Answer:
    def __init__(self, data: Any) -> None:
        self._data = data

    def get_json(self) -> Any:
        return self._data


class HttpClient:
    """Just enough of Flask's test client, over HTTP, for the tests' body builder."""

    def __init__(self, base: str) -> None:
        self.base = base

    def get(self, path: str) -> _Answer:
        with urllib.request.urlopen(f"{self.base}{path}", timeout=10) as response:
            return _Answer(json.load(response))

    def post_json(self, path: str, body: bytes) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{self.base}{path}", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer: dict[str, Any] = json.load(response)
            return answer


def view_update_body(
    client: HttpClient, functions: Sequence[str], shown: str | None = None
) -> dict[str, Any]:
    """The JSON the renderer POSTs when a visitor changes the explorer's functions.

    Built by the helper the app tests use (tests/app/conftest.py), which keeps
    up with the callback's inputs and states; ``shown`` is the query of the view
    already on the page (None: the page knows of none, so everything is sent).
    Other controls hold the page's defaults, the numbers table closed.
    """
    try:
        from tests.app.conftest import view_callback_body
    except ImportError as error:
        raise SystemExit(
            f"cannot import the request builder ({error}): run `bash scripts/bootstrap.sh dev`"
        ) from None
    body: dict[str, Any] = view_callback_body(
        client,
        f"{ids.FUNCTIONS}.value",
        functions=list(functions),
        points=POINTS,
        shown=shown,
        table_open=0,  # the summary never clicked: the table is closed
    )
    return body


def _shown_query(answer: dict[str, Any]) -> str | None:
    query = answer.get("response", {}).get(ids.QUERY_STORE, {}).get("data")
    return query if isinstance(query, str) else None


def update_bodies(base: str) -> list[bytes]:
    """The request bodies wrk sends, encoded, each checked once against the server.

    As in a browser: each view is first rendered whole, and the query it leaves
    on the page goes with the next request, so adding or removing a function
    is answered as the page would get it (only what changed, where the app
    supports that).
    """
    client = HttpClient(base)
    shown = []
    for view in VIEWS:
        full = json.dumps(view_update_body(client, view)).encode("utf-8")
        shown.append(_shown_query(client.post_json(UPDATE_PATH, full)))
    # Each body switches from the other view to its own: A <- B, B <- A.
    bodies = [
        json.dumps(view_update_body(client, view, shown[(i + 1) % len(VIEWS)])).encode("utf-8")
        for i, view in enumerate(VIEWS)
    ]
    answers = [client.post_json(UPDATE_PATH, body) for body in bodies]
    for answer, query in zip(answers, shown, strict=True):
        if ids.GRAPH not in answer.get("response", {}):
            raise SystemExit("the update request did not update the graph")
        if query is not None and _shown_query(answer) not in (None, query):
            raise SystemExit("the update request was answered with another view")
    if answers[0] == answers[1]:
        raise SystemExit("both request bodies got the same answer: they would not alternate")
    return bodies


# --- measuring ------------------------------------------------------------------


def _read_status(pid: int) -> dict[str, str]:
    fields = {}
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def _kb_field(value: str) -> float:
    return int(value.split()[0]) * 1024 / MIB


def _pss_mb(pid: int) -> float | None:
    with contextlib.suppress(OSError), open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024 / MIB
    return None


def process_memory(pid: int) -> dict[str, Any]:
    """VmRSS (and PSS, the share of pages also mapped by others) of one process, MiB."""
    status = _read_status(pid)
    return {
        "pid": pid,
        "rss_mb": _kb_field(status["VmRSS"]),
        "pss_mb": _pss_mb(pid),
        "threads": int(status["Threads"]),
        "age_s": round(_age_seconds(pid), 1),
    }


def _age_seconds(pid: int) -> float:
    # Field 22, starttime, in clock ticks since boot; a young worker was recycled.
    started = int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[19])
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - started / CLOCK_TICKS


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = Path(f"/proc/{entry}/stat").read_text()
            # Field 4 is the parent pid; the command name (field 2) may hold spaces.
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def server_memory(master_pid: int) -> dict[str, Any]:
    """Resident memory of the gunicorn master and of each of its workers."""
    workers = []
    for pid in children_of(master_pid):
        with contextlib.suppress(OSError, KeyError):
            workers.append(process_memory(pid))
    return {"master": process_memory(master_pid), "workers": workers}


class MemorySampler:
    """Highest VmRSS seen per worker while a load runs (workers are recycled)."""

    def __init__(self, master_pid: int) -> None:
        self.master_pid = master_pid
        self.peak_worker_mb = 0.0
        self.peak_total_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(MEMORY_SAMPLE_SECONDS):
            with contextlib.suppress(OSError, KeyError):
                memory = server_memory(self.master_pid)
                rss = [w["rss_mb"] for w in memory["workers"]]
                self.peak_worker_mb = max([self.peak_worker_mb, *rss])
                total = memory["master"]["rss_mb"] + sum(rss)
                self.peak_total_mb = max(self.peak_total_mb, total)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu_ticks(pid: int, with_children: bool = False) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    # After the name: state is fields[0], utime fields[11], stime [12], cutime [13], cstime [14].
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks


def _all_process_ticks() -> dict[int, tuple[str, int]]:
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                name = stat[stat.index("(") + 1 : stat.rindex(")")]
                found[int(entry)] = (name, _cpu_ticks(int(entry)))
    return found


def _busy_ticks() -> int:
    with open("/proc/stat", encoding="utf-8") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal (guest is inside user)
    return sum(values[:3]) + sum(values[5:8])


class CpuAccount:
    """CPU used during a run by the server, by wrk, and by everything else, in cores."""

    def __init__(self, master_pid: int) -> None:
        self.master_pid = master_pid

    def _server_ticks(self) -> int:
        # Recycled workers' time lands in the master's cutime/cstime once reaped.
        ticks = _cpu_ticks(self.master_pid, with_children=True)
        for pid in children_of(self.master_pid):
            with contextlib.suppress(OSError):
                ticks += _cpu_ticks(pid)
        return ticks

    def __enter__(self) -> CpuAccount:
        self._start = time.monotonic()
        self._busy = _busy_ticks()
        self._server = self._server_ticks()
        self._procs = _all_process_ticks()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        self._children = usage.ru_utime + usage.ru_stime
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.monotonic() - self._start
        busy = (_busy_ticks() - self._busy) / CLOCK_TICKS
        server = (self._server_ticks() - self._server) / CLOCK_TICKS
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        wrk = usage.ru_utime + usage.ru_stime - self._children  # wrk is our only child reaped
        ours = {self.master_pid, os.getpid(), *children_of(self.master_pid)}
        by_name: dict[str, list[float]] = {}
        for pid, (name, ticks) in _all_process_ticks().items():
            if pid in ours:
                continue
            before = self._procs.get(pid)
            # A process started during the run (or a reused pid) spent all its time in it.
            start = before[1] if before is not None and before[0] == name else 0
            used = (ticks - start) / CLOCK_TICKS
            if used > 0:
                by_name.setdefault(name, []).append(used)
        others: list[dict[str, Any]] = [
            {"name": name, "processes": len(used), "cores": round(sum(used) / wall, 2)}
            for name, used in by_name.items()
        ]
        others.sort(key=lambda o: -o["cores"])
        self.result: dict[str, Any] = {
            "wall_s": round(wall, 2),
            "server_cpu_s": round(server, 2),
            "server_cores": round(server / wall, 2),
            "wrk_cores": round(wrk / wall, 2),
            "other_cores": round(max(busy - server - wrk, 0.0) / wall, 2),
            # Processes that ended during the run are in other_cores but not here.
            "top_others": others[:4],
        }


def run_wrk(
    base: str, body_files: Sequence[str], connections: int, duration: int
) -> dict[str, Any]:
    """One wrk run against /_dash-update-component; figures in requests/s and ms."""
    command = [
        ensure_wrk(),
        f"-t{WRK_THREADS}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={WRK_TIMEOUT}",
        "-s",
        str(WRK_SCRIPT),
        base,
        "--",
        *body_files,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    match = re.search(r"^WRK_JSON (\{.*\})$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not match:
        raise SystemExit(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    raw = json.loads(match.group(1))
    errors = raw["errors"]
    seconds = raw["duration_us"] / 1e6
    latency = {k: v / 1000 for k, v in raw["latency_us"].items()}
    return {
        "connections": connections,
        "threads": WRK_THREADS,
        "duration_s": round(seconds, 2),
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / seconds, 1),
        "latency_ms": {k: round(v, 2) for k, v in latency.items()},
        "socket_errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        "errors": errors,
        "non2xx": raw["non2xx"],
        "mean_response_kb": round(raw["bytes"] / max(raw["requests"], 1) / 1024, 1),
        "wrk_summary": done.stdout.split("WRK_JSON", 1)[0].strip(),
    }


# --- context --------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    memory_gb = None
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024**2, 1)
    return {
        "cpu": model,
        "cores": len(os.sched_getaffinity(0)),
        "memory_gb": memory_gb,
        "kernel": platform.release(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def code_version() -> str:
    """The commit measured, and whether the working tree differs from it."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return "unknown (not a git checkout)"
    changed = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench", ":!docs"],
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    suffix = f" + local changes in {len(changed)} files" if changed else ""
    return head.stdout.strip() + suffix


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("gunicorn", "dash", "flask", "plotly", "numpy"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = "missing"
    wrk = subprocess.run([ensure_wrk(), "-v"], capture_output=True, text=True, check=False)
    found["wrk"] = (wrk.stdout + wrk.stderr).split()[1]
    return found


# --- the whole run ----------------------------------------------------------------


def run_load(
    duration: int = DEFAULT_DURATION,
    connections: Sequence[int] = DEFAULT_CONNECTIONS,
    warmup: int = DEFAULT_WARMUP,
    env_overrides: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Start the production server, load it at each connection count, measure memory."""
    ensure_wrk()
    env = server_env(env_overrides)
    result: dict[str, Any] = {
        "machine": machine(),
        "versions": versions(),
        "code": code_version(),
        "config": gunicorn_settings(env),
        "runs": [],
    }
    with (
        tempfile.TemporaryDirectory(prefix="load-") as scratch,
        running_gunicorn(env, log) as server,
    ):
        body_files = []
        for i, body in enumerate(update_bodies(server.base)):
            path = Path(scratch) / f"body{i}.json"
            path.write_bytes(body)
            body_files.append(str(path))
        result["request"] = {
            "path": UPDATE_PATH,
            "views": [",".join(v) for v in VIEWS],
            "points": POINTS,
            "body_bytes": [Path(p).stat().st_size for p in body_files],
        }
        if warmup:
            log(f"warm-up, {warmup} s")
            run_wrk(server.base, body_files, min(connections), warmup)
        boots = worker_boots(server.log)
        for count in connections:
            log(f"{count} connections, {duration} s")
            with CpuAccount(server.pid) as cpu, MemorySampler(server.pid) as sampler:
                run = run_wrk(server.base, body_files, count, duration)
            run["cpu"] = cpu.result
            # Robust to other load on the machine, unlike requests/s.
            run["server_cpu_ms_per_request"] = round(
                1000 * cpu.result["server_cpu_s"] / max(run["requests"], 1), 2
            )
            run["peak_worker_rss_mb"] = round(sampler.peak_worker_mb, 1)
            now = worker_boots(server.log)
            run["worker_restarts"] = now - boots
            boots = now
            result["runs"].append(run)
        result["memory"] = server_memory(server.pid)
    return result


def _fmt_mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def format_report(result: dict[str, Any]) -> str:
    m, v, c = result["machine"], result["versions"], result["config"]
    lines = [
        f"machine   {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GiB, "
        f"Linux {m['kernel']}, load average before {m['load_average']}",
        "versions  " + ", ".join(f"{k} {val}" for k, val in v.items()),
        f"code      {result['code']}",
        f"config    gunicorn --config gunicorn.conf.py app:server: {c['workers']} workers x "
        f"{c['threads']} threads ({c['worker_class']}), preload_app={c['preload_app']}, "
        f"max_requests={c['max_requests']}+{c['max_requests_jitter']}, "
        f"access log {c['accesslog']!r}"
        + (f", GUNICORN_CMD_ARGS={c['cmd_args']!r}" if c.get("cmd_args") else ""),
        f"request   POST {result['request']['path']}, functions switched between "
        f"{' / '.join(result['request']['views'])} at n={result['request']['points']}; "
        f"wrk {WRK_THREADS} threads on the same machine",
        "",
        f"{'conns':>5} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} "
        f"{'errors':>6} {'non2xx':>6} {'resp KiB':>8} {'restarts':>8} "
        f"{'server':>6} {'wrk':>5} {'other':>5} {'CPU ms/req':>10}",
    ]
    for run in result["runs"]:
        lat, cpu = run["latency_ms"], run["cpu"]
        lines.append(
            f"{run['connections']:>5} {run['requests_per_s']:>8.0f} {lat['p50']:>7.1f} "
            f"{lat['p90']:>7.1f} {lat['p99']:>7.1f} {lat['max']:>7.1f} "
            f"{run['socket_errors']:>6} {run['non2xx']:>6} {run['mean_response_kb']:>8.1f} "
            f"{run['worker_restarts']:>8} {cpu['server_cores']:>6.2f} {cpu['wrk_cores']:>5.2f} "
            f"{cpu['other_cores']:>5.2f} {run['server_cpu_ms_per_request']:>10.2f}"
        )
    lines += [
        "server / wrk / other: CPU cores each used during the run; CPU ms/req: the server's",
        "CPU time per request, which other load on the machine does not change much.",
    ]
    for run in result["runs"]:
        per_request = run["server_cpu_ms_per_request"]
        if per_request > 0:
            ceiling = 1000 * m["cores"] / per_request
            lines.append(
                f"  at {run['connections']} conns: {per_request:.2f} ms/request -> at most "
                f"~{ceiling:.0f} req/s with all {m['cores']} cores for the server alone"
            )
    lines.append("")
    for run in result["runs"]:
        others = ", ".join(
            f"{o['name']} x{o['processes']} {o['cores']:.2f}" for o in run["cpu"]["top_others"]
        )
        lines.append(
            f"at {run['connections']} conns, busiest others still running: {others or 'none'}"
        )
    memory = result["memory"]
    lines += [
        "",
        "memory after the runs (MiB)   VmRSS    PSS  threads  age s",
    ]
    for role, proc in [("master", memory["master"])] + [("worker", w) for w in memory["workers"]]:
        lines.append(
            f"  {role}  pid {proc['pid']:<8}     {proc['rss_mb']:>6.1f} "
            f"{_fmt_mb(proc['pss_mb']):>6} {proc['threads']:>8} {proc['age_s']:>6.0f}"
        )
    peak = max((run["peak_worker_rss_mb"] for run in result["runs"]), default=0.0)
    lines.append(
        f"  highest worker VmRSS seen during the runs: {peak:.1f} (workers are recycled "
        f"after max_requests, so one read after the runs may be of a young worker)"
    )
    worst_worker = max((w["rss_mb"] for w in memory["workers"]), default=0.0)
    lines += [
        "",
        f"targets   >= {TARGET_RPS} req/s at p99 <= {TARGET_P99_MS} ms with 0 errors; "
        f"<= {TARGET_WORKER_MB} MB resident per worker",
    ]
    for run in result["runs"]:
        ok = (
            run["requests_per_s"] >= TARGET_RPS
            and run["latency_ms"]["p99"] <= TARGET_P99_MS
            and run["socket_errors"] == 0
            and run["non2xx"] == 0
        )
        lines.append(
            f"  {run['connections']:>3} conns: {run['requests_per_s']:.0f} req/s, "
            f"p99 {run['latency_ms']['p99']:.1f} ms, "
            f"{run['socket_errors'] + run['non2xx']} errors -> {'met' if ok else 'not met'}"
        )
    memory_ok = max(worst_worker, peak) * MIB / 1e6 <= TARGET_WORKER_MB
    lines.append(
        f"  worker memory: {max(worst_worker, peak) * MIB / 1e6:.0f} MB highest VmRSS "
        f"-> {'met' if memory_ok else 'not met'}"
    )
    return "\n".join(lines)


def _connection_counts(text: str) -> tuple[int, ...]:
    try:
        counts = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected e.g. 8,32, got {text!r}") from None
    if not counts or min(counts) < WRK_THREADS:
        raise argparse.ArgumentTypeError(f"each count must be at least {WRK_THREADS}")
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=DEFAULT_DURATION, help="seconds per run")
    parser.add_argument(
        "--connections",
        type=_connection_counts,
        default=DEFAULT_CONNECTIONS,
        help="comma-separated connection counts (default 8,32)",
    )
    parser.add_argument("--warmup", type=int, default=DEFAULT_WARMUP, help="seconds, not reported")
    parser.add_argument("--json", action="store_true", help="print the result as JSON instead")
    args = parser.parse_args(argv)
    result = run_load(args.duration, args.connections, args.warmup)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_report(result))


if __name__ == "__main__":
    main()
