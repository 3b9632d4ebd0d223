"""Partial updates: a patched page must equal a full redraw of the new view.

Each test builds the figure (or cards) of the view on the page, applies the
Patch the callback sends exactly as Dash's renderer does (Assign, Delete,
Insert at a location), and compares with what a full redraw would send.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest

from components.curves import compute_curves
from components.figures import TRACES_PER_CURVE, explorer_figure
from components.state import ViewState, parse_query
from components.theme import for_display
from components.updates import (
    Change,
    cards_for_curves,
    classify,
    figure_for_curves,
    figure_for_derivative,
    shown_state,
)

DARK = {"theme": "dark", "large": False}


def apply_patch(target: Any, patch: Any) -> Any:
    """Apply a Dash Patch's operations to a copy of ``target``, as the renderer does."""
    result = copy.deepcopy(target)
    for op in patch.to_plotly_json()["operations"]:
        *parents, last = op["location"] or [None]
        node = result
        for key in parents:
            node = node[key]
        if op["operation"] == "Assign":
            node[last] = op["params"]["value"]
        elif op["operation"] == "Delete":
            del node[last]
        elif op["operation"] == "Insert":
            container = node if last is None else node[last]
            container.insert(op["params"]["index"], op["params"]["value"])
        else:
            raise AssertionError(f"unexpected operation {op['operation']}")
    return result


def figure(state: ViewState, display: Any = None) -> dict[str, Any]:
    return for_display(explorer_figure(compute_curves(state), state), display)


def comparable(value: Any) -> Any:
    """Arrays as lists, so figures compare with ==."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [value.dtype.str, value.tolist()]
    return value


def state(**fields: Any) -> ViewState:
    base = {"functions": ("sigmoid", "relu"), "n": 101}
    return ViewState(**(base | fields))


@pytest.mark.parametrize(
    ("shown", "new"),
    [
        (("sigmoid", "relu"), ("sigmoid", "relu", "gelu")),  # add at the end
        (("sigmoid", "relu", "gelu"), ("relu", "gelu")),  # remove the first: colours move
        (("sigmoid", "relu", "gelu"), ("sigmoid", "gelu", "tanh")),  # remove and add
        (("step",), ("step", "elu", "softplus", "tanh")),
    ],
)
@pytest.mark.parametrize("display", [None, DARK])
@pytest.mark.parametrize("deriv", [True, False])
def test_adding_and_removing_functions_patches_to_the_full_figure(shown, new, display, deriv):
    before, after = state(functions=shown, deriv=deriv), state(functions=new, deriv=deriv)
    assert classify(before, after) is Change.CURVES
    target = figure(after, display)
    patched = apply_patch(figure(before, display), figure_for_curves(before, after, target))
    assert comparable(patched) == comparable(target)


def test_a_typed_function_stays_last_when_a_function_is_added():
    before = state(functions=("sigmoid",), expr="x*tanh(x)")
    after = state(functions=("sigmoid", "relu"), expr="x*tanh(x)")
    target = figure(after)
    patched = apply_patch(figure(before), figure_for_curves(before, after, target))
    assert comparable(patched) == comparable(target)
    assert patched["data"][-TRACES_PER_CURVE]["legendgroup"] == "custom"


def test_a_parameter_change_replaces_only_that_functions_traces():
    before, _ = parse_query({"fn": ["sigmoid,leaky_relu"]})
    after, _ = parse_query({"fn": ["sigmoid,leaky_relu"], "leaky_relu.alpha": ["0.3"]})
    assert classify(before, after) is Change.CURVES
    target = figure(after)
    patch = figure_for_curves(before, after, target)
    assert comparable(apply_patch(figure(before), patch)) == comparable(target)
    touched = {
        op["location"][1]
        for op in patch.to_plotly_json()["operations"]
        if op["location"][0] == "data"
    }
    assert touched == {3, 4, 5}  # leaky_relu's f, f′ and peak marker, nothing of sigmoid's


@pytest.mark.parametrize("deriv", [True, False])
def test_the_derivative_toggle_sends_flags_and_axis_settings_only(deriv):
    before = state(functions=("sigmoid", "relu", "step"), deriv=not deriv)
    after = state(functions=("sigmoid", "relu", "step"), deriv=deriv)
    assert classify(before, after) is Change.DERIVATIVE
    target = figure(after)
    patch = figure_for_derivative(after, len(target["layout"]["shapes"]))
    assert comparable(apply_patch(figure(before), patch)) == comparable(target)
    values = [op["params"].get("value") for op in patch.to_plotly_json()["operations"]]
    assert not any(isinstance(v, (np.ndarray, dict)) for v in values)  # no data


def test_function_cards_are_patched_to_the_full_list():
    before = state(functions=("sigmoid", "relu", "gelu"))
    after = state(functions=("relu", "gelu", "tanh"))
    full = [f"card {name}" for name in after.functions]
    built = []

    def card(j: int) -> str:
        built.append(j)
        return full[j]

    patched = apply_patch(
        [f"card {name}" for name in before.functions], cards_for_curves(before, after, card)
    )
    assert patched == full
    assert built == [2]  # only tanh's card was built


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (state(), state(xmin=-4.0)),
        (state(), state(n=102)),
        (state(), state(log_deriv=True)),
        (state(), state(lang="ja")),
        (state(), state(expr="x")),
        (state(functions=("sigmoid", "relu")), state(functions=("relu", "sigmoid"))),  # reorder
        (state(deriv=True), state(functions=("relu",), deriv=False)),  # two things at once
    ],
)
def test_other_changes_redraw_everything(before, after):
    assert classify(before, after) is Change.EVERYTHING


def test_nothing_changed_is_nothing():
    assert classify(state(), state()) is Change.NOTHING


@pytest.mark.parametrize(
    "query", [None, 3, "fn=sigmoyd", "fn=sigmoid&n=abc", "xmin=9&xmax=1", ["fn=relu"]]
)
def test_an_unknown_or_invalid_stored_view_means_redraw_everything(query):
    assert shown_state(query, "en") is None


def test_the_stored_query_reads_back_as_the_view():
    view, problems = parse_query({"fn": ["tanh,leaky_relu"], "leaky_relu.alpha": ["0.2"]})
    assert not problems
    assert shown_state(view.to_query(), "en") == view
