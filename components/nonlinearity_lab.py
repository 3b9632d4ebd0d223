"""The nonlinearity lab's pure parts: its validator, its numbers, its figures and CSV.

What a random deep network of one input computes, for a chosen activation:
with ``identity`` the whole network is one straight line ``w·x + b``
(:func:`networks.affine_collapse`); with ReLU it is piecewise linear and its
pieces are counted exactly (:func:`networks.linear_pieces`); with sigmoid or
tanh it is a smooth curve with no linear pieces at all.

Every entry point (the page URL, the controls, the CSV routes) turns its raw
values into a :class:`NonlinearityState` through
:func:`parse_nonlinearity_query`; everything shown is computed from that
state by the pure functions below. Nothing here imports Dash.

The public query names are ``fn``, ``depth``, ``width``, ``seed``, ``xmin``,
``xmax``, ``n`` and ``lang``.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import numpy as np

import activations
from components.downloads import csv_table
from components.figures import axis_style, curve_marks, fmt
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translate, has_text, translator
from components.state import (
    MAX_VALUE_CHARS,
    Problem,
    format_number,
    ordered_range,
    parse_language,
    read_number,
    single_values,
)
from components.theme import colour
from networks import (
    ActivationSpec,
    Network,
    PieceCount,
    affine_collapse,
    linear_pieces,
    network_output,
    random_network_1d,
)
from networks.limits import (
    INTERVAL,
    MAX_REGIONS,
    NONLINEARITY_DEPTH,
    NONLINEARITY_WIDTH,
    SEED,
    IntRange,
)

KEY_FN = "fn"
KEY_DEPTH = "depth"
KEY_WIDTH = "width"
KEY_SEED = "seed"
KEY_XMIN = "xmin"
KEY_XMAX = "xmax"
KEY_POINTS = "n"
KEY_LANGUAGE = "lang"
KEYS = (KEY_FN, KEY_DEPTH, KEY_WIDTH, KEY_SEED, KEY_XMIN, KEY_XMAX, KEY_POINTS, KEY_LANGUAGE)

DEFAULT_FN = "relu"
DEFAULT_DEPTH = 3
DEFAULT_WIDTH = 8
DEFAULT_SEED = 0
DEFAULT_XMIN = -5.0
DEFAULT_XMAX = 5.0
DEFAULT_POINTS = 401
MIN_POINTS = 2
# The output is drawn on n points; 801 keeps the busiest view (depth 20,
# width 64, the slowest activation, plus the comparison) within 200 ms.
MAX_POINTS = 801

#: The activations drawn side by side from the same weights.
COMPARED: tuple[str, ...] = ("identity", "relu", "tanh")
#: The activations offered first in the menu (the rest of the catalogue follows).
FEATURED: tuple[str, ...] = ("identity", "relu", "sigmoid", "tanh", "leaky_relu")
#: The palette slot of what is drawn over the output (the line w·x + b, the
#: breakpoints): black in the light theme, light grey in the dark, a colour
#: none of the compared activations has.
MARK_INDEX = 6

F64 = np.ndarray
RawQuery = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class NonlinearityState:
    """One complete, valid view of the lab: the network, its activation and the interval."""

    fn: str = DEFAULT_FN
    depth: int = DEFAULT_DEPTH
    width: int = DEFAULT_WIDTH
    seed: int = DEFAULT_SEED
    xmin: float = DEFAULT_XMIN
    xmax: float = DEFAULT_XMAX
    n: int = DEFAULT_POINTS
    lang: str = DEFAULT_LANGUAGE

    @property
    def spec(self) -> ActivationSpec:
        return ActivationSpec.of(self.fn)

    def network(self) -> Network:
        return cached_network(self.depth, self.width, self.seed)

    def x(self) -> F64:
        """The sample points: ``linspace(xmin, xmax, n)`` in float64."""
        return np.linspace(self.xmin, self.xmax, self.n)

    def to_query_dict(self) -> dict[str, str]:
        return {
            KEY_FN: self.fn,
            KEY_DEPTH: str(self.depth),
            KEY_WIDTH: str(self.width),
            KEY_SEED: str(self.seed),
            KEY_XMIN: format_number(self.xmin),
            KEY_XMAX: format_number(self.xmax),
            KEY_POINTS: str(self.n),
            KEY_LANGUAGE: self.lang,
        }

    def to_query(self) -> str:
        """The query string (without ``?``) that reproduces this view."""
        return urlencode(self.to_query_dict())


@functools.lru_cache(maxsize=32)
def cached_network(depth: int, width: int, seed: int) -> Network:
    """The lab's random network; the same (depth, width, seed) always gives the same weights."""
    return random_network_1d(depth, width, seed)


