"""Pure builders for the text beside the graph: one card per function, notices.

A card holds what a learner needs to know about one selected function: f and
f′ in LaTeX, where the function comes from, what PyTorch, Keras and JAX call
it (with their defaults), the convention at kinks, the current parameters,
the largest |f′| on the range and, folded away, the exact NumPy source the
library runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from dash import dcc, html

import activations
from activations.properties import Properties, properties
from activations.source import source_of
from components.curves import Curve, Curves, grad_peak
from components.figures import PRIME, fmt, peak_text
from components.i18n import Translate, translator
from components.state import Problem, ViewState

# Where the approximation error of an approximating function is measured.
APPROXIMATION_WINDOW = (-10.0, 10.0)


def function_cards(curves: Curves, state: ViewState) -> list[Any]:
    """One card per plotted function, catalogue functions first."""
    return [function_card(j, curves, state) for j in range(len(curves.curves))]


def function_card(index: int, curves: Curves, state: ViewState) -> html.Article:
    """The card of the ``index``-th plotted function."""
    tr = translator(state.lang)
    curve = curves.curves[index]
    if curve.activation is not None:
        return _catalogue_card(curve, curves, state, tr)
    return _custom_card(curve, curves, state, tr)


def _math(latex: str) -> str:
    return f"$$\n{latex}\n$$"


def _peak_line(curve: Curve, curves: Curves, state: ViewState, tr: Translate) -> str:
    # "[a, b]:" would read as a Markdown link definition, hence the inequality.
    where = tr("card.range", xmin=fmt(state.xmin), xmax=fmt(state.xmax))
    peak = grad_peak(curve, curves, state)
    if peak is None:
        return f"**{where}** {tr('card.no_grad')}"
    if peak.abs_value == 0:
        return f"**{where}** {tr('card.zero_grad')}"
    return f"**{where}** {peak_text(peak, tr)}"


def _catalogue_card(curve: Curve, curves: Curves, state: ViewState, tr: Translate) -> html.Article:
    activation = curve.activation
    assert activation is not None
    lang = state.lang
    lines = [
        _math(activation.latex),
        "",
        _math(activation.latex_grad),
        "",
        f"**{tr('card.derivative')}** {activation.describe_convention(lang)}",
    ]
    if activation.describe_source(lang):
        lines += ["", f"**{tr('card.origin')}** {activation.describe_source(lang)}"]
    if curve.params:
        shown = ", ".join(
            f"{activation.param(name).label(lang)} = {fmt(value)}"
            for name, value in curve.params.items()
        )
        lines += ["", f"**{tr('card.parameters')}** {shown}"]
    if activation.approximates:
        lines += ["", _approximation_line(activation, tr, lang)]
    lines += ["", _peak_line(curve, curves, state, tr)]
    other = "ja" if lang == "en" else "en"
    children: list[Any] = [
        html.H3(
            [
                f"{activation.label(lang)} · ",
                html.Span(activation.label(other), lang=other),
                " ",
                html.Code(activation.name),
            ]
        ),
        dcc.Markdown("\n".join(lines), mathjax=True),
    ]
    if activation.frameworks:
        children.append(_frameworks_table(activation, tr, lang))
    children.append(
        html.Details(
            className="source",
            children=[
                html.Summary(tr("card.source")),
                dcc.Markdown(f"```python\n{source_of(activation)}```"),
            ],
        )
    )
    return html.Article(className="function-card", children=children)


def _approximation_line(activation: activations.Activation, tr: Translate, lang: str) -> str:
    assert activation.approximates is not None
    exact = activations.get(activation.approximates)
    gap, where = activations.max_difference(activation, exact, *APPROXIMATION_WINDOW)
    low, high = (fmt(v) for v in APPROXIMATION_WINDOW)
    return tr(
        "card.approximation",
        name=exact.label(lang),
        code=exact.name,
        gap=f"{gap:.2g}",
        where=f"{where:.3g}",
        low=low,
        high=high,
    )


def _frameworks_table(activation: activations.Activation, tr: Translate, lang: str) -> html.Table:
    rows = [
        html.Tr(
            [
                html.Th(entry.framework, scope="row"),
                html.Td(html.Code(entry.api)),
                html.Td(entry.describe_note(lang)),
            ]
        )
        for entry in activation.frameworks
    ]
    headers = ("frameworks.framework", "frameworks.call", "frameworks.note")
    return html.Table(
        className="frameworks",
        children=[
            html.Caption(tr("frameworks.caption", name=activation.label(lang))),
            html.Thead(html.Tr([html.Th(tr(key), scope="col") for key in headers])),
            html.Tbody(rows),
        ],
    )


def _custom_card(curve: Curve, curves: Curves, state: ViewState, tr: Translate) -> html.Article:
    text = "\n".join(
        [
            f"f(x) = `{curve.expr}`",
            "",
            f"**{tr('card.derivative')}** {tr('custom.derivative')}",
            "",
            _peak_line(curve, curves, state, tr),
        ]
    )
    return html.Article(
        className="function-card",
        children=[html.H3(tr("custom.title")), dcc.Markdown(text)],
    )


def notice_lines(problems: Sequence[Problem], lang: str = "en") -> list[str]:
    """One readable line per problem, for the notice area."""
    return [problem.text(lang) for problem in problems]


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


def _max_slope(p: Properties, tr: Translate) -> str:
    at, value = p.max_abs_grad_at, fmt(p.max_abs_grad)
    if p.max_abs_grad_approached:
        sides = at if isinstance(at, tuple) else (at,)
        towards = "±∞" if len(set(sides)) > 1 else _bound(sides[0])
        return tr("max_grad.approached", value=value, towards=towards)
    if isinstance(at, tuple):
        return tr("max_grad.over", value=value, low=_bound(at[0]), high=_bound(at[1]))
    return tr("max_grad.at", value=value, x=fmt(at))


def _breaks(p: Properties, tr: Translate) -> str:
    kinks = [tr("kinks.kink_at", x=fmt(x)) for x in p.kinks]
    jumps = [tr("kinks.jump_at", x=fmt(x)) for x in p.jumps]
    return ", ".join(kinks + jumps) or tr("value.none")


def _saturates(p: Properties, tr: Translate) -> str:
    if not p.saturates:
        return tr("value.no")
    sides = tr("saturates.and").join(tr(f"saturates.{side}") for side in p.saturates)
    return tr("saturates.sides", sides=sides)


# (catalogue key of the row title, how to show one function's value)
PROPERTY_ROWS: tuple[tuple[str, Callable[[Properties, Translate], str]], ...] = (
    ("prop.range", lambda p, tr: _interval(*p.output_range, p.range_open)),
    ("prop.monotonic", lambda p, tr: tr(f"monotonic.{p.monotonic}")),
    ("prop.zero_centred", lambda p, tr: tr("value.yes" if p.zero_centred else "value.no")),
    ("prop.smoothness", lambda p, tr: tr(f"smoothness.{p.smoothness}")),
    ("prop.kinks", _breaks),
    (
        "prop.grad_at_kinks",
        lambda p, tr: (
            ", ".join(f"f{PRIME}({fmt(x)}) = {fmt(g)}" for x, g in p.grad_at_kinks) or "—"
        ),
    ),
    ("prop.max_grad", _max_slope),
    ("prop.saturates", _saturates),
    (
        "prop.minimum",
        lambda p, tr: (
            tr("minimum.at", value=fmt(p.minimum[0]), x=fmt(p.minimum[1])) if p.minimum else "—"
        ),
    ),
)


def properties_table(curves: Curves, lang: str = "en") -> Any:
    """Properties of the selected catalogue functions, one column each, computed
    by the library at their current parameters."""
    chosen = tuple((c.name, c.label, tuple(sorted(c.params.items()))) for c in curves.catalogue())
    return _properties_table(chosen, lang)


@functools.lru_cache(maxsize=128)
def _properties_table(
    chosen: tuple[tuple[str, str, tuple[tuple[str, float], ...]], ...], lang: str
) -> Any:
    # Pure in its arguments; a view often returns to an earlier selection.
    tr = translator(lang)
    if not chosen:
        return html.P(tr("properties.none"), className="hint")
    computed = [_properties(name, params) for name, _, params in chosen]
    header = html.Tr(
        [html.Th(tr("properties.header"), scope="col")]
        + [html.Th(label, scope="col") for _, label, _ in chosen]
    )
    rows = [
        html.Tr([html.Th(tr(title), scope="row")] + [html.Td(show(p, tr)) for p in computed])
        for title, show in PROPERTY_ROWS
    ]
    return html.Table(
        className="properties",
        children=[
            html.Caption(tr("properties.caption")),
            html.Thead(header),
            html.Tbody(rows),
        ],
    )


@functools.lru_cache(maxsize=512)
def _properties(name: str, params: tuple[tuple[str, float], ...]) -> Properties:
    # Pure in (name, params), and a few milliseconds each: worth remembering.
    return properties(activations.get(name), dict(params))


# --- the graph's text alternative ------------------------------------------------

TABLE_ROWS = 11


def graph_summary(curves: Curves, state: ViewState) -> str:
    """What the graph shows, in words: the functions, the range, each one's max |f′|."""
    tr = translator(state.lang)
    names = ", ".join(curve.label for curve in curves.curves)
    parts = [
        tr(
            "summary.plotted",
            names=names,
            xmin=fmt(state.xmin),
            xmax=fmt(state.xmax),
            n=f"{state.n:,}",
        )
    ]
    if state.deriv:
        parts.append(tr("summary.derivative"))
    for curve in curves.curves:
        peak = grad_peak(curve, curves, state)
        if peak is None:
            detail = tr("card.no_grad")
        elif peak.abs_value == 0:
            detail = tr("card.zero_grad")
        else:
            detail = peak_text(peak, tr)
        parts.append(tr("summary.function", label=curve.label, detail=detail))
    return tr("summary.join").join(parts)


def data_table(curves: Curves, state: ViewState) -> html.Table:
    """The plotted numbers at a few evenly spaced samples, as an accessible table."""
    tr = translator(state.lang)
    rows = np.unique(np.linspace(0, state.n - 1, min(TABLE_ROWS, state.n)).round().astype(int))
    header = ["x"] + [f"{c.label}: f(x)" for c in curves.curves]
    if state.deriv:
        header += [f"{c.label}: f{PRIME}(x)" for c in curves.curves]
    body = []
    for i in rows:
        values = [curves.x[i]] + [c.y[i] for c in curves.curves]
        if state.deriv:
            values += [c.dy[i] for c in curves.curves]
        cells = [html.Th(fmt(float(values[0])), scope="row")]
        cells += [html.Td(fmt(float(v))) for v in values[1:]]
        body.append(html.Tr(cells))
    return html.Table(
        className="properties",
        children=[
            html.Caption(tr("table.caption", rows=len(rows), n=f"{state.n:,}")),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(body),
        ],
    )
