"""The fast encoder writes the same JSON as plotly's, for everything the app sends."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from dash import html, no_update
from dash._utils import to_json as plotly_to_json

from components.callbacks import view_from_controls, view_from_url
from components.curves import compute_curves
from components.figures import explorer_figure
from components.json_encoding import to_json
from components.state import parse_query
from components.updates import figure_for_curves


def sendable(outputs: dict) -> dict:
    """Callback outputs as Dash sends them: no_update left out."""
    return {
        k: v
        for k, v in outputs.items()
        if v is not no_update and v != [no_update] * len(v if isinstance(v, list) else [])
    }


def same_json(value) -> None:
    assert json.loads(to_json(value)) == json.loads(plotly_to_json(value))


@pytest.mark.parametrize(
    "search",
    [
        "",
        "?fn=sigmoid,relu,step&deriv=1&logd=1&xmin=-40&xmax=40",
        "?fn=gelu&expr=x*tanh(x)&lang=ja",
    ],
)
def test_a_whole_explorer_view_encodes_the_same(search):
    same_json(sendable(view_from_url(search)))


def test_a_patch_encodes_the_same():
    before, _ = parse_query({"fn": ["sigmoid,relu"]})
    after, _ = parse_query({"fn": ["relu,gelu"]})
    figure = explorer_figure(compute_curves(after), after)
    same_json({"graph": {"figure": figure_for_curves(before, after, figure)}})


def test_numpy_values_components_and_nan_encode_the_same():
    value = {
        "array": np.linspace(0, 1, 5),
        "int": np.int64(3),
        "float": np.float32(0.5),
        "nan": [math.nan, math.inf, -math.inf, 1.0],
        "component": html.Div(
            [html.Span("x", id="a"), html.Table(html.Tr(html.Td(np.float64(2))))]
        ),
    }
    same_json(value)


def test_an_update_with_problems_encodes_the_same():
    outputs = view_from_controls("xmin", ["sigmoid"], 9, 1, [-5, 5], 201, ["deriv"], [])
    same_json(sendable(outputs))


def test_what_orjson_cannot_write_goes_the_old_way():
    class Odd:
        pass

    with pytest.raises(TypeError):  # neither encoder knows it: plotly's error
        to_json({"odd": Odd()})
