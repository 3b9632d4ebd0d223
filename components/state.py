"""The one validator: every untrusted value becomes a :class:`ViewState` here.

Three entry points feed it — the page URL, the browser controls and the CSV
download query — and all three go through :func:`parse_query`, which takes
raw strings (as a URL carries them) and returns a typed, bounded, frozen
state plus the list of problems it found and repaired. Each caller then
chooses a policy:

* the URL shows the repaired view with a notice naming every problem;
* the controls keep the last good graph and show the problems inline;
* ``/export.csv`` answers 400 with the problems as its reason.

The public query names (``fn``, ``xmin``, ``xmax``, ``n``, ``deriv``,
``logd`` and ``<function>.<param>``) are a stable contract: see README.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

import numpy as np

import activations
from activations.expression import MAX_EXPRESSION_CHARS, ExpressionError, parse_expression

MAX_FUNCTIONS = 8
MIN_POINTS = 2
MAX_POINTS = 10_000
MAX_ABS_X = 1e6
MAX_VALUE_CHARS = 40
MAX_QUERY_CHARS = 4_000

DEFAULT_FUNCTIONS: tuple[str, ...] = ("sigmoid", "step", "relu")
DEFAULT_XMIN = -5.0
DEFAULT_XMAX = 5.0
DEFAULT_POINTS = 201
DEFAULT_DERIVATIVE = True
DEFAULT_LOG_DERIVATIVE = False

KEY_FUNCTIONS = "fn"
KEY_XMIN = "xmin"
KEY_XMAX = "xmax"
KEY_POINTS = "n"
KEY_DERIVATIVE = "deriv"
KEY_LOG_DERIVATIVE = "logd"
KEY_EXPRESSION = "expr"
CORE_KEYS = (
    KEY_FUNCTIONS,
    KEY_XMIN,
    KEY_XMAX,
    KEY_POINTS,
    KEY_DERIVATIVE,
    KEY_LOG_DERIVATIVE,
    KEY_EXPRESSION,
)

# A plain decimal or scientific number; deliberately narrower than float(),
# which would also accept "nan", "infinity" and "1_000".
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})

RawQuery = Mapping[str, Sequence[str]]
ParamValues = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and what was done about it."""

    field: str
    message: str
    remedy: str = ""
    # Where in the field's text the problem is (a custom expression's caret).
    offset: int | None = None

    def reason(self) -> str:
        """What is wrong, without the repair (for a 400: nothing was repaired)."""
        return f"{self.field}: {self.message}"

    def __str__(self) -> str:
        return f"{self.reason()}; {self.remedy}" if self.remedy else self.reason()


@dataclass(frozen=True)
class ViewState:
    """A complete, valid description of one explorer view.

    ``expr`` is the visitor's own function of x (already checked to parse),
    or "" for none. ``params`` holds, for every selected function with parameters, all of its
    parameter values (defaults filled in), in the order of ``functions``.
    """

    functions: tuple[str, ...] = DEFAULT_FUNCTIONS
    xmin: float = DEFAULT_XMIN
    xmax: float = DEFAULT_XMAX
    n: int = DEFAULT_POINTS
    deriv: bool = DEFAULT_DERIVATIVE
    log_deriv: bool = DEFAULT_LOG_DERIVATIVE
    params: tuple[tuple[str, ParamValues], ...] = field(default=())
    expr: str = ""

    def __post_init__(self) -> None:
        if not self.params:
            filled = tuple(
                (name, tuple(activations.get(name).defaults().items()))
                for name in self.functions
                if activations.get(name).params
            )
            object.__setattr__(self, "params", filled)

    def params_for(self, function: str) -> dict[str, float]:
        """Parameter values of ``function`` in this view (empty if it has none)."""
        return dict(dict(self.params).get(function, ()))

    def x(self) -> np.ndarray:
        """The sample points: ``linspace(xmin, xmax, n)`` in float64."""
        return np.linspace(self.xmin, self.xmax, self.n)

    def to_query_dict(self) -> dict[str, str]:
        """The canonical query: core keys always, parameters only where not default."""
        query = {
            KEY_FUNCTIONS: ",".join(self.functions),
            KEY_XMIN: format_number(self.xmin),
            KEY_XMAX: format_number(self.xmax),
            KEY_POINTS: str(self.n),
            KEY_DERIVATIVE: "1" if self.deriv else "0",
        }
        if self.log_deriv:
            query[KEY_LOG_DERIVATIVE] = "1"
        if self.expr:
            query[KEY_EXPRESSION] = self.expr
        for function, values in self.params:
            defaults = activations.get(function).defaults()
            for name, value in values:
                if value != defaults[name]:
                    query[f"{function}.{name}"] = format_number(value)
        return query

    def to_query(self) -> str:
        """The query string (without ``?``) that reproduces this view."""
        # ",", "*" and parentheses are legal in a query: keep links readable.
        return urlencode(self.to_query_dict(), safe=",*()")


