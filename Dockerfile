# Production image: gunicorn serving app:server on port 8050 as a non-root user.
# BASE can be swapped at build time (e.g. for a locally built base image).
ARG BASE=python:3.12-slim
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/home/app \
    BIND=0.0.0.0:8050

WORKDIR /app

# Dependencies first, so code changes reuse this layer.
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

RUN groupadd --system --gid 10001 app \
    && useradd --system --no-log-init --uid 10001 --gid 10001 \
        --home-dir /home/app --create-home --shell /usr/sbin/nologin app

# Only what the app needs at run time; files stay root-owned and read-only
# to the app user.
COPY app.py gunicorn.conf.py ./
COPY activations/ ./activations/
COPY components/ ./components/
COPY assets/ ./assets/

USER 10001:10001
EXPOSE 8050

# /healthz computes real values through the library, so a 200 means the app
# works, not just that the port is open. slim images have no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8050/healthz', timeout=4).status == 200 else 1)"]

CMD ["gunicorn", "--config", "gunicorn.conf.py", "app:server"]
