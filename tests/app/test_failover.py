"""Failover through nginx: two replicas behind deploy/nginx/nginx.conf, one killed mid-run.

Two gunicorn replicas of the app (``gunicorn --config gunicorn.conf.py
app:server``, one worker each) serve behind Debian's nginx running the
repository's configuration, rendered for this machine (two local upstreams, a
free port on 127.0.0.1, scratch paths). A few client threads send explorer
updates and gradient-lab training chunks through nginx for ~10 s; half-way,
one replica is stopped (SIGSTOP, so requests are certainly in flight on it)
and then killed (SIGKILL to its process group). Every request must still be
answered 200 with exactly the answer a replica gives it directly: the app is
stateless, so nginx may retry any request, POSTs included, on the survivor.

nginx comes from Debian's ``nginx`` package; when it is missing, the test
installs it with apt-get if it runs as root, and fails otherwise.
"""

from __future__ import annotations

import contextlib
import copy
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest

from components import ids
from components.gradients_lab import (
    GradientsView,
    TrainingQuery,
    chunk_epochs,
    runs_from_store,
)
from components.i18n import translator
from components.pages import gradients as page
from networks import limits
from networks.state_json import state_to_json
from networks.training import chunk_epoch_limit, new_state, train_chunk
from tests.app.conftest import view_callback_body

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx" / "nginx.conf"
UPDATE = "/_dash-update-component"
START_TIMEOUT = 60.0
CLIENTS = 4
RUN_SECONDS = 10.0
KILL_AT = 4.5
FREEZE_SECONDS = 1.0
POINTS = 1000
VIEWS = (("sigmoid", "relu"), ("sigmoid", "relu", "gelu"))


# --- nginx ---------------------------------------------------------------------------


def nginx_binary() -> str:
    """Debian's nginx; installed with apt-get when missing and running as root."""
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.fail(
            "the failover test needs Debian's nginx: `apt-get install -y --no-install-recommends "
            "nginx` (as root), or run the tests as root to have it installed"
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=True)
        subprocess.run(install, env=env, capture_output=True, check=True)
    return "/usr/sbin/nginx"


def render_nginx_conf(text: str, listen_port: int, upstream_ports: list[int], scratch: Path) -> str:
    """The repository's configuration for local replicas; nothing else changes.

    The upstream's one ``server`` line becomes one line per local replica with
    the same parameters (except ``resolve``, which needs a name); ``listen``
    takes a free port on 127.0.0.1; every path under /tmp/ moves to ``scratch``.
    """
    upstream = re.search(r"^\s*upstream app \{.*?^\s*\}", text, re.MULTILINE | re.DOTALL)
    assert upstream, "nginx.conf has no `upstream app { ... }` block"
    servers = re.findall(r"^(\s*)server\s+(\S+)([^;]*);", upstream.group(0), re.MULTILINE)
    assert len(servers) == 1, f"expected one server line in the upstream, found {servers}"
    indent, _, params = servers[0]
    params = " ".join(p for p in params.split() if p != "resolve")
    lines = "".join(f"{indent}server 127.0.0.1:{port} {params};\n" for port in upstream_ports)
    block = re.sub(r"^\s*server\s+\S+[^;]*;\n", lines, upstream.group(0), flags=re.MULTILINE)
    text = text.replace(upstream.group(0), block)
    text, listens = re.subn(
        r"^(\s*)listen\s+\S+;", rf"\g<1>listen 127.0.0.1:{listen_port};", text, flags=re.MULTILINE
    )
    assert listens == 1, f"expected one listen line, found {listens}"
    return text.replace("/tmp/", f"{scratch}/")


def nginx_directive_bytes(text: str, name: str) -> int:
    """A size directive's value in bytes (``2m``, ``256k``, ``1048576``)."""
    match = re.search(rf"^\s*{name}\s+(\d+)([kKmMgG]?);", text, re.MULTILINE)
    assert match, f"nginx.conf sets no {name}"
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[match.group(2).lower()]
    return int(match.group(1)) * scale


# --- processes -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def gunicorn_binary() -> str:
    for candidate in (Path(sys.executable).with_name("gunicorn"), ROOT / ".venv/bin/gunicorn"):
        if candidate.exists():
            return str(candidate)
    pytest.fail("gunicorn not found: run `bash scripts/bootstrap.sh dev`")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: IO[bytes]
    port: int

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")


