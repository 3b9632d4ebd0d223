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

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

import numpy as np

import activations
from activations.expression import MAX_EXPRESSION_CHARS, ExpressionError, parse_expression
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, has_text, translator

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
KEY_LANGUAGE = "lang"
CORE_KEYS = (
    KEY_FUNCTIONS,
    KEY_XMIN,
    KEY_XMAX,
    KEY_POINTS,
    KEY_DERIVATIVE,
    KEY_LOG_DERIVATIVE,
    KEY_EXPRESSION,
    KEY_LANGUAGE,
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
    """One thing wrong with the input, and what was done about it.

    The message and the remedy are catalogue keys (``problem.<key>``,
    ``remedy.<key>``) with their values, so the same problem reads naturally
    in every language; a key with a namespace (``expression.unknown_name``)
    is a catalogue key as it is. ``field`` is a query key such as ``xmin``.
    """

    field: str
    key: str
    values: Mapping[str, Any] = field(default_factory=dict)
    remedy: str = ""
    remedy_values: Mapping[str, Any] = field(default_factory=dict)
    # Where in the field's text the problem is (a custom expression's caret).
    offset: int | None = None

    def label(self, lang: str = "en") -> str:
        catalogue_key = f"field.{self.field}"
        return translator(lang)(catalogue_key) if has_text(catalogue_key) else self.field

    def message(self, lang: str = "en") -> str:
        catalogue_key = self.key if "." in self.key else f"problem.{self.key}"
        return translator(lang)(catalogue_key, **self.values)

    def reason(self, lang: str = "en") -> str:
        """What is wrong, without the repair (for a 400: nothing was repaired)."""
        return f"{self.label(lang)}: {self.message(lang)}"

    def text(self, lang: str = "en") -> str:
        """What is wrong and what was done about it."""
        if not self.remedy:
            return self.reason(lang)
        tr = translator(lang)
        remedy = tr(f"remedy.{self.remedy}", **self.remedy_values)
        return f"{self.reason(lang)}{tr('remedy.joiner')}{remedy}"

    def __str__(self) -> str:
        return self.text("en")


class InvalidNumber(ValueError):
    """A text that is not a usable number; ``key`` names the message."""

    def __init__(self, key: str, **values: str) -> None:
        self.key = key
        self.values = values
        super().__init__(translator("en")(f"problem.{key}", **values))


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
    lang: str = DEFAULT_LANGUAGE

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
        query[KEY_LANGUAGE] = self.lang
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


def query_from_search(search: Any) -> dict[str, list[str]]:
    """Split a URL search string (``?fn=relu&n=11``) into a raw query.

    Anything but text (the browser sends this value) is an empty query.
    """
    text = search.lstrip("?") if isinstance(search, str) else ""
    return parse_qs(text, keep_blank_values=True, max_num_fields=200)


def query_from_controls(
    functions: Any,
    xmin: Any,
    xmax: Any,
    n: Any,
    options: Any,
    param_values: Iterable[tuple[str, str, Any]],
    expr: Any = None,
    lang: str = DEFAULT_LANGUAGE,
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
        KEY_LANGUAGE: [lang],
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


def parse_query(
    raw: RawQuery, default_lang: str = DEFAULT_LANGUAGE
) -> tuple[ViewState, tuple[Problem, ...]]:
    """Validate a raw query into a :class:`ViewState` and the problems repaired.

    Missing keys take their defaults silently (the language: ``default_lang``,
    from the browser's Accept-Language); present but invalid values are
    replaced by the default (or clamped into range) and reported.
    """
    problems: list[Problem] = []
    values = single_values(raw, problems)
    lang = parse_language(values.get(KEY_LANGUAGE), default_lang, problems)

    expr = _parse_expression(values.get(KEY_EXPRESSION), problems)
    functions = _parse_functions(values.get(KEY_FUNCTIONS), problems, allow_none=bool(expr))
    xmin = _parse_x(values.get(KEY_XMIN), KEY_XMIN, DEFAULT_XMIN, problems)
    xmax = _parse_x(values.get(KEY_XMAX), KEY_XMAX, DEFAULT_XMAX, problems)
    xmin, xmax = ordered_range(xmin, xmax, (DEFAULT_XMIN, DEFAULT_XMAX), problems)
    n = _parse_points(values.get(KEY_POINTS), problems)
    deriv = _parse_flag(values.get(KEY_DERIVATIVE), KEY_DERIVATIVE, DEFAULT_DERIVATIVE, problems)
    log_deriv = _parse_flag(
        values.get(KEY_LOG_DERIVATIVE), KEY_LOG_DERIVATIVE, DEFAULT_LOG_DERIVATIVE, problems
    )
    params = _parse_params(values, functions, problems)
    state = ViewState(functions, xmin, xmax, n, deriv, log_deriv, params, expr, lang)
    return state, tuple(problems)


def parse_language(text: str | None, default: str, problems: list[Problem]) -> str:
    """``en`` or ``ja`` from ``?lang=``; otherwise ``default`` (reported if invalid)."""
    if text is None:
        return default
    lowered = text.strip().lower()
    if lowered in LANGUAGES:
        return lowered
    shown = repr(text[:MAX_VALUE_CHARS])
    problems.append(Problem(KEY_LANGUAGE, "language", {"text": shown}, "using", {"value": default}))
    return default


def single_values(raw: RawQuery, problems: list[Problem]) -> dict[str, str]:
    """One value per key: the first; a repeated key or an overlong query is a problem."""
    total = sum(len(k) + sum(len(v) for v in vs) for k, vs in raw.items())
    if total > MAX_QUERY_CHARS:
        problems.append(Problem("query", "too_long", {"max": f"{MAX_QUERY_CHARS:,}"}, "ignored"))
        return {}
    values: dict[str, str] = {}
    for key, given in raw.items():
        if not given:
            continue
        if len(given) > 1:
            problems.append(Problem(key[:MAX_VALUE_CHARS], "repeated", remedy="first"))
        values[key] = given[0]
    return values


def _parse_expression(text: str | None, problems: list[Problem]) -> str:
    """The visitor's own function, normalised; "" if none or if it does not parse.

    A refusal is reported by its key in the ``expression.<key>`` catalogue
    texts, so it reads in the page's language.
    """
    if text is None or not text.strip():
        return ""
    try:
        return parse_expression(text).text
    except ExpressionError as error:
        problems.append(
            Problem(
                KEY_EXPRESSION,
                f"expression.{error.key}",
                error.values,
                "not_plotted",
                offset=error.offset,
            )
        )
        return ""


def _unknown_function(name: str) -> Problem:
    shown = repr(name[:MAX_VALUE_CHARS])
    close = difflib.get_close_matches(name.strip().lower(), activations.names(), n=1)
    if close:
        return Problem(
            KEY_FUNCTIONS, "unknown_function_hint", {"name": shown, "hint": repr(close[0])}
        )
    return Problem(KEY_FUNCTIONS, "unknown_function", {"name": shown})


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
        if name not in activations.names():
            problems.append(_unknown_function(name))
            continue
        if name in chosen:
            problems.append(Problem(KEY_FUNCTIONS, "listed_twice", {"name": repr(name)}, "once"))
            continue
        chosen.append(name)
    if len(chosen) > MAX_FUNCTIONS:
        problems.append(
            Problem(
                KEY_FUNCTIONS,
                "too_many",
                {"max": MAX_FUNCTIONS},
                "first_n",
                {"max": MAX_FUNCTIONS},
            )
        )
        chosen = chosen[:MAX_FUNCTIONS]
    if not chosen and allow_none:
        return ()
    if not chosen:
        problems.append(
            Problem(
                KEY_FUNCTIONS,
                "none_chosen",
                remedy="default_functions",
                remedy_values={"names": ", ".join(DEFAULT_FUNCTIONS)},
            )
        )
        return DEFAULT_FUNCTIONS
    return tuple(chosen)


def parse_number(text: str) -> float:
    """A finite float from ``text``, or ``ValueError`` saying what is wrong."""
    text = text.strip()
    if not text:
        raise InvalidNumber("empty")
    if len(text) > MAX_VALUE_CHARS or not _NUMBER.match(text):
        shown = text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"
        raise InvalidNumber("not_number", text=repr(shown))
    value = float(text)
    if not math.isfinite(value):
        raise InvalidNumber("not_finite", text=repr(text))
    return value


def ordered_range(
    low: float, high: float, default: tuple[float, float], problems: list[Problem]
) -> tuple[float, float]:
    """``(low, high)`` if ``low < high``; otherwise ``default``, and the problem reported."""
    if low < high:
        return low, high
    problems.append(
        Problem(
            "x_range",
            "x_order",
            {"xmin": format_number(low), "xmax": format_number(high)},
            "default_range",
            {"low": format_number(default[0]), "high": format_number(default[1])},
        )
    )
    return default


def read_number(
    text: str | None, field: str, default: float, problems: list[Problem]
) -> float | None:
    """The number in ``text``; ``None`` if absent, or if invalid (then reported)."""
    if text is None:
        return None
    try:
        return parse_number(text)
    except InvalidNumber as error:
        problems.append(
            Problem(field, error.key, error.values, "using", {"value": format_number(default)})
        )
        return None


def _parse_x(text: str | None, key: str, default: float, problems: list[Problem]) -> float:
    value = read_number(text, key, default, problems)
    if value is None:
        return default
    if abs(value) > MAX_ABS_X:
        clamped = math.copysign(MAX_ABS_X, value)
        problems.append(
            Problem(
                key,
                "x_bound",
                {"max": f"{MAX_ABS_X:,.0f}"},
                "clamped",
                {"value": f"{clamped:,.0f}"},
            )
        )
        return clamped
    return value


def _parse_points(text: str | None, problems: list[Problem]) -> int:
    value = read_number(text, KEY_POINTS, DEFAULT_POINTS, problems)
    if value is None:
        return DEFAULT_POINTS
    if value != int(value):
        problems.append(
            Problem(KEY_POINTS, "whole", remedy="using", remedy_values={"value": DEFAULT_POINTS})
        )
        return DEFAULT_POINTS
    clamped = min(max(int(value), MIN_POINTS), MAX_POINTS)
    if clamped != value:
        problems.append(
            Problem(
                KEY_POINTS,
                "between",
                {"low": MIN_POINTS, "high": f"{MAX_POINTS:,}"},
                "using",
                {"value": f"{clamped:,}"},
            )
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
    problems.append(Problem(key, "flag", {"text": repr(shown)}, "using", {"value": int(default)}))
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
            problems.append(Problem(key[:MAX_VALUE_CHARS], "unknown_key", remedy="ignored"))
            continue
        if function not in chosen:
            problems.append(
                Problem(
                    key[:MAX_VALUE_CHARS],
                    "not_chosen",
                    {"name": repr(function[:MAX_VALUE_CHARS])},
                    "ignored",
                )
            )
            continue
        activation = activations.get(function)
        if name not in chosen[function]:
            values = {"fn": function, "name": repr(name[:MAX_VALUE_CHARS])}
            if chosen[function]:
                values["valid"] = ", ".join(chosen[function])
                problems.append(Problem(key[:MAX_VALUE_CHARS], "no_param", values, "ignored"))
            else:
                problems.append(Problem(key[:MAX_VALUE_CHARS], "no_params", values, "ignored"))
            continue
        param = activation.param(name)
        value = read_number(text, key, param.default, problems)
        if value is None:
            continue
        clamped = min(max(value, param.low), param.high)
        if clamped != value:
            problems.append(
                Problem(
                    key,
                    "between",
                    {"low": format_number(param.low), "high": format_number(param.high)},
                    "using",
                    {"value": format_number(clamped)},
                )
            )
        chosen[function][name] = clamped
    return tuple(
        (function, tuple(values_.items())) for function, values_ in chosen.items() if values_
    )
