"""Pure figure builders: computed curves in, a Plotly figure dict out.

Nothing here talks to Dash or reads input; tests call these directly.
Figures are plain dicts (what ``dcc.Graph`` receives anyway), which keeps
them cheap to build and easy to assert on.
"""

from __future__ import annotations

import base64
from typing import Any

import numpy as np

import activations
from components.curves import Curve, Curves, grad_peak
from components.i18n import Translate, translator
from components.state import ViewState
from components.theme import MARKERS_PER_CURVE, PALETTE, colour, marker

__all__ = ["PALETTE", "axis_style", "colour", "explorer_figure", "fmt", "graph_config", "marker"]

# Plotly's toolbar on every graph: no logo, no "Share chart..." (it would
# upload the visitor's chart to Plotly's cloud) and no selection tools (there
# is nothing to select); the camera saves a PNG named ``stem``.
REMOVED_TOOLBAR_BUTTONS = ["sendChartToCloud", "lasso2d", "select2d"]


def graph_config(stem: str) -> dict[str, Any]:
    """``dcc.Graph``'s config: the toolbar, and the PNG's file name (no extension)."""
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": REMOVED_TOOLBAR_BUTTONS,
        "toImageButtonOptions": {"format": "png", "filename": stem, "scale": 2},
    }


# Behind labels drawn over curves: the plot's own background, nearly opaque.
LABEL_BACKGROUND = "rgba(255,255,255,0.85)"

PRIME = "\u2032"  # ′, so f′ reads as in the textbooks

Figure = dict[str, Any]


def fmt(value: float) -> str:
    """A short human reading of a number for labels (6 significant digits)."""
    if value == 0:
        return "0"
    return f"{value:.6g}"


def explorer_figure(curves: Curves, state: ViewState, exact: bool = False) -> Figure:
    """f for every selected function and, with the derivative on, f′ below it.

    Every curve has three traces, in this order: f, f′ and the marker of its
    largest |f′| (:data:`TRACES_PER_CURVE`); f′ and the marker are hidden
    while the derivative is off, so turning it on or off, or adding and
    removing a function, changes the figure in place (components/updates.py).
    f and f′ of one function share colour and marker symbol; f′ is dashed and
    sits in a lower panel on the same x-axis, so one hover reads both. Every
    point where f′ does not exist gets a dotted line. ``exact`` sends float64
    values (for a page that promises its download holds the plotted numbers);
    otherwise see :func:`payload`.
    """
    tr = translator(state.lang)
    traces: list[dict[str, Any]] = []
    for index, curve in enumerate(curves.curves):
        traces.extend(curve_traces(curve, index, curves, state, tr, exact))
    shapes, annotations = singular_marks(curves, state, tr)
    return {"data": traces, "layout": explorer_layout(state, shapes, annotations, tr)}


# f, f′ and the peak marker: the traces each curve owns, in figure order.
TRACES_PER_CURVE = 3


def curve_traces(
    curve: Curve, index: int, curves: Curves, state: ViewState, tr: Translate, exact: bool
) -> list[dict[str, Any]]:
    """The ``index``-th curve's f, f′ and peak-marker traces."""
    peak = grad_peak(curve, curves, state)
    return [
        _value_trace(curve, index, state, exact),
        _derivative_trace(curve, index, state, exact),
        _peak_trace(curve, index, peak, state, tr),
    ]


def payload(values: np.ndarray, exact: bool = False) -> Any:
    """The array as sent to the browser: binary, float32 where that draws the same picture.

    plotly.js reads typed arrays given as ``{"dtype", "bdata"}`` (base64 of
    the raw bytes): a third of the size of the same numbers written as JSON
    text. float32 halves that again and still has 7 significant digits, more
    than a screen or the 6-digit hover shows. Values beyond its normal range
    (the far tails on a log axis, |y| > 1e30) keep float64, where float32
    would round them to 0 or infinity. ``exact`` keeps the float64 array as
    it is. The CSV always has the float64 values.
    """
    if exact:
        return values
    finite = np.abs(values[np.isfinite(values)])
    nonzero = finite[finite > 0]
    wide = nonzero.size and (nonzero.min() < FLOAT32_SAFE[0] or nonzero.max() > FLOAT32_SAFE[1])
    dtype = "<f8" if wide else "<f4"
    data = np.ascontiguousarray(values, dtype=dtype).tobytes()
    return {"dtype": dtype[1:], "bdata": base64.b64encode(data).decode("ascii")}


