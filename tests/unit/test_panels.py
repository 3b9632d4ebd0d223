"""Pure panel builders: function cards and the properties table."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

import activations
from components.curves import compute_curves
from components.panels import function_cards, mathml, properties_table
from components.state import ViewState


def text_of(component: Any) -> str:
    """Every string in a component tree, joined (what a reader of the page sees)."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def cards(**fields: Any) -> list[Any]:
    state = ViewState(**fields)
    return function_cards(compute_curves(state), state)


def cards_text(**fields: Any) -> list[str]:
    return [text_of(card) for card in cards(**fields)]


def walk(component: Any) -> list[Any]:
    """The component and every component below it."""
    if isinstance(component, list | tuple):
        return [c for child in component for c in walk(child)]
    if not hasattr(component, "to_plotly_json"):
        return []
    return [component, *walk(getattr(component, "children", None))]


def formulas_of(card: Any) -> list[ET.Element]:
    """The MathML of each formula on a card, parsed."""
    return [
        ET.fromstring(getattr(c, "data-mathml"))
        for c in walk(card)
        if getattr(c, "className", None) == "formula"
    ]


def tex_of(formula: ET.Element) -> str:
    (annotation,) = formula.iter("annotation")
    assert annotation.get("encoding") == "application/x-tex"
    return annotation.text or ""


def test_a_card_per_function_with_formulas_convention_origin_and_peak():
    (card,) = cards(functions=("sigmoid",))
    sigmoid = activations.get("sigmoid")
    assert [tex_of(f) for f in formulas_of(card)] == [sigmoid.latex, sigmoid.latex_grad]
    card = text_of(card)
    assert sigmoid.describe_convention("en") in card
    assert sigmoid.describe_source("en") in card
    assert "シグモイド" in card
    assert "max |f′| = 0.25 at x = 0" in card


def test_the_card_shows_current_parameters():
    (card,) = cards_text(functions=("leaky_relu",), params=(("leaky_relu", (("alpha", 0.2),)),))
    assert "= 0.2" in card


