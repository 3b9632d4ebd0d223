"""The app served as production serves it, on a free loopback port, for a script.

    with running_gunicorn({"WEB_CONCURRENCY": "1"}, log=print) as server:
        ...  # server.base is "http://127.0.0.1:<port>", server.pid the master

gunicorn runs ``app:server`` with gunicorn.conf.py from this repository's
virtualenv, in its own process group, so leaving the block stops the master
and every worker whatever happened. The screenshots and the benchmarks use
it; a server that does not come up is a ``SystemExit`` with the reason and
its log.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 25.0


@dataclass(frozen=True)
class LocalServer:
    base: str  # http://127.0.0.1:<port>
    pid: int  # gunicorn's master
    log: IO[bytes]  # its output so far


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def venv_tool(name: str) -> str:
    """A console script of the running interpreter's venv, else of the repo's .venv."""
    for candidate in (Path(sys.executable).with_name(name), ROOT / ".venv" / "bin" / name):
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"{name} not found: run `bash scripts/bootstrap.sh dev` first")


def wait_for_health(url: str, server: subprocess.Popen[bytes], server_log: IO[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            server_log.seek(0)
            sys.stderr.write(server_log.read().decode(errors="replace"))
            raise SystemExit(f"the server exited with code {server.returncode} during startup")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"{url} did not answer 200 within {START_TIMEOUT_S:.0f} s")


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group, SIGKILL if it is not gone in time."""
    if server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


@contextlib.contextmanager
def running_gunicorn(
    env: dict[str, str] | None = None, log: Callable[[str], None] = lambda _: None
) -> Iterator[LocalServer]:
    """gunicorn serving the app on a free 127.0.0.1 port, up (``/healthz``) until the block ends.

    ``env`` is added to this process's environment (e.g. WEB_CONCURRENCY).
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as server_log:
        server = subprocess.Popen(
            [venv_tool("gunicorn"), "--config", "gunicorn.conf.py", "app:server"],
            cwd=ROOT,
            env={**os.environ, **(env or {}), "BIND": f"127.0.0.1:{port}"},
            stdin=subprocess.DEVNULL,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            # Own process group, so stopping it also stops its workers.
            start_new_session=True,
        )
        try:
            log(f"server starting on {base}")
            wait_for_health(f"{base}/healthz", server, server_log)
            yield LocalServer(base, server.pid, server_log)
        finally:
            stop(server)
            log("server stopped")
