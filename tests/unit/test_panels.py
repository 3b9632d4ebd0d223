"""Pure panel builders: function cards and the properties table."""

from __future__ import annotations

from typing import Any

import pytest

import activations
from components.curves import compute_curves
from components.panels import function_cards, properties_table
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


def cards_text(**fields: Any) -> list[str]:
    state = ViewState(**fields)
    return [text_of(card) for card in function_cards(compute_curves(state), state)]


def test_a_card_per_function_with_latex_convention_origin_and_peak():
    (card,) = cards_text(functions=("sigmoid",))
    sigmoid = activations.get("sigmoid")
    assert sigmoid.latex in card and sigmoid.latex_grad in card
    assert sigmoid.describe_convention("en") in card
    assert sigmoid.describe_source("en") in card
    assert "シグモイド" in card
    assert "max |f′| = 0.25 at x = 0" in card


def test_the_card_shows_current_parameters():
    (card,) = cards_text(functions=("leaky_relu",), params=(("leaky_relu", (("alpha", 0.2),)),))
    assert "= 0.2" in card


def test_the_card_folds_in_the_exact_source():
    (card,) = cards_text(functions=("softplus",))
    assert "def softplus(" in card and "def d_softplus(" in card


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
    (card,) = cards_text(functions=(), expr="x * sigmoid(x)")
    assert "x * sigmoid(x)" in card and "dual numbers" in card


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
