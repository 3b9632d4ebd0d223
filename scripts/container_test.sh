#!/usr/bin/env bash
# Build the production image from the Dockerfile with podman and test it as a
# client would.
#
#   scripts/container_test.sh            (or: make container-test)
#
# With no container registry reachable, the Python base image is made here:
# mmdebstrap bootstraps a minimal Debian with python3, python3-venv and
# ca-certificates, `podman import` turns it into a local image, and the build
# gets it as `--build-arg BASE=...`. The bootstrap is cached as a tarball (and
# the imported image and the build's layers stay in podman's storage), so a
# second run only rebuilds what changed.
#
# The container runs gunicorn on 127.0.0.1:$PORT (published from the
# container's 8050); the checks: GET /healthz, one explorer callback POST to
# /_dash-update-component, GET /export.csv?fn=sigmoid&n=11, every process in
# the container runs as uid 10001, and the image's HEALTHCHECK passes. The
# container is always removed at the end; the image is kept for the next run.
#
# Environment:
#   SUITE       Debian suite for the base image (default: bookworm, python3.11)
#   NO_CACHE=1  drop the cached layers first: a cold build (the base stays)
#   PORT        host port on 127.0.0.1 (default: a free one)
#   STORAGE_DRIVER  overlay or vfs (default: overlay if this kernel mounts it)
#   CONTAINER_TEST_DIR  cache and podman storage (default: ~/.cache/activation-explorer-container)
#
# Needs root (apt-get installs podman, runc and mmdebstrap when missing) and
# the dev venv (.venv with requirements-dev.txt: `make venv-dev`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

SUITE="${SUITE:-bookworm}"
PORT="${PORT:-}"
NO_CACHE="${NO_CACHE:-0}"
STORAGE_DRIVER="${STORAGE_DRIVER:-auto}"
STATE="${CONTAINER_TEST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/activation-explorer-container}"
IMAGE="localhost/activation-explorer:test"
CONTAINER="activation-explorer-test-$$"
BASE_PACKAGES="python3,python3-venv,ca-certificates"
PYTHON="$root/.venv/bin/python"

