# Production image: gunicorn serving app:server on port 8050 as a non-root user.
# BASE can be swapped at build time (e.g. for a locally built base image):
# any Debian-like image with python3 (3.11 or newer), its venv module, and
# groupadd/useradd.
ARG BASE=python:3.12-slim

# --- build: the pinned dependencies, in a venv that the runtime copies whole.
FROM ${BASE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore

COPY requirements.txt /tmp/requirements.txt
# pip itself is not needed at run time: remove it from the venv after use.
RUN python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt \
    && /opt/venv/bin/pip uninstall --yes pip

# --- runtime: the base, the venv, the app's code; no pip, no build files.
FROM ${BASE}

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/home/app \
    BIND=0.0.0.0:8050

# A writable home: gunicorn (and anything else that keeps per-user state)
# writes under $HOME, while /app stays root-owned and read-only to the app.
RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --uid 10001 --gid 10001 \
        --home-dir /home/app --create-home --shell /usr/sbin/nologin app

COPY --from=build /opt/venv /opt/venv

WORKDIR /app

# The build context is only what the app needs at run time: .dockerignore
# lets through the entry point, gunicorn's settings, the Python packages the
# app imports and the assets Dash serves, and nothing else (tests/unit/
# test_dockerfile.py checks both ways). One COPY, one layer; root-owned, so
# read-only to the app user.
COPY . ./

# The app user cannot write __pycache__ here: compile once at build time so
# every start (and every worker) reuses the bytecode.
RUN python -m compileall -q /app

USER 10001:10001
EXPOSE 8050

# /healthz computes real values through the library, so a 200 means the app
# works, not just that the port is open. slim images have no curl. The probe
# asks 127.0.0.1 on the port of BIND's first address, so it follows a BIND
# changed at run time (e.g. 127.0.0.1:8765 on the host's network).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('BIND', '0.0.0.0:8050').split(',')[0].rsplit(':', 1)[-1]; sys.exit(0 if urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4).status == 200 else 1)"]

CMD ["gunicorn", "--config", "gunicorn.conf.py", "app:server"]
