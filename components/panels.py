"""Pure builders for the text beside the graph: one card per function, notices.

A card holds what a learner needs to know about one selected function: f and
f′ in LaTeX, where the function comes from, what PyTorch, Keras and JAX call
it (with their defaults), the convention at kinks, the current parameters,
the largest |f′| on the range and, folded away, the exact NumPy source the
library runs.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from dash import dcc, html

import activations
from activations.properties import Properties, properties
from activations.source import source_of
from components.curves import Curve, Curves, grad_peak
from components.figures import PRIME, fmt, peak_text
from components.state import Problem, ViewState

# Where the approximation error of an approximating function is measured.
APPROXIMATION_WINDOW = (-10.0, 10.0)


def function_cards(curves: Curves, state: ViewState) -> list[Any]:
    """One card per plotted function, catalogue functions first."""
    return [
        _catalogue_card(curve, curves, state)
        if curve.activation is not None
        else _custom_card(curve, curves, state)
        for curve in curves.curves
    ]


def _math(latex: str) -> str:
    return f"$$\n{latex}\n$$"


def _range_text(state: ViewState) -> str:
    # "[a, b]:" would read as a Markdown link definition, hence the inequality.
    return f"For {fmt(state.xmin)} ≤ x ≤ {fmt(state.xmax)}:"


def _peak_line(curve: Curve, curves: Curves, state: ViewState) -> str:
    peak = grad_peak(curve, curves, state)
    if peak is None:
        return f"**{_range_text(state)}** f{PRIME} is not finite anywhere on this range"
    if peak.abs_value == 0:
        return f"**{_range_text(state)}** f{PRIME} = 0 wherever it exists"
    return f"**{_range_text(state)}** {peak_text(peak)}"


def _catalogue_card(curve: Curve, curves: Curves, state: ViewState) -> html.Article:
    activation = curve.activation
    assert activation is not None
    lines = [
        _math(activation.latex),
        "",
        _math(activation.latex_grad),
        "",
        f"**Derivative:** {activation.describe_convention('en')}",
    ]
    if activation.describe_source("en"):
        lines += ["", f"**Origin:** {activation.describe_source('en')}"]
    if curve.params:
        shown = ", ".join(
            f"{activation.param(name).label('en')} = {fmt(value)}"
            for name, value in curve.params.items()
        )
        lines += ["", f"**Parameters:** {shown}"]
    if activation.approximates:
        lines += ["", _approximation_line(activation)]
    lines += ["", _peak_line(curve, curves, state)]
    children: list[Any] = [
        html.H3(
            [
                f"{activation.label('en')} · ",
                html.Span(activation.label("ja"), lang="ja"),
                " ",
                html.Code(activation.name),
            ]
        ),
        dcc.Markdown("\n".join(lines), mathjax=True),
    ]
    if activation.frameworks:
        children.append(_frameworks_table(activation))
    children.append(
        html.Details(
            className="source",
            children=[
                html.Summary("The NumPy source the app runs"),
                dcc.Markdown(f"```python\n{source_of(activation)}```"),
            ],
        )
    )
    return html.Article(className="function-card", children=children)


def _approximation_line(activation: activations.Activation) -> str:
    assert activation.approximates is not None
    exact = activations.get(activation.approximates)
    gap, where = activations.max_difference(activation, exact, *APPROXIMATION_WINDOW)
    low, high = (fmt(v) for v in APPROXIMATION_WINDOW)
    return (
        f"**Approximation** of {exact.label('en')} (`{exact.name}`): the two differ by at most "
        f"{gap:.2g} (at x = {where:.3g}) for {low} ≤ x ≤ {high}."
    )


def _frameworks_table(activation: activations.Activation) -> html.Table:
    rows = [
        html.Tr(
            [
                html.Th(entry.framework, scope="row"),
                html.Td(html.Code(entry.api)),
                html.Td(entry.note),
            ]
        )
        for entry in activation.frameworks
    ]
    return html.Table(
        className="frameworks",
        children=[
            html.Caption(f"{activation.label('en')} in the frameworks"),
            html.Thead(
                html.Tr(
                    [
                        html.Th("Framework", scope="col"),
                        html.Th("Call", scope="col"),
                        html.Th("Note", scope="col"),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
    )


def _custom_card(curve: Curve, curves: Curves, state: ViewState) -> html.Article:
    text = "\n".join(
        [
            f"f(x) = `{curve.expr}`",
            "",
            f"**Derivative:** f{PRIME} is computed exactly from the same expression, by "
            "forward-mode automatic differentiation (dual numbers): each operation passes "
            "on its value and its derivative by the chain rule. Where f or f′ is not a "
            "finite number (log of a negative, division by zero) the curve has a gap.",
            "",
            _peak_line(curve, curves, state),
        ]
    )
    return html.Article(
        className="function-card",
        children=[html.H3("Your own function"), dcc.Markdown(text)],
    )


def notice_lines(problems: Sequence[Problem]) -> list[str]:
    """One readable line per problem, for the notice area."""
    return [str(problem) for problem in problems]


def _interval(low: float, high: float, open_ends: tuple[bool, bool]) -> str:
    left = "(" if open_ends[0] or low == float("-inf") else "["
    right = ")" if open_ends[1] or high == float("inf") else "]"
    return f"{left}{_bound(low)}, {_bound(high)}{right}"


def _bound(value: float) -> str:
    if value == float("inf"):
        return "∞"
    if value == float("-inf"):
        return "−∞"
    return fmt(value)


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _where(at: float | tuple[float, float]) -> str:
    if isinstance(at, tuple):
        return f"for x from {_bound(at[0])} to {_bound(at[1])}"
    return f"at x = {fmt(at)}"


def _max_slope(p: Properties) -> str:
    at = p.max_abs_grad_at
    if p.max_abs_grad_approached:
        sides = at if isinstance(at, tuple) else (at,)
        towards = "±∞" if len(set(sides)) > 1 else _bound(sides[0])
        return f"{fmt(p.max_abs_grad)}, approached as x → {towards}"
    return f"{fmt(p.max_abs_grad)} {_where(at)}"


PROPERTY_ROWS: tuple[tuple[str, Any], ...] = (
    ("Output range", lambda p: _interval(*p.output_range, p.range_open)),
    ("Monotonic", lambda p: p.monotonic),
    ("Zero-centred", lambda p: _yes_no(p.zero_centred)),
    ("Smoothness", lambda p: p.smoothness),
    (
        "Kinks and jumps",
        lambda p: (
            ", ".join(
                [f"kink at {fmt(x)}" for x in p.kinks] + [f"jump at {fmt(x)}" for x in p.jumps]
            )
            or "none"
        ),
    ),
    (
        f"f{PRIME} at a kink or jump",
        lambda p: ", ".join(f"f{PRIME}({fmt(x)}) = {fmt(g)}" for x, g in p.grad_at_kinks) or "—",
    ),
    (f"max |f{PRIME}|", lambda p: _max_slope(p)),
    ("Saturates", lambda p: " and ".join(p.saturates) + " side" if p.saturates else "no"),
    (
        "Minimum",
        lambda p: f"{fmt(p.minimum[0])} at x = {fmt(p.minimum[1])}" if p.minimum else "—",
    ),
)


def properties_table(curves: Curves) -> Any:
    """Properties of the selected catalogue functions, one column each, computed
    by the library at their current parameters."""
    chosen = curves.catalogue()
    if not chosen:
        return html.P("Choose a catalogue function to compare its properties.", className="hint")
    computed = [_properties(c.name, tuple(sorted(c.params.items()))) for c in chosen]
    header = html.Tr(
        [html.Th("Property", scope="col")] + [html.Th(c.label, scope="col") for c in chosen]
    )
    rows = [
        html.Tr([html.Th(title, scope="row")] + [html.Td(show(p)) for p in computed])
        for title, show in PROPERTY_ROWS
    ]
    return html.Table(
        className="properties",
        children=[
            html.Caption("Computed from each function at its current parameters"),
            html.Thead(header),
            html.Tbody(rows),
        ],
    )


@functools.lru_cache(maxsize=512)
def _properties(name: str, params: tuple[tuple[str, float], ...]) -> Properties:
    # Pure in (name, params), and a few milliseconds each: worth remembering.
    return properties(activations.get(name), dict(params))