def stop(process: Process, sig: int = signal.SIGTERM) -> None:
    """Stop the whole process group; SIGKILL if it takes more than 20 s."""
    if process.popen.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.popen.pid, sig)
        try:
            process.popen.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.popen.pid, signal.SIGKILL)
            process.popen.wait(timeout=5)


def wait_healthy(process: Process, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            pytest.fail(f"{process.name} exited during startup:\n{process.output()[-3000:]}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            try:
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            finally:
                connection.close()
        time.sleep(0.2)
    pytest.fail(f"{process.name} did not answer /healthz within {START_TIMEOUT:.0f} s")


@contextlib.contextmanager
def replicas(scratch: Path, count: int) -> Iterator[list[Process]]:
    """``count`` gunicorn replicas of the production setup, one worker each."""
    started: list[Process] = []
    try:
        for index in range(count):
            port = free_port()
            log = open(scratch / f"replica{index}.log", "w+b")  # noqa: SIM115 (closed below)
            popen = subprocess.Popen(
                [gunicorn_binary(), "--config", "gunicorn.conf.py", "app:server"],
                cwd=ROOT,
                env=dict(os.environ, BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1"),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: master and worker
            )
            started.append(Process(f"replica {index}", popen, log, port))
        yield started
    finally:
        for process in started:
            stop(process)
            process.log.close()


@contextlib.contextmanager
def nginx(scratch: Path, upstream_ports: list[int]) -> Iterator[Process]:
    """Debian's nginx in the foreground with the rendered configuration."""
    binary = nginx_binary()
    port = free_port()
    conf = scratch / "nginx.conf"
    conf.write_text(render_nginx_conf(NGINX_CONF.read_text(), port, upstream_ports, scratch))
    command = [binary, "-p", f"{scratch}/", "-c", str(conf), "-e", str(scratch / "startup.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, f"nginx -t refused the configuration:\n{checked.stderr}"
    log = open(scratch / "nginx.log", "w+b")  # noqa: SIM115 (closed below)
    popen = subprocess.Popen(
        [*command, "-g", "daemon off;"],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process = Process("nginx", popen, log, port)
    try:
        wait_healthy(process, port)
        yield process
    finally:
        stop(process, signal.SIGQUIT)  # graceful: finishes the log
        log.close()


# --- requests ----------------------------------------------------------------------------


class Client:
    """One keep-alive connection, as a browser tab has; answers decoded from gzip."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        rid: str = "",
        encoding: str = "gzip",
    ) -> tuple[int, Any]:
        headers = {"Accept-Encoding": encoding, "Content-Type": "application/json"}
        if rid:
            headers["X-Request-ID"] = rid
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if response.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        if response.status != 200:
            return response.status, data.decode(errors="replace")
        return response.status, json.loads(data)

    def post(self, body: bytes, rid: str = "", encoding: str = "gzip") -> Any:
        status, answer = self.request("POST", UPDATE, body, rid, encoding)
        assert status == 200, f"POST {UPDATE} answered {status}"
        return answer

    def get(self, path: str) -> Any:
        status, answer = self.request("GET", path)
        assert status == 200, f"GET {path} answered {status}"
        return answer

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class _JsonAnswer:
    def __init__(self, data: Any) -> None:
        self.data = data

    def get_json(self) -> Any:
        return self.data


class ConftestClient:
    """Just enough of Flask's test client for tests/app/conftest.py's body builder."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, path: str) -> _JsonAnswer:
        return _JsonAnswer(self.client.get(path))


def encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body).encode("utf-8")


def explorer_bodies(client: Client) -> list[bytes]:
    """Switching functions A -> B and B -> A, with the other view already on the page."""
    builder = ConftestClient(client)

    def body(view: tuple[str, ...], shown: str | None) -> dict[str, Any]:
        return view_callback_body(
            builder,
            f"{ids.FUNCTIONS}.value",
            functions=list(view),
            points=POINTS,
            shown=shown,
            table_open=0,  # the page starts with 0 clicks: the table closed
        )

    shown = []
    for view in VIEWS:
        answer = client.post(encode(body(view, None)))
        shown.append(answer["response"][ids.QUERY_STORE]["data"])
    return [encode(body(view, shown[(i + 1) % len(VIEWS)])) for i, view in enumerate(VIEWS)]


def training_callback(dependencies: list[dict[str, Any]]) -> dict[str, Any]:
    (callback,) = [c for c in dependencies if f"..{page.Ids.STORE}.data..." in c["output"]]
    return callback


def training_body(callback: dict[str, Any], changed: str, values: dict[str, Any]) -> dict[str, Any]:
    """The renderer's POST for the training callback, shaped by /_dash-dependencies.

    ``values`` maps "component.property" to its value; ``changed`` is the one
    that triggered.
    """
    outputs = [
        dict(zip(("id", "property"), item.rsplit(".", 1), strict=True))
        for item in callback["output"].strip(".").split("...")
    ]

    def with_values(items: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [item | {"value": values[f"{item['id']}.{item['property']}"]} for item in items]

    return {
        "output": callback["output"],
        "outputs": outputs,
        "inputs": with_values(callback["inputs"]),
        "changedPropIds": [changed],
        "state": with_values(callback["state"]),
    }


def training_values(query: TrainingQuery | None = None) -> dict[str, Any]:
    """The page's training controls for ``query`` (default: as the page opens), no clicks."""
    view = GradientsView() if query is None else GradientsView(training=query)
    shown = page.control_values(view)
    by_component = {component: shown[key] for key, component in page.PAGE_CONTROLS.items()}
    values = {
        f"{component}.value": by_component[component] for component in page.TRAIN_CONTROLS.values()
    }
    return values | {
        f"{page.Ids.START}.n_clicks": None,
        f"{page.Ids.PAUSE}.n_clicks": None,
        f"{page.Ids.RESET}.n_clicks": None,
        f"{page.Ids.INTERVAL}.n_intervals": 0,
        f"{ids.DISPLAY_STORE}.data": {"theme": "light", "large": False},
        f"{page.Ids.STORE}.data": None,
        f"{page.Ids.INTERVAL}.disabled": True,
        f"{ids.LANG_STORE}.data": "en",
    }


def epochs_of(answer: Any) -> list[int]:
    return [run.epoch for run in runs_from_store(answer["response"][page.Ids.STORE]["data"])]


def training_bodies(client: Client) -> tuple[list[bytes], int]:
    """Start (the first chunk from epoch 0) and a tick (the second chunk), as the page sends them.

    The runs at epoch 0 come from the server (Reset); the tick carries the
    runs that the real first chunk returned. Returns the bodies and the epochs
    a chunk trains.
    """
    callback = training_callback(client.get("/_dash-dependencies"))
    values = training_values()
    reset = training_body(
        callback, f"{page.Ids.RESET}.n_clicks", values | {f"{page.Ids.RESET}.n_clicks": 1}
    )
    fresh = client.post(encode(reset))["response"][page.Ids.STORE]["data"]
    values[f"{page.Ids.STORE}.data"] = fresh
    values[f"{page.Ids.START}.n_clicks"] = 1
    start = training_body(callback, f"{page.Ids.START}.n_clicks", values)
    first = client.post(encode(start))
    chunk = epochs_of(first)[0]
    assert chunk > 0 and epochs_of(first) == [chunk] * len(epochs_of(first))
    values[f"{page.Ids.STORE}.data"] = first["response"][page.Ids.STORE]["data"]
    values[f"{page.Ids.INTERVAL}.disabled"] = False
    values[f"{page.Ids.INTERVAL}.n_intervals"] = 1
    tick = training_body(callback, f"{page.Ids.INTERVAL}.n_intervals", values)
    assert epochs_of(client.post(encode(tick))) == [2 * chunk] * len(epochs_of(first))
    return [encode(start), encode(tick)], chunk


def largest_training_bodies(client: Client) -> tuple[bytes, bytes]:
    """Ticks carrying the largest runs the page can hold: the last chunk, and after it.

    Three activations at the largest settings (spiral, 400 points, depth 6,
    width 32, Adam, full batch). The first tick carries them one chunk short
    of MAX_EPOCHS (its answer carries them at MAX_EPOCHS: the largest answer);
    the second carries them at MAX_EPOCHS (the largest request). One run is
    trained for real; the other two are the same state under other
    activations' names (a state's size does not depend on its activation).
    """
    query = TrainingQuery(
        functions=("relu", "tanh", "softsign"),
        dataset="spiral",
        points=limits.POINTS.high,
        depth=limits.TRAIN_DEPTH.high,
        width=limits.TRAIN_WIDTH.high,
        optimiser="adam",
        learning_rate=0.01,
        epochs=limits.MAX_EPOCHS,
    )
    callback = training_callback(client.get("/_dash-dependencies"))
    state = new_state(query.config(query.functions[0]))
    step = chunk_epoch_limit(state.config)
    bodies = []
    # The server's chunk for the three runs together: one request trains them all.
    for target in (limits.MAX_EPOCHS - chunk_epochs(query.configs()), limits.MAX_EPOCHS):
        while state.epoch < target:
            state = train_chunk(state, min(step, target - state.epoch))
        run = state_to_json(state)
        runs = []
        for name in query.functions:
            clone = copy.deepcopy(run)
            clone["config"]["activation"] = name
            runs.append(clone)
        values = training_values(query)
        values[f"{page.Ids.STORE}.data"] = {"runs": runs}
        values[f"{page.Ids.INTERVAL}.disabled"] = False
        values[f"{page.Ids.INTERVAL}.n_intervals"] = 1
        body = training_body(callback, f"{page.Ids.INTERVAL}.n_intervals", values)
        bodies.append(encode(body))
    return bodies[0], bodies[1]


# --- the run -------------------------------------------------------------------------------


@dataclass
class Sent:
    rid: str
    kind: str
    started: float
    ended: float = 0.0
    problem: str = ""


@dataclass
class Drive:
    """Client threads sending the bodies round-robin until ``stop`` is set."""

    port: int
    bodies: list[tuple[str, bytes, Any]]
    sent: list[Sent] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def client(self, number: int) -> None:
        client = Client(self.port)
        count = 0
        while not self.stop.is_set():
            kind, body, expected = self.bodies[(number + count) % len(self.bodies)]
            record = Sent(f"failover-{number}-{count}", kind, time.monotonic())
            count += 1
            try:
                status, answer = client.request("POST", UPDATE, body, record.rid)
                if status != 200:
                    record.problem = f"HTTP {status}"
                elif answer != expected:
                    record.problem = "an answer other than the replicas' own"
            except (OSError, http.client.HTTPException, ValueError) as error:
                record.problem = f"{type(error).__name__}: {error}"
            record.ended = time.monotonic()
            with self.lock:
                self.sent.append(record)
        client.close()

    def run(self, seconds: float, at: float, action: Any) -> None:
        threads = [threading.Thread(target=self.client, args=(i,)) for i in range(CLIENTS)]
        begun = time.monotonic()
        for thread in threads:
            thread.start()
        try:
            time.sleep(max(0.0, begun + at - time.monotonic()))
            action()
            time.sleep(max(0.0, begun + seconds - time.monotonic()))
        finally:
            self.stop.set()
            for thread in threads:
                thread.join(timeout=60)


def access_log(text: str) -> dict[str, tuple[list[str], list[str], str]]:
    """rid -> (replicas tried in order, their statuses, nginx's status), from the access log."""
    found = {}
    pattern = re.compile(
        r'"POST \S+ [^"]*" (\d{3}) .* upstream=(.*) ustatus=(.*) urt=.* rid=(failover-\S+)$'
    )
    for line in text.splitlines():
        match = pattern.search(line)
        if match:
            status, tried, statuses, rid = match.groups()
            found[rid] = (tried.split(", "), statuses.split(", "), status)
    return found


@dataclass
class Cluster:
    replicas: list[Process]
    proxy: Process


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """Two replicas behind nginx; a test may kill a replica (the other one stays)."""
    # nginx's workers drop root's rights (to nobody) and write their temporary
    # files under the scratch directory, so it must be open to them: not under
    # pytest's own temporary directories, which only their owner may enter.
    scratch = Path(tempfile.mkdtemp(prefix="failover-"))
    scratch.chmod(0o755)
    try:
        with replicas(scratch, 2) as started:
            nginx_binary()  # installed, if it must be, while the replicas start
            for replica in started:
                wait_healthy(replica, replica.port)
            with nginx(scratch, [r.port for r in started]) as proxy:
                yield Cluster(started, proxy)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_the_proxy_admits_what_the_app_admits(dash_app):
    limit = nginx_directive_bytes(NGINX_CONF.read_text(), "client_max_body_size")
    app_limit = dash_app.server.config.get("MAX_CONTENT_LENGTH")
    # Over the limit both answer 413; under it nginx must pass everything on.
    assert app_limit is None or limit == app_limit


def test_the_largest_training_requests_and_answers_pass_the_proxy(cluster):
    front = Client(cluster.proxy.port)
    last_chunk, largest = largest_training_bodies(front)
    limit = nginx_directive_bytes(NGINX_CONF.read_text(), "client_max_body_size")
    assert len(largest) <= limit, (
        f"the largest training request ({len(largest)} bytes) is over nginx's "
        f"client_max_body_size ({limit} bytes)"
    )
    # The last chunk is trained and the runs come back whole: the largest answer,
    # ~1 MB with gzip, 1.6 MB uncompressed (more than nginx buffers in memory).
    for encoding in ("gzip", "identity"):
        answer = front.post(last_chunk, encoding=encoding)
        assert epochs_of(answer) == [limits.MAX_EPOCHS] * 3
    # At MAX_EPOCHS the runs are checked and kept as they are.
    done = front.post(largest)["response"]
    front.close()
    assert done[page.Ids.COUNTER]["children"] == page.counter_text(
        translator("en"), limits.MAX_EPOCHS, limits.MAX_EPOCHS
    ), "the largest training request was not taken as the runs it carries"
    assert page.Ids.STORE not in done


def test_no_request_is_lost_when_a_replica_dies(cluster):
    one, two = cluster.replicas
    assert one.popen.poll() is None and two.popen.poll() is None
    front = Client(cluster.proxy.port)
    explorer = explorer_bodies(front)
    training, chunk = training_bodies(front)
    front.close()
    # Every replica gives the same answer to the same request: any may serve it.
    bodies = []
    for kind, group in (("explorer", explorer), ("training", training)):
        for body in group:
            direct = []
            for replica in (one, two):
                client = Client(replica.port)
                direct.append(client.post(body))
                client.close()
            assert direct[0] == direct[1], f"the replicas answer a {kind} request differently"
            bodies.append((kind, body, direct[0]))

    victim, survivor = one, two
    moments: dict[str, float] = {}

    def kill_one() -> None:
        # Stopped first, so that requests are certainly in flight on it when it dies.
        moments["stopped"] = time.monotonic()
        os.killpg(victim.popen.pid, signal.SIGSTOP)
        time.sleep(FREEZE_SECONDS)
        moments["killed"] = time.monotonic()
        os.killpg(victim.popen.pid, signal.SIGKILL)
        victim.popen.wait(timeout=10)

    drive = Drive(cluster.proxy.port, bodies)
    drive.run(RUN_SECONDS, KILL_AT, kill_one)
    log = access_log(cluster.proxy.output())

    sent = drive.sent
    lost = [s for s in sent if s.problem]
    dead, alive = f"127.0.0.1:{victim.port}", f"127.0.0.1:{survivor.port}"
    before = [s for s in sent if s.ended < moments["stopped"]]
    after = [s for s in sent if s.started > moments["killed"]]
    # Sent by nginx to the stopped replica first, then to the survivor.
    rescued = [
        s for s in sent if s.rid in log and log[s.rid][0][0] == dead and len(log[s.rid][0]) > 1
    ]
    print(
        f"\nfailover: {len(sent)} requests ({sum(s.kind == 'training' for s in sent)} training "
        f"chunks of {chunk} epochs), {len(lost)} lost; {len(before)} answered before the "
        f"kill, {len(after)} sent after it; {len(rescued)} in flight on the killed replica "
        "and answered by the other"
    )
    assert not lost, f"{len(lost)} of {len(sent)} requests failed, e.g. {lost[:3]}"
    missing = [s.rid for s in sent if s.rid not in log]
    assert not missing, f"not in nginx's access log: {missing[:5]}"
    assert all(log[s.rid][2] == "200" for s in sent)
    served_before = {log[s.rid][0][-1] for s in before}
    assert served_before == {dead, alive}, f"before the kill only {served_before} served"
    assert after, "no request was sent after the kill"
    assert all(log[s.rid][0][-1] == alive for s in after), "the dead replica answered"
    assert rescued, "no request was in flight on the replica when it was killed"
    assert all(log[s.rid][0][-1] == alive for s in rescued)