def decode_payload(value: Any) -> np.ndarray:
    """The array :func:`payload` sent (or a plain list/array), as NumPy sees it."""
    if isinstance(value, dict) and "bdata" in value:
        raw = base64.b64decode(value["bdata"])
        return np.frombuffer(raw, dtype=np.dtype(value["dtype"]).newbyteorder("<"))
    return np.asarray(value)


FLOAT32_SAFE = (1e-30, 1e30)


def curve_marks(index: int, dash: str = "solid") -> dict[str, Any]:
    """Line and sparse markers of the ``index``-th curve: colour, symbol, dash.

    ``maxdisplayed`` spreads a dozen markers along the line, so each curve is
    told apart by its shape as well as its colour.
    """
    return {
        "mode": "lines+markers",
        "line": {"color": colour(index), "width": 2.5, "dash": dash},
        "marker": {
            "symbol": marker(index),
            "size": 7,
            "color": colour(index),
            "maxdisplayed": MARKERS_PER_CURVE,
        },
    }


def _sampling(state: ViewState) -> dict[str, float]:
    """x as first value and step: the browser rebuilds linspace, no x array is sent."""
    step = (state.xmax - state.xmin) / (state.n - 1)
    return {"x0": state.xmin, "dx": step}


def _value_trace(curve: Curve, index: int, state: ViewState, exact: bool) -> dict[str, Any]:
    return {
        "type": "scatter",
        **curve_marks(index),
        "name": curve.label,
        "legendgroup": curve.name,
        **_sampling(state),
        "y": payload(curve.y, exact),
        "hovertemplate": "%{y:.6g}",
    }


def _derivative_trace(curve: Curve, index: int, state: ViewState, exact: bool) -> dict[str, Any]:
    label = curve.label
    # A log axis cannot show f′ ≤ 0, so it plots |f′| (and says so).
    name = f"{label} |f{PRIME}|" if state.log_deriv else f"{label} f{PRIME}"
    return {
        "type": "scatter",
        **curve_marks(index, dash="dash"),
        "name": name,
        "legendgroup": curve.name,
        "showlegend": False,
        "visible": state.deriv,
        **_sampling(state),
        "y": payload(np.abs(curve.dy) if state.log_deriv else curve.dy, exact),
        "yaxis": "y2",
        "hovertemplate": "%{y:.6g}",
    }


def peak_text(peak: activations.GradPeak, tr: Translate) -> str:
    """ "max |f′| = 0.25 at x = 0", or the interval where a plateau holds."""
    if peak.plateau:
        low, high = (fmt(v) for v in peak.plateau)
        return tr("peak.plateau", value=fmt(peak.abs_value), low=low, high=high)
    return tr("peak.at", value=fmt(peak.abs_value), x=fmt(peak.x))


def _peak_trace(
    curve: Curve,
    index: int,
    peak: activations.GradPeak | None,
    state: ViewState,
    tr: Translate,
) -> dict[str, Any]:
    """A diamond at the largest |f′|; no point at all where f′ is flat or nowhere finite."""
    label = curve.label
    marked = peak is not None and peak.abs_value > 0
    return {
        "type": "scatter",
        "mode": "markers",
        "name": tr("trace.max_grad", label=label),
        "legendgroup": curve.name,
        "showlegend": False,
        "visible": state.deriv,
        "x": [peak.x] if marked and peak else [],
        "y": [(peak.abs_value if state.log_deriv else peak.value)] if marked and peak else [],
        "yaxis": "y2",
        "marker": {
            "symbol": "diamond",
            "size": 12,
            "color": colour(index),
            "line": {"color": "#ffffff", "width": 1.5},
        },
        "hovertemplate": (
            f"<b>{label}</b><br>{peak_text(peak, tr)}<extra></extra>" if marked and peak else ""
        ),
    }


