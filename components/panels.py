"""Pure builders for the text beside the graph: one card per function, notices.

A card holds what a learner needs to know about one selected function: f and
f′ as formulas, where the function comes from, what PyTorch, Keras and JAX
call it (with their defaults), the convention at kinks, the current
parameters, the largest |f′| on the range and, folded away, the exact NumPy
source the library runs.

The formulas are the catalogue's LaTeX turned into MathML on the server
(:func:`mathml`): the browser lays them out itself and screen readers read
them as mathematics, so the page needs no MathJax (about 0.6 MB compressed).
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from dash import html
from latex2mathml.converter import convert as latex_to_mathml

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


# --- formulas: LaTeX -> MathML ------------------------------------------------

# Elements whose children are a row: a thin space may go between two of them.
# (msup, mfrac, ... take a fixed number of children: nothing is inserted there.)
_ROWS = frozenset({"math", "mrow", "mtd", "msqrt", "mstyle", "mpadded", "mphantom"})
_THIN_SPACE = "0.167em"  # TeX's \,
_PRIME = "\u2032"
_SIGNS = frozenset({"\u2212", "+", "-"})
_CLOSERS = frozenset({")", "]", "}", "|"})


@functools.lru_cache(maxsize=256)
def mathml(latex: str) -> str:
    """``latex`` as a display MathML formula that keeps its source.

    latex2mathml does the conversion; :func:`_typeset` then puts back what
    TeX (and MathJax) would show and browsers' MathML layout leaves out. The
    LaTeX rides along as an ``application/x-tex`` annotation, which is not
    drawn but is there to copy.
    """
    root = ET.fromstring(latex_to_mathml(latex, display="block"))
    for element in root.iter():  # the HTML parser puts <math> in the MathML namespace itself
        element.tag = element.tag.rpartition("}")[2]
    _typeset(root)
    row = ET.Element("mrow")
    row.extend(list(root))
    for child in list(root):
        root.remove(child)
    semantics = ET.SubElement(root, "semantics")
    semantics.append(row)
    ET.SubElement(semantics, "annotation", encoding="application/x-tex").text = latex
    return ET.tostring(root, encoding="unicode")


def _typeset(parent: ET.Element) -> None:
    r"""TeX's spacing where MathML Core's operator rules differ, in place.

    - ``f'``: a prime after the letter (a superscript prime is raised twice);
    - a sign with nothing or an operator before it is unary: no space after it;
    - ``|x|``, ``x/6``: no space around the bars and the slash;
    - function names (``\tanh``, ``\ln``, ``\max``, ``\mathrm{erf}``): upright,
      a thin space from a neighbouring symbol, none before "(";
    - ``cases``: columns aligned left (MathML Core has no ``columnalign``).
    """
    for child in parent:
        _typeset(child)
    children = list(parent)
    row: list[ET.Element] = []
    for i, el in enumerate(children):
        before = row[-1] if row else None
        if el.tag == "msup" and len(el) == 2 and el[1].tag == "mi" and el[1].text == _PRIME:
            primed = ET.Element("mrow")
            primed.append(el[0])
            ET.SubElement(primed, "mo", lspace="0", rspace="0").text = _PRIME
            el = primed
        elif el.tag == "mo" and (
            el.text in {"|", "/"} or (el.text in _SIGNS and _starts_operand(before))
        ):
            el.set("lspace", "0")
            el.set("rspace", "0")
        elif el.tag == "mtd" and el.get("columnalign") == "left":
            del el.attrib["columnalign"]
            el.set("style", "text-align: left")
        if parent.tag in _ROWS and _is_function_name(el):
            if el.tag == "mo":  # \max, \min come out as operators
                el.tag = "mi"
                el.attrib.clear()
            if before is not None and before.tag not in {"mo", "mspace"}:
                row.append(ET.Element("mspace", width=_THIN_SPACE))
            row.append(el)
            after = children[i + 1] if i + 1 < len(children) else None
            if after is not None and after.tag not in {"mo", "mspace"} and not _opens(after):
                row.append(ET.Element("mspace", width=_THIN_SPACE))
            continue
        row.append(el)
    for child in children:
        parent.remove(child)
    parent.extend(row)


def _starts_operand(before: ET.Element | None) -> bool:
    """Whether a sign after ``before`` is unary: first, or after an operator."""
    if before is None:
        return True
    return before.tag == "mo" and before.text not in _CLOSERS and before.get("form") != "postfix"


def _is_function_name(el: ET.Element) -> bool:
    text = el.text or ""
    if el.tag in {"mi", "mo"}:
        return len(text) > 1 and text.isalpha()
    if el.tag == "mrow":  # \mathrm{erf}: one upright <mi> per letter
        return len(el) > 1 and all(c.tag == "mi" and c.get("mathvariant") == "normal" for c in el)
    return el.tag == "msup" and len(el) == 2 and _is_function_name(el[0])  # \tanh^2


def _opens(el: ET.Element) -> bool:
    first = el[0] if el.tag == "mrow" and len(el) else el
    return first.tag == "mo" and first.text == "("


def _formula(latex: str) -> html.Div:
    # Dash has no MathML components: assets/formulas.js puts this markup in place.
    # (dcc.Markdown could pass it through, but would load ~110 kB of Markdown
    # and highlighting scripts for it.)
    markup: dict[str, Any] = {"data-mathml": mathml(latex)}
    return html.Div(className="formula", **markup)


# --- cards ------------------------------------------------------------------------

# The only markup the card texts of the catalogues use: **strong** and `code`.
_INLINE_MARKUP = re.compile(r"\*\*(.+?)\*\*|`(.+?)`")


def _inline(text: str) -> list[Any]:
    """``text`` with its **strong** and `code` spans as elements."""
    parts: list[Any] = []
    end = 0
    for match in _INLINE_MARKUP.finditer(text):
        if match.start() > end:
            parts.append(text[end : match.start()])
        strong, code = match.groups()
        parts.append(html.Strong(strong) if strong is not None else html.Code(code))
        end = match.end()
    if end < len(text):
        parts.append(text[end:])
    return parts


def _line(label: str, *text: Any) -> html.P:
    """A paragraph that starts with a bold label, as "Derivative: ..."."""
    return html.P([html.Strong(label), " ", *text])


def _peak_line(curve: Curve, curves: Curves, state: ViewState, tr: Translate) -> html.P:
    where = tr("card.range", xmin=fmt(state.xmin), xmax=fmt(state.xmax))
    peak = grad_peak(curve, curves, state)
    if peak is None:
        return _line(where, tr("card.no_grad"))
    if peak.abs_value == 0:
        return _line(where, tr("card.zero_grad"))
    return _line(where, peak_text(peak, tr))


def _catalogue_card(curve: Curve, curves: Curves, state: ViewState, tr: Translate) -> html.Article:
    activation = curve.activation
    assert activation is not None
    lang = state.lang
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
        _formula(activation.latex),
        _formula(activation.latex_grad),
        _line(tr("card.derivative"), activation.describe_convention(lang)),
    ]
    if activation.describe_source(lang):
        children.append(_line(tr("card.origin"), activation.describe_source(lang)))
    if curve.params:
        shown = ", ".join(
            f"{activation.param(name).label(lang)} = {fmt(value)}"
            for name, value in curve.params.items()
        )
        children.append(_line(tr("card.parameters"), shown))
    if activation.approximates:
        children.append(html.P(_inline(_approximation_line(activation, tr, lang))))
    children.append(_peak_line(curve, curves, state, tr))
    if activation.frameworks:
        children.append(_frameworks_table(activation, tr, lang))
    children.append(
        html.Details(
            className="source",
            children=[
                html.Summary(tr("card.source")),
                # Plain text: a code block in Markdown would load a highlighter (~40 kB).
                html.Pre(html.Code(source_of(activation), className="language-python")),
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
    return html.Article(
        className="function-card",
        children=[
            html.H3(tr("custom.title")),
            html.P(["f(x) = ", html.Code(curve.expr)]),
            _line(tr("card.derivative"), tr("custom.derivative")),
            _peak_line(curve, curves, state, tr),
        ],
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
