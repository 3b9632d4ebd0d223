"""gunicorn settings for ``gunicorn --config gunicorn.conf.py app:server``.

Environment overrides:
    BIND              address to listen on (default 0.0.0.0:8050, as in the
                      container; ``make run`` passes 127.0.0.1:8050)
    WEB_CONCURRENCY   worker processes (default 2)
    GUNICORN_THREADS  threads per worker (default 2)
    LOG_LEVEL         gunicorn log level (default info)
"""

from __future__ import annotations

import os


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from None
    if value < 1:
        raise SystemExit(f"{name} must be at least 1, got {value}")
    return value


bind = [address.strip() for address in os.environ.get("BIND", "0.0.0.0:8050").split(",")]

# Callbacks are short NumPy computations; a few threads per worker keep one
# slow request (a large CSV export) from holding up the page's other calls.
workers = _int_env("WEB_CONCURRENCY", 2)
threads = _int_env("GUNICORN_THREADS", 2)
worker_class = "gthread"

# Import the app once in the master: an import error stops startup at once
# instead of making workers crash in a loop, and workers share its memory.
preload_app = True

timeout = 30
graceful_timeout = 20
keepalive = 5

# Recycle workers now and then so slow growth of memory cannot accumulate;
# rarely, since a new worker starts with cold caches (measured with
# `make soak`: memory levels off, no leak to outrun).
max_requests = 20000
max_requests_jitter = 2000

# The kernel spreads new connections over the workers (SO_REUSEPORT). Without
# it one worker can take every kept-alive connection while the other idles:
# 507 updates/s on 2 cores became 938 (bench/load.py, 8 connections).
reuse_port = True

# Deep links carry the whole view in the query string; 8190 is gunicorn's
# ceiling and still far below anything abusive.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Heartbeat files on a RAM disk: a container's overlay filesystem can stall
# them long enough for the arbiter to kill healthy workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The control socket (gunicornc) is not used; left on, every instance run by
# one user shares ~/.gunicorn/gunicorn.ctl and a second one takes it over.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
proc_name = "activation-explorer"