def format_number(value: float) -> str:
    """Shortest text that reads back as the same float ("-5" rather than "-5.0")."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


# --- raw input -> raw query ---------------------------------------------------


def query_from_search(search: str | None) -> dict[str, list[str]]:
    """Split a URL search string (``?fn=relu&n=11``) into a raw query."""
    text = (search or "").lstrip("?")
    return parse_qs(text, keep_blank_values=True, max_num_fields=200)


def query_from_controls(
    functions: Any,
    xmin: Any,
    xmax: Any,
    n: Any,
    options: Any,
    param_values: Iterable[tuple[str, str, Any]],
    expr: Any = None,
) -> dict[str, list[str]]:
    """Turn the controls' JSON values into the same raw query a URL would carry.

    Values are written back as text so that the controls go through exactly
    the same validation as a URL; ``repr`` of a float reads back exactly.
    """
    selected = functions if isinstance(functions, list) else [functions]
    chosen = {_control_text(v) for v in selected if v is not None}
    options_list = options if isinstance(options, list) else []
    query: dict[str, list[str]] = {
        KEY_FUNCTIONS: [",".join(_control_text(v) for v in selected if v is not None)],
        KEY_XMIN: [_control_text(xmin)],
        KEY_XMAX: [_control_text(xmax)],
        KEY_POINTS: [_control_text(n)],
        KEY_DERIVATIVE: ["1" if "deriv" in options_list else "0"],
        KEY_LOG_DERIVATIVE: ["1" if "logd" in options_list else "0"],
    }
    for function, name, value in param_values:
        if function in chosen:
            query[f"{function}.{name}"] = [_control_text(value)]
    if isinstance(expr, str) and expr.strip():
        # One character over the limit is enough for the parser to refuse it.
        query[KEY_EXPRESSION] = [expr[: MAX_EXPRESSION_CHARS + 1]]
    elif expr is not None and not isinstance(expr, str):
        query[KEY_EXPRESSION] = [_control_text(expr)]
    return query


def _control_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # JSON true is not a number, though bool is an int
        return str(value).lower()
    if isinstance(value, float):
        return repr(value)
    return str(value)[: MAX_VALUE_CHARS + 1]


# --- raw query -> ViewState ---------------------------------------------------


def parse_query(raw: RawQuery) -> tuple[ViewState, tuple[Problem, ...]]:
    """Validate a raw query into a :class:`ViewState` and the problems repaired.

    Missing keys take their defaults silently; present but invalid values are
    replaced by the default (or clamped into range) and reported.
    """
    problems: list[Problem] = []
    values = _single_values(raw, problems)

    expr = _parse_expression(values.get(KEY_EXPRESSION), problems)
    functions = _parse_functions(values.get(KEY_FUNCTIONS), problems, allow_none=bool(expr))
    xmin = _parse_x(values.get(KEY_XMIN), KEY_XMIN, DEFAULT_XMIN, problems)
    xmax = _parse_x(values.get(KEY_XMAX), KEY_XMAX, DEFAULT_XMAX, problems)
    if xmin >= xmax:
        problems.append(
            Problem(
                "x range",
                f"x min ({format_number(xmin)}) must be less than x max ({format_number(xmax)})",
                f"showing {format_number(DEFAULT_XMIN)} to {format_number(DEFAULT_XMAX)}",
            )
        )
        xmin, xmax = DEFAULT_XMIN, DEFAULT_XMAX
    n = _parse_points(values.get(KEY_POINTS), problems)
    deriv = _parse_flag(values.get(KEY_DERIVATIVE), KEY_DERIVATIVE, DEFAULT_DERIVATIVE, problems)
    log_deriv = _parse_flag(
        values.get(KEY_LOG_DERIVATIVE), KEY_LOG_DERIVATIVE, DEFAULT_LOG_DERIVATIVE, problems
    )
    params = _parse_params(values, functions, problems)
    state = ViewState(functions, xmin, xmax, n, deriv, log_deriv, params, expr)
    return state, tuple(problems)


def _single_values(raw: RawQuery, problems: list[Problem]) -> dict[str, str]:
    total = sum(len(k) + sum(len(v) for v in vs) for k, vs in raw.items())
    if total > MAX_QUERY_CHARS:
        problems.append(Problem("query", f"longer than {MAX_QUERY_CHARS} characters", "ignored"))
        return {}
    values: dict[str, str] = {}
    for key, given in raw.items():
        if not given:
            continue
        if len(given) > 1:
            problems.append(Problem(key, "given more than once", "the first value is used"))
        values[key] = given[0]
    return values


def _parse_expression(text: str | None, problems: list[Problem]) -> str:
    """The visitor's own function, normalised; "" if none or if it does not parse."""
    if text is None or not text.strip():
        return ""
    try:
        return parse_expression(text).text
    except ExpressionError as error:
        problems.append(Problem(KEY_EXPRESSION, error.message, "not plotted", error.offset))
        return ""


