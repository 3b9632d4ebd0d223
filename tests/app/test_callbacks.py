"""The view callback, called directly and through Dash's HTTP endpoint."""

from __future__ import annotations

import numpy as np
import pytest
from dash import no_update

import activations
from components import ids
from components.callbacks import view_from_controls, view_from_url
from components.layout import PARAM_GROUPS, PARAM_SLOTS
from tests.app.conftest import decode, post_view

DEFAULT_PARAMS = [activations.get(fn).param(name).default for fn, name in PARAM_SLOTS]


def controls(trigger, **overrides):
    values = {
        "functions": ["sigmoid", "relu"],
        "xmin": -5,
        "xmax": 5,
        "slider": [-5, 5],
        "points": 11,
        "options": ["deriv"],
        "params": DEFAULT_PARAMS,
    }
    values.update(overrides)
    return view_from_controls(trigger, **values)


def test_opening_a_deep_link_restores_every_control():
    out = view_from_url("?fn=tanh,leaky_relu&xmin=-3&xmax=30&n=51&deriv=0&leaky_relu.alpha=0.2")
    assert out["functions"] == ["tanh", "leaky_relu"]
    assert (out["xmin"], out["xmax"], out["points"]) == (-3.0, 30.0, 51)
    assert out["slider"] == [-3.0, 20.0]  # the slider clamps to its own ends
    assert out["options"] == []
    assert out["params"][PARAM_SLOTS.index(("leaky_relu", "alpha"))] == 0.2
    hidden = dict(zip(PARAM_GROUPS, out["groups_hidden"], strict=True))
    assert hidden["leaky_relu"] is False and hidden["elu"] is True
    assert out["notice"] is None
    assert out["query"] == (
        "fn=tanh,leaky_relu&xmin=-3&xmax=30&n=51&deriv=0&leaky_relu.alpha=0.2&lang=en"
    )
    assert out["download_href"] == "/export.csv?" + out["query"]
    assert [t["name"] for t in out["figure"]["data"] if t.get("visible", True)] == [
        activations.get("tanh").label("en"),
        activations.get("leaky_relu").label("en"),
    ]
    assert len(decode(out["figure"]["data"][0]["y"])) == 51


def test_an_invalid_link_shows_the_repaired_view_and_says_why():
    out = view_from_url("?fn=sigmoyd&n=abc&xmin=9&xmax=1")
    assert out["functions"] == ["sigmoid", "step", "relu"]
    text = str(out["notice"])
    assert "sigmoid" in text and "not a number" in text and "less than x max" in text
    assert out["figure"] is not no_update


def test_a_control_change_updates_graph_and_url_but_not_the_edited_control():
    out = controls(ids.XMIN, xmin=-2)
    assert out["xmin"] is no_update
    assert out["slider"] == [-2.0, 5.0]
    assert out["query"].startswith("fn=sigmoid,relu&xmin=-2&xmax=5&n=11")
    assert out["figure"]["layout"]["xaxis"]["range"] == [-2.0, 5.0]


def test_dragging_the_slider_sets_the_typed_range():
    out = controls(ids.XRANGE_SLIDER, slider=[-1.5, 2.5])
    assert (out["xmin"], out["xmax"]) == (-1.5, 2.5)
    assert out["slider"] is no_update


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"xmin": 7}, "less than x max"),
        ({"xmin": None}, "enter a number"),
        ({"xmax": 1e9}, "±1,000,000"),
        ({"points": 1}, "between 2"),
        ({"points": 2.5}, "whole number"),
        ({"functions": []}, "at least one function"),
        (
            {
                "functions": ["relu"] * 2
                + ["step", "identity", "sigmoid", "tanh", "elu", "softplus", "gelu", "silu"]
            },
            "at most 8",
        ),
        ({"functions": "relu; drop table"}, "unknown function"),
    ],
)
def test_bad_control_values_keep_the_last_good_graph_and_explain(overrides, message):
    trigger = ids.FUNCTIONS if "functions" in overrides else ids.XMIN
    out = controls(trigger, **overrides)
    assert out["figure"] is no_update and out["query"] is no_update
    assert out["params"] == [no_update] * len(PARAM_SLOTS)
    assert message in str(out["notice"])