def test_the_card_folds_in_the_exact_source_as_plain_code():
    (card,) = cards(functions=("softplus",))
    (source,) = [c for c in walk(card) if type(c).__name__ == "Pre"]
    code = text_of(source)
    assert "def softplus(" in code and "def d_softplus(" in code
    # No Markdown anywhere on a card: no Markdown parser or highlighter to download.
    assert not [c for c in walk(card) if type(c).__name__ == "Markdown"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_card_shows_markdown_markup(lang):
    names = tuple(activations.names())
    for card in cards(functions=names, expr="x * sigmoid(x)", lang=lang):
        prose = " ".join(text_of(c) for c in walk(card) if type(c).__name__ == "P")
        assert "**" not in prose and "`" not in prose, prose


@pytest.mark.parametrize("activation", activations.all_activations(), ids=lambda a: a.name)
def test_every_catalogue_formula_becomes_mathml(activation):
    for latex in (activation.latex, activation.latex_grad):
        formula = ET.fromstring(mathml(latex))
        assert formula.tag == "math" and formula.get("display") == "block"
        assert tex_of(formula) == latex
        (semantics,) = formula
        drawn = semantics[0]
        assert not list(drawn.iter("merror"))
        # Every command was understood: no LaTeX left in what is drawn.
        assert "\\" not in "".join(drawn.itertext())
        braces = [e for e in drawn.iter() if e.tag != "mo" and set(e.text or "") & set("{}")]
        assert not braces, [e.text for e in braces]
        # Only the first child of <semantics> is drawn: the source stays hidden.
        assert [child.tag for child in semantics] == ["mrow", "annotation"]


def test_formulas_are_spaced_as_tex_spaces_them():
    def drawn(latex: str) -> list[tuple[str, str, dict[str, str]]]:
        (semantics,) = ET.fromstring(mathml(latex))
        # In document order, leaving out the rows that only group.
        return [
            (e.tag, e.text or "", dict(e.attrib)) for e in semantics[0].iter() if e.tag != "mrow"
        ]

    def tight(items: list[tuple[str, str, dict[str, str]]], text: str) -> list[bool]:
        """For each operator ``text``: drawn without space on either side?"""
        return [
            attrs.get("lspace") == "0" and attrs.get("rspace") == "0"
            for tag, t, attrs in items
            if tag == "mo" and t == text
        ]

    # f' is f followed by a prime, not a prime raised as a superscript.
    primed = drawn("f'(x) = 1")
    assert [tag for tag, _, _ in primed][:2] == ["mi", "mo"] and tight(primed, "\u2032") == [True]
    # A function name keeps a thin space from its neighbours, none before "(".
    assert [tag for tag, _, _ in drawn(r"x \tanh x")] == ["mi", "mspace", "mi", "mspace", "mi"]
    assert [(tag, t) for tag, t, _ in drawn(r"\max(0, x)")][:2] == [("mi", "max"), ("mo", "(")]
    # A minus first or after an operator is unary; after ")" it is binary.
    assert tight(drawn(r"\max(x, -1)"), "\u2212") == [True]
    assert tight(drawn(r"-x + \max(0, x) - 1"), "\u2212") == [True, False]
    # |x| hugs its argument, x/6 its operands; cases are aligned left.
    assert tight(drawn(r"1 + |x|"), "|") == [True, True]
    assert tight(drawn(r"x/6"), "/") == [True]
    cases = drawn(r"\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}")
    cells = [attrs for tag, _, attrs in cases if tag == "mtd"]
    assert len(cells) == 4 and all(attrs == {"style": "text-align: left"} for attrs in cells)


@pytest.mark.parametrize("name", [a.name for a in activations.all_activations() if a.frameworks])
def test_framework_names_are_shown(name):
    (card,) = cards_text(functions=(name,))
    for entry in activations.get(name).frameworks:
        assert entry.framework in card and entry.api in card


@pytest.mark.parametrize("name", [a.name for a in activations.all_activations() if a.approximates])
def test_an_approximation_says_how_far_it_is_from_the_exact_form(name):
    (card,) = cards_text(functions=(name,))
    assert "Approximation" in card and "differ by at most" in card


def test_a_typed_function_gets_its_own_card():
    (card,) = cards(functions=(), expr="x * sigmoid(x)")
    assert "x * sigmoid(x)" in [text_of(c) for c in walk(card) if type(c).__name__ == "Code"]
    assert "dual numbers" in text_of(card)


def test_the_properties_table_has_a_column_per_catalogue_function():
    state = ViewState(functions=("sigmoid", "relu"), expr="x**2")
    table = properties_table(compute_curves(state))
    header = table.children[1].children.children
    assert [text_of(cell) for cell in header] == ["Property", "Sigmoid", "ReLU"]
    text = text_of(table)
    assert "(0, 1)" in text  # sigmoid's open output range
    assert "[0, ∞)" in text  # ReLU's
    assert "kink at 0" in text


def test_the_properties_table_without_catalogue_functions_says_so():
    state = ViewState(functions=(), expr="x**2")
    assert "Choose a catalogue function" in text_of(properties_table(compute_curves(state)))


def test_the_graph_summary_names_functions_range_and_slopes():
    from components.panels import graph_summary

    state = ViewState(functions=("sigmoid", "relu"), xmin=-5.0, xmax=5.0, n=201)
    text = graph_summary(compute_curves(state), state)
    assert "Sigmoid, ReLU" in text and "-5 to 5 (201 points)" in text
    assert "max |f′| = 0.25 at x = 0" in text and "derivative" in text
    japanese = graph_summary(compute_curves(ViewState(lang="ja")), ViewState(lang="ja"))
    assert "シグモイド関数" in japanese and "|f′| の最大 = 0.25" in japanese


def test_the_data_table_samples_the_plotted_values():
    from components.panels import data_table

    state = ViewState(functions=("relu",), xmin=-5.0, xmax=5.0, n=201, deriv=True)
    table = data_table(compute_curves(state), state)
    header = [text_of(cell) for cell in table.children[1].children.children]
    assert header == ["x", "ReLU: f(x)", "ReLU: f′(x)"]
    rows = table.children[2].children
    assert len(rows) == 11
    assert [text_of(cell) for cell in rows[-1].children] == ["5", "5", "1"]
    tiny = ViewState(functions=("relu",), n=3)
    assert len(data_table(compute_curves(tiny), tiny).children[2].children) == 3