def _parse_functions(
    text: str | None, problems: list[Problem], allow_none: bool = False
) -> tuple[str, ...]:
    """Catalogue names from ``fn``; none at all is allowed beside a custom function."""
    if text is None:
        return DEFAULT_FUNCTIONS
    chosen: list[str] = []
    for name in (part.strip() for part in text.split(",")):
        if not name:
            continue
        try:
            activations.get(name)
        except ValueError as error:
            problems.append(Problem(KEY_FUNCTIONS, str(error)))
            continue
        if name in chosen:
            problems.append(Problem(KEY_FUNCTIONS, f"{name!r} is listed twice", "shown once"))
            continue
        chosen.append(name)
    if len(chosen) > MAX_FUNCTIONS:
        problems.append(
            Problem(
                KEY_FUNCTIONS,
                f"at most {MAX_FUNCTIONS} functions at once",
                f"showing the first {MAX_FUNCTIONS}",
            )
        )
        chosen = chosen[:MAX_FUNCTIONS]
    if not chosen and allow_none:
        return ()
    if not chosen:
        problems.append(
            Problem(
                KEY_FUNCTIONS,
                "choose at least one function",
                f"showing the default ({', '.join(DEFAULT_FUNCTIONS)})",
            )
        )
        return DEFAULT_FUNCTIONS
    return tuple(chosen)


def parse_number(text: str) -> float:
    """A finite float from ``text``, or ``ValueError`` saying what is wrong."""
    text = text.strip()
    if not text:
        raise ValueError("enter a number")
    if len(text) > MAX_VALUE_CHARS or not _NUMBER.match(text):
        shown = text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"
        raise ValueError(f"{shown!r} is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is too large to be a finite number")
    return value


def _read_number(
    text: str | None, field: str, default: float, problems: list[Problem]
) -> float | None:
    """The number in ``text``; ``None`` if absent, or if invalid (then reported)."""
    if text is None:
        return None
    try:
        return parse_number(text)
    except ValueError as error:
        problems.append(Problem(field, str(error), f"using {format_number(default)}"))
        return None


def _parse_x(text: str | None, key: str, default: float, problems: list[Problem]) -> float:
    label = "x min (xmin)" if key == KEY_XMIN else "x max (xmax)"
    value = _read_number(text, label, default, problems)
    if value is None:
        return default
    if abs(value) > MAX_ABS_X:
        clamped = math.copysign(MAX_ABS_X, value)
        problems.append(
            Problem(label, f"must lie within ±{MAX_ABS_X:,.0f}", f"clamped to {clamped:,.0f}")
        )
        return clamped
    return value


def _parse_points(text: str | None, problems: list[Problem]) -> int:
    label = "sample points (n)"
    value = _read_number(text, label, DEFAULT_POINTS, problems)
    if value is None:
        return DEFAULT_POINTS
    if value != int(value):
        problems.append(Problem(label, "must be a whole number", f"using {DEFAULT_POINTS}"))
        return DEFAULT_POINTS
    clamped = min(max(int(value), MIN_POINTS), MAX_POINTS)
    if clamped != value:
        problems.append(
            Problem(label, f"must be between {MIN_POINTS} and {MAX_POINTS:,}", f"using {clamped:,}")
        )
    return clamped


def _parse_flag(text: str | None, key: str, default: bool, problems: list[Problem]) -> bool:
    if text is None:
        return default
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    shown = text[:MAX_VALUE_CHARS]
    problems.append(Problem(key, f"{shown!r} is not 1 or 0", f"using {int(default)}"))
    return default


def _parse_params(
    values: Mapping[str, str], functions: tuple[str, ...], problems: list[Problem]
) -> tuple[tuple[str, ParamValues], ...]:
    chosen: dict[str, dict[str, float]] = {
        name: activations.get(name).defaults() for name in functions
    }
    for key, text in values.items():
        if key in CORE_KEYS:
            continue
        function, dot, name = key.partition(".")
        if not dot:
            problems.append(Problem(key[:MAX_VALUE_CHARS], "unknown query parameter", "ignored"))
            continue
        if function not in chosen:
            problems.append(
                Problem(
                    key[:MAX_VALUE_CHARS],
                    f"{function[:MAX_VALUE_CHARS]!r} is not among the chosen functions",
                    "ignored",
                )
            )
            continue
        activation = activations.get(function)
        if name not in chosen[function]:
            valid = ", ".join(chosen[function]) or "none"
            message = f"{function} has no parameter {name[:MAX_VALUE_CHARS]!r} (it has: {valid})"
            problems.append(Problem(key[:MAX_VALUE_CHARS], message, "ignored"))
            continue
        param = activation.param(name)
        value = _read_number(text, key, param.default, problems)
        if value is None:
            continue
        clamped = min(max(value, param.low), param.high)
        if clamped != value:
            problems.append(
                Problem(
                    key,
                    f"must be between {format_number(param.low)} and {format_number(param.high)}",
                    f"using {format_number(clamped)}",
                )
            )
        chosen[function][name] = clamped
    return tuple(
        (function, tuple(values_.items())) for function, values_ in chosen.items() if values_
    )
