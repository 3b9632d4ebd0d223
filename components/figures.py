"""Pure figure builders: computed curves in, a Plotly figure dict out.

Nothing here talks to Dash or reads input; tests call these directly.
Figures are plain dicts (what ``dcc.Graph`` receives anyway), which keeps
them cheap to build and easy to assert on.
"""

from __future__ import annotations

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


def explorer_figure(curves: Curves, state: ViewState) -> Figure:
    """f for every selected function and, with the derivative on, f′ below it.

    f and f′ of one function share a colour; f′ is dashed and sits in a
    subplot that shares the x-axis. The largest |f′| on the range is marked,
    and every point where f′ does not exist gets a dotted line.
    """
    tr = translator(state.lang)
    traces: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for index, curve in enumerate(curves.curves):
        traces.append(_value_trace(curves.x, curve, index))
    if state.deriv:
        for index, curve in enumerate(curves.curves):
            traces.append(_derivative_trace(curves.x, curve, index, state.log_deriv))
            peak = grad_peak(curve, curves, state)
            if peak is not None and peak.abs_value > 0:
                traces.append(_peak_trace(curve, peak, colour(index), state.log_deriv, tr))
        shapes, annotations = _singular_marks(curves, state, tr)
    return {"data": traces, "layout": _layout(state, shapes, annotations, tr)}


def _hover(label: str, first: str, second: str) -> str:
    return (
        f"<b>{label}</b><br>x = %{{x:.6g}}<br>{first} = %{{y:.6g}}"
        f"<br>{second} = %{{customdata:.6g}}<extra></extra>"
    )


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


def _value_trace(x: np.ndarray, curve: Curve, index: int) -> dict[str, Any]:
    label = curve.label
    return {
        "type": "scatter",
        **curve_marks(index),
        "name": label,
        "legendgroup": curve.name,
        "x": x,
        "y": curve.y,
        "customdata": curve.dy,
        "hovertemplate": _hover(label, "f(x)", f"f{PRIME}(x)"),
    }


def _derivative_trace(x: np.ndarray, curve: Curve, index: int, log_scale: bool) -> dict[str, Any]:
    label = curve.label
    name = f"{label} |f{PRIME}|" if log_scale else f"{label} f{PRIME}"
    return {
        "type": "scatter",
        **curve_marks(index, dash="dash"),
        "name": name,
        "legendgroup": curve.name,
        "showlegend": False,
        "x": x,
        # A log axis cannot show f′ ≤ 0, so it plots |f′| (and says so).
        "y": np.abs(curve.dy) if log_scale else curve.dy,
        "customdata": curve.y,
        "xaxis": "x2",
        "yaxis": "y2",
        "hovertemplate": _hover(label, f"|f{PRIME}(x)|" if log_scale else f"f{PRIME}(x)", "f(x)"),
    }


def peak_text(peak: activations.GradPeak, tr: Translate) -> str:
    """ "max |f′| = 0.25 at x = 0", or the interval where a plateau holds."""
    if peak.plateau:
        low, high = (fmt(v) for v in peak.plateau)
        return tr("peak.plateau", value=fmt(peak.abs_value), low=low, high=high)
    return tr("peak.at", value=fmt(peak.abs_value), x=fmt(peak.x))


def _peak_trace(
    curve: Curve, peak: activations.GradPeak, line_colour: str, log_scale: bool, tr: Translate
) -> dict[str, Any]:
    label = curve.label
    return {
        "type": "scatter",
        "mode": "markers",
        "name": tr("trace.max_grad", label=label),
        "legendgroup": curve.name,
        "showlegend": False,
        "x": [peak.x],
        "y": [peak.abs_value if log_scale else peak.value],
        "xaxis": "x2",
        "yaxis": "y2",
        "marker": {
            "symbol": "diamond",
            "size": 12,
            "color": line_colour,
            "line": {"color": "#ffffff", "width": 1.5},
        },
        "hovertemplate": f"<b>{label}</b><br>{peak_text(peak, tr)}<extra></extra>",
    }


def _singular_marks(
    curves: Curves, state: ViewState, tr: Translate
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A dotted line wherever some selected f′ does not exist, labelled with who."""
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
                "xref": "x2",
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
                "xref": "x2",
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


def _layout(
    state: ViewState,
    shapes: list[dict[str, Any]],
    annotations: list[dict[str, Any]],
    tr: Translate,
) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "margin": {"l": 64, "r": 16, "t": 40, "b": 48},
        "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "font": {"family": "system-ui, sans-serif", "size": 13},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "rgba(0,0,0,0)",
        # Keep the visitor's zoom while only functions or parameters change.
        "uirevision": f"{state.xmin},{state.xmax},{state.deriv},{state.log_deriv}",
        "xaxis": axis_style(range_=[state.xmin, state.xmax]),
        "yaxis": axis_style(title=tr("axis.f")),
        "shapes": shapes,
        "annotations": annotations,
    }
    if state.deriv:
        layout["xaxis"].update(anchor="y", showticklabels=False)
        layout["yaxis"].update(domain=[0.56, 1.0])
        layout["xaxis2"] = axis_style(title=tr("axis.x"), range_=[state.xmin, state.xmax])
        layout["xaxis2"].update(anchor="y2", matches="x")
        derivative_title = tr("axis.df_log") if state.log_deriv else tr("axis.df")
        layout["yaxis2"] = axis_style(title=derivative_title)
        layout["yaxis2"].update(
            domain=[0.0, 0.44],
            type="log" if state.log_deriv else "linear",
            exponentformat="power",
        )
    else:
        layout["xaxis"].update(title={"text": tr("axis.x")})
    return layout


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