def singular_marks(
    curves: Curves, state: ViewState, tr: Translate
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A dotted line wherever some selected f′ does not exist, labelled with who.

    Shown with the derivative panel only.
    """
    by_x: dict[float, list[str]] = {}
    for curve in curves.curves:
        if curve.activation is None:  # a typed function's kinks are not known
            continue
        jumps = set(curve.activation.jumps(**curve.params))
        for point in curve.activation.singular_points(**curve.params):
            if state.xmin <= point <= state.xmax:
                kind = tr("kink.jump") if point in jumps else tr("kink.kink")
                by_x.setdefault(point, []).append(f"{curve.label}: {kind}")
    shapes = []
    annotations = []
    for point, who in sorted(by_x.items()):
        shapes.append(
            {
                "type": "line",
                "visible": state.deriv,
                "xref": "x",
                "yref": "y2 domain",
                "x0": point,
                "x1": point,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#555555", "width": 1, "dash": "dot"},
            }
        )
        # Inside the panel, one line per function, on the side with room:
        # a narrow phone screen still shows the whole label.
        left_half = point <= (state.xmin + state.xmax) / 2
        annotations.append(
            {
                "visible": state.deriv,
                "xref": "x",
                "yref": "y2 domain",
                "x": point,
                "y": 1,
                "xanchor": "left" if left_half else "right",
                "yanchor": "top",
                "align": "left" if left_half else "right",
                "showarrow": False,
                "bgcolor": LABEL_BACKGROUND,
                "font": {"size": 11, "color": "#444444"},
                "text": tr("kink.label", x=fmt(point), who="<br>".join(who)),
            }
        )
    return shapes, annotations


# The two panels' heights (as fractions of the plot) with the derivative on.
F_DOMAIN = [0.56, 1.0]
DERIVATIVE_DOMAIN = [0.0, 0.44]


def explorer_layout(
    state: ViewState,
    shapes: list[dict[str, Any]],
    annotations: list[dict[str, Any]],
    tr: Translate,
) -> dict[str, Any]:
    """One x-axis under two panels: f above, f′ below (collapsed when f′ is off).

    Hovering shows x once and every curve's f and f′ there ("x unified" over
    both panels).
    """
    derivative_title = tr("axis.df_log") if state.log_deriv else tr("axis.df")
    layout: dict[str, Any] = {
        "margin": {"l": 64, "r": 16, "t": 40, "b": 48},
        "hovermode": "x unified",
        "hoversubplots": "axis",
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "font": {"family": "system-ui, sans-serif", "size": 13},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "rgba(0,0,0,0)",
        # Keep the visitor's zoom while only functions or parameters change.
        "uirevision": f"{state.xmin},{state.xmax},{state.log_deriv}",
        "xaxis": axis_style(title=tr("axis.x"), range_=[state.xmin, state.xmax])
        | {"hoverformat": ".6g"},
        "yaxis": axis_style(title=tr("axis.f")),
        "yaxis2": axis_style(title=derivative_title)
        | {
            "domain": DERIVATIVE_DOMAIN,
            "type": "log" if state.log_deriv else "linear",
            "exponentformat": "power",
        },
        "shapes": shapes,
        "annotations": annotations,
    }
    for (axis, key), value in derivative_panel(state.deriv).items():
        layout[axis][key] = value
    return layout


def derivative_panel(shown: bool) -> dict[tuple[str, str], Any]:
    """The layout settings that show or hide the f′ panel, as (axis, key) -> value."""
    return {
        ("xaxis", "anchor"): "y2" if shown else "y",
        ("yaxis", "domain"): F_DOMAIN if shown else [0.0, 1.0],
        ("yaxis2", "visible"): shown,
    }


def axis_style(title: str | None = None, range_: list[float] | None = None) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "showgrid": True,
        "gridcolor": "#e3e6ea",
        "zeroline": True,
        "zerolinecolor": "#9aa1a9",
        "linecolor": "#6b7280",
        "mirror": True,
    }
    if title:
        axis["title"] = {"text": title}
    if range_:
        axis["range"] = range_
    return axis