# --- validation -------------------------------------------------------------------


def parse_nonlinearity_query(
    raw: RawQuery, default_lang: str = DEFAULT_LANGUAGE
) -> tuple[NonlinearityState, tuple[Problem, ...]]:
    """Validate a raw query (lists of strings, as a URL carries them).

    Missing keys take their defaults silently (the language: ``default_lang``);
    present but invalid values are replaced by the default, or clamped into
    range, and reported as :class:`~components.state.Problem`.
    """
    problems: list[Problem] = []
    values = single_values(raw, problems)
    lang = parse_language(values.get(KEY_LANGUAGE), default_lang, problems)
    fn = _parse_fn(values.get(KEY_FN), problems)
    depth = _parse_int(
        values.get(KEY_DEPTH), KEY_DEPTH, DEFAULT_DEPTH, NONLINEARITY_DEPTH, problems
    )
    width = _parse_int(
        values.get(KEY_WIDTH), KEY_WIDTH, DEFAULT_WIDTH, NONLINEARITY_WIDTH, problems
    )
    seed = _parse_int(values.get(KEY_SEED), KEY_SEED, DEFAULT_SEED, SEED, problems)
    xmin = _parse_x(values.get(KEY_XMIN), KEY_XMIN, DEFAULT_XMIN, problems)
    xmax = _parse_x(values.get(KEY_XMAX), KEY_XMAX, DEFAULT_XMAX, problems)
    xmin, xmax = ordered_range(xmin, xmax, (DEFAULT_XMIN, DEFAULT_XMAX), problems)
    n = _parse_int(
        values.get(KEY_POINTS),
        KEY_POINTS,
        DEFAULT_POINTS,
        IntRange(MIN_POINTS, MAX_POINTS),
        problems,
    )
    for key in values:
        if key not in KEYS:
            problems.append(Problem(key[:MAX_VALUE_CHARS], "unknown_key", remedy="ignored"))
    state = NonlinearityState(fn, depth, width, seed, xmin, xmax, n, lang)
    return state, tuple(problems)


def _parse_fn(text: str | None, problems: list[Problem]) -> str:
    if text is None:
        return DEFAULT_FN
    name = text.strip()
    if name in activations.names():
        return name
    shown = repr(text[:MAX_VALUE_CHARS])
    close = difflib.get_close_matches(name.lower(), activations.names(), n=1)
    remedy = {"value": DEFAULT_FN}
    if not name:
        problems.append(Problem(KEY_FN, "none_chosen", remedy="using", remedy_values=remedy))
    elif close:
        problems.append(
            Problem(
                KEY_FN,
                "unknown_function_hint",
                {"name": shown, "hint": repr(close[0])},
                "using",
                remedy,
            )
        )
    else:
        problems.append(Problem(KEY_FN, "unknown_function", {"name": shown}, "using", remedy))
    return DEFAULT_FN


def _parse_int(
    text: str | None, key: str, default: int, bounds: IntRange, problems: list[Problem]
) -> int:
    """A whole number within ``bounds`` (an ``IntRange``): clamped if outside, reported."""
    if text is None:
        return default
    value = read_number(text, key, default, problems)
    if value is None:
        return default
    if value != int(value):
        problems.append(Problem(key, "whole", remedy="using", remedy_values={"value": default}))
        return default
    clamped = min(max(int(value), bounds.low), bounds.high)
    if clamped != value:
        problems.append(
            Problem(
                key,
                "between",
                {"low": bounds.low, "high": bounds.high},
                "using",
                {"value": clamped},
            )
        )
    return clamped