def test_a_parameter_change_reaches_the_curve():
    params = list(DEFAULT_PARAMS)
    params[PARAM_SLOTS.index(("leaky_relu", "alpha"))] = 0.5
    out = controls(
        {"type": "param", "fn": "leaky_relu", "param": "alpha"},
        functions=["leaky_relu"],
        params=params,
        xmin=-2,
        xmax=2,
        points=5,
    )
    (f,) = [t for t in out["figure"]["data"] if t["name"] == "Leaky ReLU"]
    np.testing.assert_allclose(decode(f["y"]), [-1.0, -0.5, 0.0, 1.0, 2.0])
    assert "leaky_relu.alpha=0.5" in out["query"]
    assert out["params"] == [no_update] * len(PARAM_SLOTS)


def test_through_http_a_range_change_returns_the_new_figure(client):
    response = post_view(client, "xmin.value", xmin=-1, xmax=1, points=5, functions=["sigmoid"])
    assert response.status_code == 200
    body = response.get_json()["response"]
    figure = body[ids.GRAPH]["figure"]
    f = figure["data"][0]
    y = decode(f["y"])
    x = f["x0"] + f["dx"] * np.arange(len(y))
    np.testing.assert_allclose(x, [-1, -0.5, 0, 0.5, 1])
    # float32 on the wire: the CSV has the float64 values (test_routes).
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-x)), rtol=1e-7)
    assert body[ids.QUERY_STORE]["data"] == "fn=sigmoid&xmin=-1&xmax=1&n=5&deriv=1&lang=en"


def test_through_http_a_deep_link_sets_the_controls(client):
    response = post_view(client, "url.search", search="?fn=gelu&xmin=-2&xmax=2&n=9&deriv=0")
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert body[ids.FUNCTIONS]["value"] == ["gelu"]
    assert body[ids.POINTS]["value"] == 9
    assert body[ids.OPTIONS]["value"] == []


def test_through_http_bad_input_is_a_message_not_an_error(client):
    response = post_view(client, "points.value", points="9" * 500)
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert "not a number" in str(body[ids.NOTICE]["children"])
    assert ids.GRAPH not in body


def test_a_broken_custom_function_leaves_the_rest_of_the_page_working():
    out = controls(ids.EXPRESSION, expr="x +* 2", xmin=-2)
    assert out["figure"] is not no_update  # the catalogue curves still update
    assert "fn=sigmoid,relu&xmin=-2" in out["query"] and "expr" not in out["query"]
    error = str(out["expr_error"])
    assert "^" in error  # a caret points at the mistake
    assert out["expr"] is no_update


def test_a_custom_function_is_plotted_beside_the_catalogue():
    out = controls(ids.EXPRESSION, expr="x * sigmoid(x)", points=5, xmin=-2, xmax=2)
    names = [t["name"] for t in out["figure"]["data"]]
    assert "Your f(x) = x * sigmoid(x)" in names
    assert "expr=x+*+sigmoid(x)" in out["query"]
    assert out["expr_error"] is None


def test_a_link_with_a_broken_custom_function_keeps_the_text_to_fix():
    out = view_from_url("?fn=relu&expr=sigmoyd(x)")
    assert out["expr"] == "sigmoyd(x)"
    assert "sigmoid" in str(out["expr_error"])


def test_the_router_builds_the_page_in_the_visitors_language(client):
    from components.frame import route

    page, lang = route("/", "?lang=ja&fn=relu")
    assert lang == "ja" and "活性化関数エクスプローラー" in str(page)
    page, lang = route("/nowhere", "")
    assert lang == "en" and "Page not found" in str(page)


def test_a_link_in_japanese_explains_its_problems_in_japanese():
    out = view_from_url("?fn=sigmoyd&lang=ja")
    assert "'sigmoid' のことですか" in str(out["notice"])
    assert out["query"].endswith("lang=ja")
