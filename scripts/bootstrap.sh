#!/usr/bin/env bash
# Create or refresh .venv in the repository root.
#
#   scripts/bootstrap.sh [runtime|dev]      (default: runtime)
#
# runtime  installs requirements.txt
# dev      installs requirements-dev.txt, makes sure Debian's chromium,
#          chromium-driver (browser tests) and nginx (failover test) are
#          present, and installs the npm packages the browser tests inject
#          (package-lock.json: axe-core)
#
# Interpreter: $PYTHON if set; else a working python3.12 (on PATH, then the
# newest under pyenv's versions/); else python3 if it is 3.11 or newer.
# An existing working .venv is reused unless $PYTHON names another version.
# Requirements are installed only when their content changed since the last
# successful install (a hash is stamped inside .venv), so a second run is a
# cheap no-op.
set -euo pipefail

MIN_MAJOR=3
MIN_MINOR=11

mode="${1:-runtime}"
case "$mode" in
    runtime) req_files=(requirements.txt) ;;
    dev) req_files=(requirements.txt requirements-dev.txt) ;;
    -h | --help)
        sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "usage: $0 [runtime|dev]" >&2
        exit 2
        ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv"

die() {
    echo "bootstrap: error: $*" >&2
    exit 1
}
say() {
    echo "bootstrap: $*" >&2
}

# Two make targets bootstrapping at once must not build the venv twice.
if command -v flock >/dev/null 2>&1; then
    exec 9<"$root/scripts/bootstrap.sh"
    flock 9
fi

# Prints "MAJOR.MINOR" if "$1" runs and is at least 3.11; fails otherwise.
# (pyenv shims exist for versions that are not selected and fail when run.)
py_version() {
    "$1" -c "import sys
if sys.version_info < ($MIN_MAJOR, $MIN_MINOR):
    raise SystemExit(1)
print('%d.%d' % sys.version_info[:2])" 2>/dev/null
}

find_python() {
    if [[ -n "${PYTHON:-}" ]]; then
        if py_version "$PYTHON" >/dev/null; then
            echo "$PYTHON"
            return 0
        fi
        die "PYTHON=$PYTHON does not run or is older than $MIN_MAJOR.$MIN_MINOR"
    fi
    local candidates=(python3.12)
    local pyenv_root=""
    if command -v pyenv >/dev/null 2>&1; then
        pyenv_root="$(pyenv root 2>/dev/null || true)"
    fi
    pyenv_root="${pyenv_root:-${PYENV_ROOT:-$HOME/.pyenv}}"
    if [[ -d "$pyenv_root/versions" ]]; then
        local p
        while IFS= read -r p; do
            candidates+=("$p")
        done < <(
            find "$pyenv_root/versions" -mindepth 3 -maxdepth 3 -path '*/versions/3.12*/bin/python3.12' \
                2>/dev/null | sort -rV
        )
    fi
    local c v
    for c in "${candidates[@]}"; do
        if v="$(py_version "$c")" && [[ "$v" == "3.12" ]]; then
            echo "$c"
            return 0
        fi
    done
    if py_version python3 >/dev/null; then
        echo python3
        return 0
    fi
    die "no usable Python found: need python3.12 (preferred) or python3 >= $MIN_MAJOR.$MIN_MINOR.
Install one, or point PYTHON at it: PYTHON=/path/to/python3.12 $0 $mode"
}

# A working venv is kept as it is, unless $PYTHON asks for another version;
# a broken one (say, its base interpreter was removed) is rebuilt.
have_version=""
if [[ -d "$venv" ]]; then
    have_version="$(py_version "$venv/bin/python" || true)"
fi
if [[ -z "$have_version" || -n "${PYTHON:-}" ]]; then
    python="$(find_python)"
    want_version="$(py_version "$python")"
    if [[ -d "$venv" && "$have_version" != "$want_version" ]]; then
        say "recreating .venv (had Python ${have_version:-none}, want $want_version)"
        rm -rf "$venv"
    fi
else
    want_version="$have_version"
fi
if [[ ! -x "$venv/bin/python" ]]; then
    say "creating .venv with $("$python" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
    if ! "$python" -m venv "$venv"; then
        rm -rf "$venv"
        die "'$python -m venv' failed (on Debian: apt-get install python3-venv)"
    fi
fi

stamp="$venv/.stamp-$mode"
hash="$(cat "${req_files[@]}" | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$hash" ]]; then
    req="${req_files[-1]}"
    say "installing $req into .venv (Python $want_version)"
    # pip's local index configuration warns about every package it does not
    # carry; drop that noise, keep everything else (errors included).
    set +e
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" 2>&1 |
        grep -v -E "^WARNING: Location '.*' is ignored: it is neither a file nor a directory\.$"
    status="${PIPESTATUS[0]}"
    set -e
    [[ "$status" -eq 0 ]] || die "pip install -r $req failed (exit $status)"
    echo "$hash" >"$stamp"
    if [[ "$mode" == dev ]]; then
        # requirements-dev.txt includes requirements.txt
        sha256sum <requirements.txt | cut -d" " -f1 >"$venv/.stamp-runtime"
    fi
fi

if [[ "$mode" == dev ]]; then
    # Debian packages the tests drive: the browser tests' Chromium and its
    # driver, and nginx for the failover test (run by the test itself, on
    # 127.0.0.1, never as a system service).
    missing=()
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    [[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
    [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    if ((${#missing[@]})); then
        apt_cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
        if [[ "$(id -u)" -ne 0 ]]; then
            die "the tests need Debian's ${missing[*]}. Install them as root:
    $apt_cmd"
        fi
        command -v apt-get >/dev/null 2>&1 ||
            die "${missing[*]} missing and apt-get not found; install them"
        say "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        # Installing nginx must not start it as a service (port 80): without
        # a policy saying so, say it for the length of the install.
        policy=/usr/sbin/policy-rc.d
        added_policy=""
        if [[ ! -e "$policy" ]]; then
            printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added_policy=1
        fi
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        [[ -n "$added_policy" ]] && rm -f "$policy"
        [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver && -x /usr/sbin/nginx ]] ||
            die "${missing[*]} still missing after apt-get install"
    fi
fi

if [[ "$mode" == dev ]]; then
    npm_stamp="$root/node_modules/.stamp-lock"
    lock_hash="$(sha256sum <package-lock.json | cut -d' ' -f1)"
    if [[ ! -f "$npm_stamp" || "$(cat "$npm_stamp")" != "$lock_hash" ]]; then
        if ! command -v npm >/dev/null 2>&1; then
            [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1 ||
                die "the accessibility tests need npm (Node.js); install it: apt-get install -y nodejs npm"
            say "installing nodejs and npm"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq
            apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
        fi
        say "installing npm packages from package-lock.json"
        npm ci --no-audit --no-fund --loglevel=error >/dev/null ||
            die "npm ci failed"
        echo "$lock_hash" >"$npm_stamp"
    fi
fi