def _parse_x(text: str | None, key: str, default: float, problems: list[Problem]) -> float:
    if text is None:
        return default
    value = read_number(text, key, default, problems)
    if value is None:
        return default
    clamped = min(max(value, INTERVAL.low), INTERVAL.high)
    if clamped != value:
        problems.append(
            Problem(
                key,
                "between",
                {"low": format_number(INTERVAL.low), "high": format_number(INTERVAL.high)},
                "using",
                {"value": format_number(clamped)},
            )
        )
    return clamped


def query_from_controls(
    fn: Any, depth: Any, width: Any, seed: Any, xmin: Any, xmax: Any, n: Any, lang: str
) -> dict[str, list[str]]:
    """The controls' JSON values as the raw query a URL would carry (same validation)."""
    return {
        KEY_FN: [_control_text(fn)],
        KEY_DEPTH: [_control_text(depth)],
        KEY_WIDTH: [_control_text(width)],
        KEY_SEED: [_control_text(seed)],
        KEY_XMIN: [_control_text(xmin)],
        KEY_XMAX: [_control_text(xmax)],
        KEY_POINTS: [_control_text(n)],
        KEY_LANGUAGE: [lang if lang in LANGUAGES else DEFAULT_LANGUAGE],
    }


def _control_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # JSON true is not a number, though bool is an int
        return str(value).lower()
    if isinstance(value, float):
        return repr(value)
    return str(value)[: MAX_VALUE_CHARS + 1]


def problem_line(problem: Problem, lang: str) -> str:
    """What is wrong and what was done, with this page's own field names."""
    return _with_label(problem, problem.text(lang), lang)


def problem_reason(problem: Problem, lang: str) -> str:
    """What is wrong (for a 400: nothing was repaired)."""
    return _with_label(problem, problem.reason(lang), lang)


def _with_label(problem: Problem, text: str, lang: str) -> str:
    key = f"nonlinearity.field.{problem.field}"
    if not has_text(key):
        return text
    generic = problem.label(lang)
    return translator(lang)(key) + text[len(generic) :]


# --- computation ------------------------------------------------------------------


@dataclass(frozen=True)
class Collapse:
    """The straight line a network of identity layers equals, and how closely it does."""

    w: float
    b: float
    line: F64  # w·x + b on the grid
    max_gap: float  # max |network − line| on the grid (rounding only)


@dataclass(frozen=True)
class LabResult:
    """Everything the lab shows for one state."""

    x: F64
    y: F64
    pieces: PieceCount
    breakpoint_y: F64
    collapse: Collapse | None


def compute_lab(state: NonlinearityState) -> LabResult:
    """The network's output on the grid, its linear pieces, and (identity) its collapse."""
    net = state.network()
    spec = state.spec
    x = state.x()
    y = network_output(net, spec, x)
    pieces = linear_pieces(net, spec, state.xmin, state.xmax)
    breakpoint_y = (
        network_output(net, spec, pieces.breakpoints) if pieces.breakpoints.size else np.zeros(0)
    )
    collapse = None
    if state.fn == "identity":
        w, b = affine_collapse(net)
        line = w * x + b
        collapse = Collapse(w, b, line, float(np.max(np.abs(y - line))))
    return LabResult(x, y, pieces, breakpoint_y, collapse)


def compared_names(state: NonlinearityState) -> tuple[str, ...]:
    """Identity, ReLU and tanh, and the chosen activation if it is none of them."""
    return COMPARED if state.fn in COMPARED else (*COMPARED, state.fn)


def compute_comparison(
    state: NonlinearityState, known: LabResult | None = None
) -> tuple[F64, tuple[tuple[str, F64], ...]]:
    """The same network (same seed, same weights) with each compared activation.

    ``known``, the lab's result for ``state``, saves computing the chosen
    activation's output twice (GELU's exact form costs about 100 ReLUs).
    """
    net = state.network()
    x = state.x() if known is None else known.x
    outputs = []
    for name in compared_names(state):
        if known is not None and name == state.fn:
            outputs.append((name, known.y))
        else:
            outputs.append((name, network_output(net, ActivationSpec.of(name), x)))
    return x, tuple(outputs)


def affine_text(w: float, b: float, number: Any = format_number) -> str:
    """``w·x + b`` with the sign of b written once (``0.5·x − 2``), numbers by ``number``."""
    sign = "−" if b < 0 else "+"
    return f"{number(w)}·x {sign} {number(abs(b))}"