say() { echo "container-test: $*" >&2; }
die() {
    echo "container-test: error: $*" >&2
    exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- tools -------------------------------------------------------------------
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
if ((${#missing[@]})); then
    [[ $EUID -eq 0 ]] || die "missing ${missing[*]}: run as root to install them, or apt-get install them"
    say "installing ${missing[*]} (Debian packages)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi
[[ -x "$PYTHON" ]] || die "no $PYTHON: run 'make venv-dev' first"
if [[ -z "$PORT" ]]; then
    PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi

mkdir -p "$STATE"
# One run at a time: runs share the cache, the storage and the image tags.
exec 8>"$STATE/lock"
if ! flock --nonblock 8; then
    say "another container test is running; waiting for it"
    flock 8
fi
# Storage driver: overlay where the kernel lets us mount one (copy-on-write:
# a fully cached rebuild takes seconds), else vfs, which works anywhere but
# copies the whole root filesystem for every layer and working container.
if [[ "$STORAGE_DRIVER" == auto ]]; then
    STORAGE_DRIVER=vfs
    probe="$(mktemp -d "$STATE/overlay-probe.XXXXXX")"
    mkdir "$probe"/{lower,upper,work,merged}
    if mount -t overlay overlay \
        -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" \
        "$probe/merged" 2>/dev/null; then
        umount "$probe/merged"
        STORAGE_DRIVER=overlay
    fi
    rm -rf "$probe"
fi
# Podman's own storage (one per driver), apart from any other use of podman
# on the machine; runc and cgroupfs need no systemd, file events no journald.
# The run root must be a short path (overlay's limit is 50 characters).
podman_args=(--root "$STATE/storage-$STORAGE_DRIVER"
    --runroot "${XDG_RUNTIME_DIR:-/run}/activation-explorer-$STORAGE_DRIVER"
    --storage-driver "$STORAGE_DRIVER"
    --runtime runc --cgroup-manager cgroupfs --events-backend file)
podman_() { podman "${podman_args[@]}" "$@"; }

# --- base image ----------------------------------------------------------------
# Locally trusted CAs (Debian keeps them in /usr/local/share/ca-certificates)
# go into the base too: where HTTPS leaves the machine through a proxy with its
# own CA, pip in the build needs to trust what the host trusts. Usually none.
host_cas=()
for crt in /usr/local/share/ca-certificates/*.crt; do
    [[ -f "$crt" ]] && host_cas+=("$crt")
done
recipe="suite=$SUITE packages=$BASE_PACKAGES variant=minbase v1"
key="$( (
    echo "$recipe"
    ((${#host_cas[@]})) && cat "${host_cas[@]}"
    true
) | sha256sum | cut -c1-12)"
base_tar="$STATE/base-$SUITE-$key.tar"
BASE="localhost/activation-explorer-base:$SUITE-$key"

base_seconds="cached"
if [[ ! -s "$base_tar" ]]; then
    [[ $EUID -eq 0 ]] || die "mmdebstrap needs root here to bootstrap the base"
    say "bootstrapping Debian $SUITE with $BASE_PACKAGES (mmdebstrap, about a minute)"
    start=$(now)
    hooks=()
    if ((${#host_cas[@]})); then
        # mmdebstrap runs each hook with the new root as "$1".
        hooks+=(--customize-hook="cp $(printf '%q ' "${host_cas[@]}")\"\$1/usr/local/share/ca-certificates/\"")
        # shellcheck disable=SC2016  # "$1" is for the hook's shell, not this one
        hooks+=(--customize-hook='chroot "$1" update-ca-certificates >/dev/null 2>&1')
    fi
    mmdebstrap --quiet --format=tar --variant=minbase --include="$BASE_PACKAGES" \
        --aptopt='APT::Install-Recommends "false"' \
        --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-include=/usr/share/doc/*/copyright' \
        --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        "${hooks[@]}" \
        "$SUITE" "$base_tar.partial"
    mv "$base_tar.partial" "$base_tar"
    base_seconds="$(since "$start")"
fi
if ! podman_ image exists "$BASE"; then
    say "importing $base_tar as $BASE"
    # A rootfs tarball has no image config: give it what python:*-slim has.
    podman_ import --quiet \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["python3"]' \
        "$base_tar" "$BASE" >/dev/null
fi

# --- build ---------------------------------------------------------------------
build_args=(--isolation chroot --network host --format docker --build-arg "BASE=$BASE")
build_log="$STATE/build.log"
if [[ "$NO_CACHE" == 1 ]]; then
    # A cold build: drop the images and every layer cached from earlier builds
    # (the base image stays).
    podman_ rmi --force "$IMAGE" "$IMAGE-build" >/dev/null 2>&1 || true
    podman_ image prune --force >/dev/null
fi
say "building $IMAGE from Dockerfile (log: $build_log)"
: >"$build_log"
start=$(now)
# The build stage gets a tag of its own, so that pruning untagged images
# below keeps it, and with it the cached pip install layer.
for target in build final; do
    if [[ $target == build ]]; then
        args=(--target build --tag "$IMAGE-build")
    else
        args=(--tag "$IMAGE")
    fi
    if ! podman_ build "${build_args[@]}" "${args[@]}" --file Dockerfile . >>"$build_log" 2>&1; then
        tail -n 40 "$build_log" >&2
        die "podman build failed (full log: $build_log)"
    fi
done
build_seconds="$(since "$start")"
image_bytes="$(podman_ image inspect --format '{{.Size}}' "$IMAGE")"
base_bytes="$(podman_ image inspect --format '{{.Size}}' "$BASE")"
# Old builds' layers would otherwise pile up in the storage.
podman_ image prune --force >/dev/null

# --- run -------------------------------------------------------------------------
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    podman_ rm --force --time 5 "$CONTAINER" >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "starting $CONTAINER on 127.0.0.1:$PORT"
# This host's hard limits are below podman's defaults for nofile and nproc.
# No systemd here to run the HEALTHCHECK's timer (podman would log errors
# trying): the checks below run the health check themselves.
DISABLE_HC_SYSTEMD=true podman_ run --detach --name "$CONTAINER" \
    --ulimit nofile=4096:4096 --ulimit nproc=2048:2048 \
    --publish "127.0.0.1:$PORT:8050" \
    "$IMAGE" >/dev/null
started=$(now)

healthcheck_json="$(podman_ image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE")"

# --- checks ------------------------------------------------------------------------
status=0
BASE_URL="http://127.0.0.1:$PORT" CONTAINER="$CONTAINER" STARTED="$started" HEALTHCHECK_JSON="$healthcheck_json" \
    PODMAN_ARGS="$(printf '%q ' "${podman_args[@]}")" \
    "$PYTHON" - <<'PY' || status=$?
"""Client-side checks against the running container."""

import csv
import io
import json
import os
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request

import numpy as np

from components import ids
from tests.app.conftest import decode, view_callback_body

BASE = os.environ["BASE_URL"]
CONTAINER = os.environ["CONTAINER"]
PODMAN = ["podman", *shlex.split(os.environ["PODMAN_ARGS"])]
results: list[tuple[str, bool, str]] = []


def request(path, body=None):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if body is not None else {}
    req = urllib.request.Request(BASE + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def check(name):
    def run(fn):
        try:
            detail = fn()
            results.append((name, True, detail))
        except Exception as error:  # every failure is reported, then the next check runs
            results.append((name, False, f"{type(error).__name__}: {error}"))
        return fn

    return run


def podman(*args):
    return subprocess.run([*PODMAN, *args], capture_output=True, text=True, timeout=60)


# gunicorn imports the app once in the master (preload): wait for it.
started = float(os.environ["STARTED"])
deadline = time.time() + 90
while True:
    try:
        if request("/healthz")[0] == 200:
            break
    except OSError:
        pass
    state = podman("inspect", "--format", "{{.State.Status}}", CONTAINER).stdout.strip()
    if state != "running" or time.time() > deadline:
        logs = podman("logs", CONTAINER)  # gunicorn logs to stderr
        print((logs.stdout + logs.stderr)[-4000:], file=sys.stderr)
        sys.exit(f"container-test: the app did not answer /healthz (container {state})")
    time.sleep(0.5)
ready_seconds = time.time() - started


@check("GET /healthz: 200, JSON, status ok")
def _():
    code, ctype, body = request("/healthz")
    assert code == 200, code
    assert ctype == "application/json", ctype
    payload = json.loads(body)
    assert payload["status"] == "ok", payload
    return f"{payload['activations']} activations, sigmoid(0) = {payload['check']['sigmoid(0)']}"


class Client:
    """The one method view_callback_body needs, over HTTP."""

    def get(self, path):
        code, _, body = request(path)
        assert code == 200, (path, code)

        class Response:
            @staticmethod
            def get_json():
                return json.loads(body)

        return Response()


@check("POST /_dash-update-component (explorer view): 200, a figure")
def _():
    body = view_callback_body(
        Client(), "xmin.value", functions=["sigmoid"], xmin=-1, xmax=1, points=5
    )
    code, ctype, raw = request("/_dash-update-component", body)
    assert code == 200, (code, raw[:300])
    figure = json.loads(raw)["response"][ids.GRAPH]["figure"]
    trace = figure["data"][0]
    y = decode(trace["y"])
    # Evenly spaced curves may travel as x0 + dx instead of an x array.
    x = decode(trace["x"]) if "x" in trace else trace["x0"] + trace["dx"] * np.arange(len(y))
    np.testing.assert_allclose(x, [-1, -0.5, 0, 0.5, 1])
    # The figure may carry float32: compare to within its precision.
    rtol = 4 * np.finfo(y.dtype).eps
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-x)), rtol=rtol)
    return f"{len(figure['data'])} traces; sigmoid at x = -1..1 ({y.dtype}) correct"


@check("GET /export.csv?fn=sigmoid&n=11: 200, 11 data rows")
def _():
    code, ctype, raw = request("/export.csv?fn=sigmoid&n=11")
    assert code == 200, code
    assert ctype == "text/csv", ctype
    header, *rows = list(csv.reader(io.StringIO(raw.decode())))
    assert header[:2] == ["x", "sigmoid"], header
    assert len(rows) == 11, len(rows)
    x = np.array([float(r[0]) for r in rows])
    s = np.array([float(r[1]) for r in rows])
    np.testing.assert_allclose(s, 1 / (1 + np.exp(-x)), rtol=1e-15)
    return f"header {','.join(header)}; {len(rows)} rows"


@check("every process in the container runs as uid 10001")
def _():
    script = (
        "import os, pathlib\n"
        "for p in sorted(pathlib.Path('/proc').glob('[0-9]*'), key=lambda p: int(p.name)):\n"
        "    if p.name == str(os.getpid()):\n"
        "        continue\n"
        "    try:\n"
        "        status = (p / 'status').read_text().splitlines()\n"
        "        name = (p / 'cmdline').read_bytes().replace(b'\\0', b' ').decode().strip()\n"
        "    except OSError:\n"
        "        continue\n"
        "    uid = next(l.split()[1:] for l in status if l.startswith('Uid:'))\n"
        "    print(p.name, ','.join(uid), name)\n"
    )
    ident = podman("exec", CONTAINER, "id", "-u")
    assert ident.returncode == 0 and ident.stdout.strip() == "10001", ident
    listing = podman("exec", CONTAINER, "python", "-c", script)
    assert listing.returncode == 0, listing.stderr
    lines = [line.split(" ", 2) for line in listing.stdout.splitlines()]
    gunicorn = [line for line in lines if "gunicorn" in line[2]]
    assert len(gunicorn) >= 2, lines  # the master and at least one worker
    for pid, uids, name in lines:
        assert set(uids.split(",")) == {"10001"}, (pid, uids, name)
    home = podman("exec", CONTAINER, "sh", "-c", "test -w /home/app && ! test -w /app")
    assert home.returncode == 0, "home should be writable, /app read-only"
    return f"id -u = 10001; {len(gunicorn)} gunicorn processes; $HOME writable, /app not"


@check("HEALTHCHECK passes (podman healthcheck run, and its command via exec)")
def _():
    config = json.loads(os.environ["HEALTHCHECK_JSON"])
    kind, *command = config["Test"]
    assert kind == "CMD", config  # exec form
    direct = podman("exec", CONTAINER, *command)
    assert direct.returncode == 0, direct
    run = podman("healthcheck", "run", CONTAINER)
    assert run.returncode == 0, (run.returncode, run.stdout, run.stderr)
    health = podman("inspect", "--format", "{{.State.Health.Status}}", CONTAINER).stdout.strip()
    assert health == "healthy", health
    return f"exit 0, status {health}"


width = max(len(name) for name, _, _ in results)
print(f"\n/healthz answered {ready_seconds:.1f} s after podman run returned")
for name, ok, detail in results:
    print(f"{'PASS' if ok else 'FAIL'}  {name:<{width}}  {detail}")
failed = sum(not ok for _, ok, _ in results)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY

mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }
echo
printf '%-28s %s\n' "base image ($SUITE)" "$BASE ($(mb "$base_bytes"))"
printf '%-28s %s\n' "base bootstrap (s)" "$base_seconds"
printf '%-28s %s\n' "storage driver" "$STORAGE_DRIVER"
printf '%-28s %s\n' "image build (s)" "$build_seconds$([[ "$NO_CACHE" == 1 ]] && echo ' (cold: no cached layers)')"
printf '%-28s %s\n' "image size" "$(mb "$image_bytes") ($(mb $((image_bytes - base_bytes))) above the base)"
exit "$status"
