"""No code is ever run from a string: not by the app's own modules, not by a dependency.

The custom function box takes text from anyone; activations/expression.py
parses it with ``ast.parse`` into an allow-list and evaluates the tree with
NumPy itself. These checks keep it that way: no module the app runs calls
eval, exec or compile, and no library that evaluates expression strings is
among the runtime requirements or imported by the app.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements.txt"
# What production runs: gunicorn loads its settings file, then app:server.
RUNTIME_SOURCES = ("activations", "components", "networks", "app.py", "gunicorn.conf.py")
FORBIDDEN = frozenset({"eval", "exec", "compile"})

# Distributions that evaluate expression strings (with eval, or an interpreter
# of their own), by their normalised names, and the modules they install.
EVAL_LIBRARIES: dict[str, tuple[str, str]] = {
    "numexpr": ("numexpr", "compiles string expressions for its own virtual machine"),
    "asteval": ("asteval", "an interpreter of Python expressions given as strings"),
    "simpleeval": ("simpleeval", "evaluates expression strings"),
    "evalidate": ("evalidate", "runs eval on a filtered expression string"),
    "restrictedpython": ("RestrictedPython", "compiles and runs Python given as strings"),
    "sympy": ("sympy", "sympify and parse_expr call eval on strings"),
    "pandas": ("pandas", "DataFrame.eval and .query evaluate strings"),
    "py-expression-eval": ("py_expression_eval", "evaluates expression strings"),
    "cexprtk": ("cexprtk", "evaluates expression strings"),
    "formulas": ("formulas", "compiles spreadsheet formulas given as strings"),
}


def runtime_files() -> list[Path]:
    files: list[Path] = []
    for name in RUNTIME_SOURCES:
        path = ROOT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def forbidden_uses(source: str, filename: str = "<string>") -> list[str]:
    """Each use of the builtins eval/exec/compile in ``source``, as "line: what"."""
    tree = ast.parse(source, filename)
    found: list[str] = []
    for node in ast.walk(tree):
        # eval(...), run = exec, map(compile, ...): any use of the bare name.
        if isinstance(node, ast.Name) and node.id in FORBIDDEN:
            found.append(f"{node.lineno}: {node.id}")
        # builtins.eval, __builtins__.exec (re.compile and other methods are fine).
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in FORBIDDEN
            and isinstance(node.value, ast.Name)
            and node.value.id in {"builtins", "__builtins__"}
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        # from builtins import eval as run
        elif isinstance(node, ast.ImportFrom) and node.module == "builtins":
            found += [f"{node.lineno}: import {a.name}" for a in node.names if a.name in FORBIDDEN]
        # getattr(builtins, "eval"), vars(builtins)["exec"], vars(builtins).get("compile")
        elif isinstance(node, ast.Call | ast.Subscript):
            if isinstance(node, ast.Subscript):
                keys = [node.slice]
            elif (isinstance(node.func, ast.Name) and node.func.id == "getattr") or (
                isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            ):
                keys = node.args
            else:
                continue
            found += [
                f"{key.lineno}: {key.value!r} looked up"
                for key in keys
                if isinstance(key, ast.Constant) and key.value in FORBIDDEN
            ]
    return found


@pytest.mark.parametrize(
    "snippet",
    [
        "eval(text)",
        "exec('x = 1')",
        "code = compile(src, 'f', 'eval')",
        "run = eval",
        "import builtins\nbuiltins.exec(s)",
        "__builtins__.eval(s)",
        "from builtins import compile as c",
        "import builtins\ngetattr(builtins, 'eval')(s)",
        "vars(builtins)['exec'](s)",
        "vars(builtins).get('compile')(s)",
    ],
)
def test_the_scan_finds_every_way_of_reaching_eval(snippet):
    assert forbidden_uses(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        "tree = ast.parse(text, mode='eval')",
        "tree = ast.parse(text, '<expression>', 'eval')",
        "pattern = re.compile(r'x')",
        "mode = 'eval'",
        "value = node.eval",
    ],
)
def test_the_scan_lets_parsing_and_lookalikes_through(snippet):
    assert forbidden_uses(snippet) == []


def test_no_runtime_module_runs_code_from_strings():
    files = runtime_files()
    assert ROOT / "activations" / "expression.py" in files
    assert len(files) > 20
    found = {
        str(path.relative_to(ROOT)): uses
        for path in files
        if (uses := forbidden_uses(path.read_text(encoding="utf-8"), str(path)))
    }
    assert found == {}


def test_the_expression_box_is_parsed_by_ast_not_evaluated_by_python():
    source = (ROOT / "activations" / "expression.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    parses = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "parse"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "ast"
    ]
    assert parses, "activations/expression.py no longer parses with ast.parse"


def requirement_names(path: Path) -> set[str]:
    """Normalised distribution names of a requirements file (PEP 503)."""
    names = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
        assert match, line
        names.add(re.sub(r"[-_.]+", "-", match[0]).lower())
    return names


def test_the_requirements_reader_would_see_an_eval_library(tmp_path):
    pinned = tmp_path / "requirements.txt"
    pinned.write_text(
        "# a comment\n-r other.txt\nNumExpr==2.10.2; python_version >= '3.11'\n"
        "Py_Expression.Eval==0.3.14  # trailing comment\ndash==4.4.1\n"
    )
    names = requirement_names(pinned)
    assert names == {"numexpr", "py-expression-eval", "dash"}
    assert names & set(EVAL_LIBRARIES) == {"numexpr", "py-expression-eval"}


def test_no_runtime_requirement_evaluates_expression_strings():
    names = requirement_names(REQUIREMENTS)
    assert {"dash", "numpy", "flask"} <= names  # the parser reads the file
    assert sorted(names & set(EVAL_LIBRARIES)) == []


def test_requirements_pin_dash_4_4_1_or_newer():
    pins = dict(re.findall(r"^([A-Za-z0-9._-]+)==([0-9][^\s;#]*)", REQUIREMENTS.read_text(), re.M))
    major, minor, patch = (int(part) for part in pins["dash"].split(".")[:3])
    assert (major, minor, patch) >= (4, 4, 1)


def test_the_app_imports_no_expression_evaluating_library():
    # A fresh interpreter: what importing app:server pulls in, nothing else.
    modules = sorted({module for module, _why in EVAL_LIBRARIES.values()})
    probe = f"import sys, app; print(sorted(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