# --- figures ------------------------------------------------------------------------

Figure = dict[str, Any]
HOVER_XY = "<br>x = %{x:.6g}<br>y = %{y:.6g}<extra></extra>"


def plotted_output(result: LabResult) -> tuple[F64, F64]:
    """The grid with the breakpoints merged in, so a piecewise-linear output is drawn exactly.

    Between two samples the chart draws a straight segment; with every
    breakpoint among the samples, each segment lies on one linear piece and
    no corner is cut.
    """
    if not result.breakpoint_y.size:
        return result.x, result.y
    x = np.concatenate([result.x, result.pieces.breakpoints])
    y = np.concatenate([result.y, result.breakpoint_y])
    order = np.argsort(x, kind="stable")
    return x[order], y[order]


def curve_index(name: str, state: NonlinearityState) -> int:
    """The palette slot of ``name``: its place in the comparison, so both charts agree."""
    return compared_names(state).index(name)


def lab_figure(result: LabResult, state: NonlinearityState) -> Figure:
    """The network's output; with identity the line w·x + b over it, else the breakpoints.

    The output has the colour and marker it has in the comparison chart; the
    line w·x + b is dashed (it lies exactly on the output) and the breakpoints
    are diamonds in a colour no activation uses.
    """
    tr = translator(state.lang)
    label = activations.get(state.fn).label(state.lang)
    x, y = plotted_output(result)
    name = tr("nonlinearity.trace.output", fn=label)
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            **curve_marks(curve_index(state.fn, state)),
            "name": name,
            "x": x,
            "y": y,
            "hovertemplate": f"<b>{name}</b>" + HOVER_XY,
        }
    ]
    if result.collapse is not None:
        c = result.collapse
        traces.append(
            {
                "type": "scatter",
                **curve_marks(MARK_INDEX, dash="dash"),
                "name": tr("nonlinearity.trace.affine", line=affine_text(c.w, c.b, fmt)),
                "x": result.x,
                "y": c.line,
                "hovertemplate": "x = %{x:.6g}<br>w·x + b = %{y:.6g}<extra></extra>",
            }
        )
    elif result.pieces.breakpoints.size:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": tr(
                    "nonlinearity.trace.breakpoints", count=int(result.pieces.breakpoints.size)
                ),
                "x": result.pieces.breakpoints,
                "y": result.breakpoint_y,
                "marker": {
                    "symbol": "diamond",
                    "size": 9,
                    "color": colour(MARK_INDEX),
                    "line": {"color": "#ffffff", "width": 1},
                },
                "hovertemplate": tr("nonlinearity.hover.breakpoint")
                + "<br>x = %{x:.6g}<br>y = %{y:.6g}<extra></extra>",
            }
        )
    return {"data": traces, "layout": _layout(state, tr, "nonlinearity.axis.y")}


def comparison_figure(
    x: F64, outputs: Sequence[tuple[str, F64]], state: NonlinearityState
) -> Figure:
    """The same weights with identity, ReLU and tanh (and the chosen activation) in one chart.

    Each activation has its own colour and marker symbol. Identity's line is
    drawn first and wider, so where another output runs along it (ReLU with
    every unit active) both stay visible.
    """
    tr = translator(state.lang)
    traces = []
    for index, (name, y) in enumerate(outputs):
        label = activations.get(name).label(state.lang)
        marks = curve_marks(index)
        if name == "identity":
            marks["line"] = marks["line"] | {"width": 5}
        traces.append(
            {
                "type": "scatter",
                **marks,
                "name": label,
                "x": x,
                "y": y,
                "hovertemplate": f"<b>{label}</b>" + HOVER_XY,
            }
        )
    return {"data": traces, "layout": _layout(state, tr, "nonlinearity.axis.y")}


def _layout(state: NonlinearityState, tr: Translate, y_title: str) -> dict[str, Any]:
    # automargin: the larger text of presentation mode still fits.
    axis = axis_style() | {"automargin": True}
    return {
        "margin": {"l": 64, "r": 16, "t": 40, "b": 48},
        "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "font": {"family": "system-ui, sans-serif", "size": 13},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "rgba(0,0,0,0)",
        # Keep a zoom while the network changes; a new interval starts afresh.
        "uirevision": f"{format_number(state.xmin)},{format_number(state.xmax)}",
        "xaxis": axis | {"title": {"text": tr("nonlinearity.axis.x")}},
        "yaxis": axis | {"title": {"text": tr(y_title)}},
    }


