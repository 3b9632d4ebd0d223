"""The exact source the library runs for an activation, for the code view.

``source_of(act)`` returns the Python source of the activation's value and
derivative functions, followed by every private helper and constant of
:mod:`activations.functions` they use (directly or through other helpers), so
a reader sees the whole computation and nothing else.
"""

from __future__ import annotations

import ast
import functools
import inspect
import types
from collections.abc import Callable, Iterator
from typing import Any

from activations import functions as F
from activations.registry import Activation

# The dtype wrapper is shared plumbing, not part of any formula.
_NOT_SHOWN = frozenset({"_elementwise"})


def _code_of(function: Callable[..., Any]) -> types.CodeType:
    unwrapped = inspect.unwrap(function)
    code = getattr(unwrapped, "__code__", None)
    if not isinstance(code, types.CodeType):
        raise TypeError(f"{function!r} has no Python source")
    return code


def _names_used(code: types.CodeType) -> Iterator[str]:
    yield from code.co_names
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):  # nested functions, comprehensions
            yield from _names_used(constant)


@functools.cache
def _assignments() -> dict[str, str]:
    """Source text of each module-level assignment in ``functions``, by name."""
    module_source = inspect.getsource(F)
    found: dict[str, str] = {}
    for node in ast.parse(module_source).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            segment = ast.get_source_segment(module_source, node)
            if isinstance(target, ast.Name) and segment:
                found[target.id] = segment
    return found


def _helpers(roots: list[Callable[..., Any]]) -> tuple[list[str], list[str]]:
    """Private helper functions and other globals of ``functions`` the roots use, in order."""
    functions: list[str] = []
    constants: list[str] = []
    pending = list(roots)
    while pending:
        for name in _names_used(_code_of(pending.pop(0))):
            if not name.startswith("_") or name in _NOT_SHOWN:
                continue
            value = getattr(F, name, None)
            if isinstance(value, types.FunctionType):
                if name not in functions:
                    functions.append(name)
                    pending.append(value)
            elif name in _assignments() and name not in constants:
                constants.append(name)
    return functions, constants


def source_of(act: Activation) -> str:
    """Source of ``act``'s value and derivative, then the helpers they call."""
    return _source(act.fn, act.grad)


@functools.cache
def _source(fn: Callable[..., Any], grad: Callable[..., Any]) -> str:
    # Source files do not change while the app runs; reading them once is enough.
    roots = [fn, grad]
    helper_names, constant_names = _helpers(roots)
    parts = [inspect.getsource(inspect.unwrap(function)) for function in roots]
    parts += [inspect.getsource(getattr(F, name)) for name in helper_names]
    if constant_names:
        parts.append("\n".join(_assignments()[name] for name in constant_names))
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"