# --- the charts' text alternatives ---------------------------------------------------------

#: Rows of a chart's table on the page; the CSV has every sample.
TABLE_ROWS = 11


def table_rows(n: int, rows: int = TABLE_ROWS) -> np.ndarray:
    """Indices of ``rows`` evenly spaced samples of ``n`` (the first and last included)."""
    return np.unique(np.linspace(0, n - 1, min(rows, n)).round().astype(int))


def _span(y: F64) -> dict[str, str]:
    finite = y[np.isfinite(y)]
    if not finite.size:
        return {"ymin": "—", "ymax": "—"}
    return {"ymin": fmt(float(finite.min())), "ymax": fmt(float(finite.max()))}


def lab_summary(result: LabResult, state: NonlinearityState) -> str:
    """The lab chart in words: the network, the interval, y's span, and its shape."""
    tr = translator(state.lang)
    parts = [
        tr(
            "nonlinearity.summary.lab",
            depth=state.depth,
            width=state.width,
            fn=activations.get(state.fn).label(state.lang),
            xmin=format_number(state.xmin),
            xmax=format_number(state.xmax),
            n=f"{state.n:,}",
            **_span(result.y),
        )
    ]
    pieces = result.pieces
    if result.collapse is not None:
        c = result.collapse
        parts.append(tr("nonlinearity.summary.identity", line=affine_text(c.w, c.b, fmt)))
    elif pieces.kind == "piecewise_linear" and pieces.pieces is not None:
        breaks = int(pieces.breakpoints.size)
        parts.append(tr("nonlinearity.summary.pieces", count=pieces.pieces, breaks=breaks))
    elif pieces.kind == "too_many":
        parts.append(tr("nonlinearity.summary.too_many"))
    else:
        parts.append(tr("nonlinearity.summary.curved"))
    return tr("summary.join").join(parts)


def comparison_summary(x: F64, outputs: Sequence[tuple[str, F64]], state: NonlinearityState) -> str:
    """The comparison chart in words: which activations, and each one's span of y."""
    tr = translator(state.lang)
    labels = [activations.get(name).label(state.lang) for name, _ in outputs]
    parts = [
        tr(
            "nonlinearity.summary.comparison",
            names=tr("nonlinearity.summary.list_join").join(labels),
            xmin=format_number(state.xmin),
            xmax=format_number(state.xmax),
        )
    ]
    for label, (_, y) in zip(labels, outputs, strict=True):
        parts.append(tr("nonlinearity.summary.range", fn=label, **_span(y)))
    return tr("summary.join").join(parts)


# --- CSV -------------------------------------------------------------------------------


def lab_csv(state: NonlinearityState) -> str:
    """``x,<fn>`` (and ``affine``, w·x + b, when fn is identity), one row per sample."""
    result = compute_lab(state)
    header = ["x", state.fn]
    columns = [result.x, result.y]
    if result.collapse is not None:
        header.append("affine")
        columns.append(result.collapse.line)
    return csv_table(header, columns)


def comparison_csv(state: NonlinearityState) -> str:
    """``x,identity,relu,tanh[,<fn>]``: the same weights with each activation."""
    x, outputs = compute_comparison(state)
    return csv_table(["x", *(name for name, _ in outputs)], [x, *(y for _, y in outputs)])


def csv_filename(state: NonlinearityState, chart: str = "nonlinearity") -> str:
    return (
        f"{chart}_{state.fn}_depth{state.depth}_width{state.width}_seed{state.seed}"
        f"_{format_number(state.xmin)}_{format_number(state.xmax)}.csv"
    )


__all__ = [
    "COMPARED",
    "MAX_REGIONS",
    "Collapse",
    "LabResult",
    "NonlinearityState",
    "comparison_csv",
    "comparison_figure",
    "compute_comparison",
    "compute_lab",
    "csv_filename",
    "lab_csv",
    "lab_figure",
    "parse_nonlinearity_query",
    "problem_line",
    "problem_reason",
    "query_from_controls",
]
