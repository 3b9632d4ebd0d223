"""The callback endpoint's door: malformed requests get 4xx and a reason; our bugs stay 500."""

from __future__ import annotations

import dataclasses
import json
import logging

import numpy as np
import pytest
from dash import ALL, Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

import activations
from components import limits
from components.gradients_lab import TrainingQuery, new_runs, runs_to_store
from components.pages.gradients import Ids as GradientIds
from components.request_guard import (
    DISPATCH_PATH,
    Malformed,
    check_values,
    install_request_guard,
    raised_in_app_code,
)
from networks import limits as network_limits
from tests.app.conftest import view_callback_body


def post(client, body, content_type="application/json"):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(DISPATCH_PATH, data=data, content_type=content_type)


def reason(response) -> str:
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.count("\n") == 1 and len(text) < 300, text
    return text


# --- the real app ----------------------------------------------------------------------------


def test_a_valid_update_still_passes(client):
    response = post(client, view_callback_body(client, "xmin.value", xmin=-3))
    assert response.status_code == 200


@pytest.mark.parametrize("key", ["output", "outputs", "inputs", "changedPropIds", "state"])
def test_each_missing_key_is_a_400_naming_it(client, key):
    body = view_callback_body(client, "xmin.value")
    del body[key]
    response = post(client, body)
    assert response.status_code == 400
    assert key in reason(response)


@pytest.mark.parametrize("key", ["output", "outputs", "inputs", "changedPropIds", "state"])
def test_each_wrong_typed_key_is_a_400(client, key):
    body = view_callback_body(client, "xmin.value")
    body[key] = 7
    response = post(client, body)
    assert response.status_code == 400
    assert key in reason(response)


def test_an_unknown_output_is_a_400(client):
    body = view_callback_body(client, "xmin.value")
    body["output"] = "nope.children"
    response = post(client, body)
    assert response.status_code == 400
    assert "'nope.children'" in reason(response)


def test_inputs_must_match_the_callback(client):
    body = view_callback_body(client, "xmin.value")
    body["inputs"] = body["inputs"][:-1]
    assert "'inputs' must have" in reason(post(client, body))
    body = view_callback_body(client, "xmin.value")
    body["inputs"][1]["id"] = "someone-else"
    assert "inputs[1].id" in reason(post(client, body))


def test_changed_props_must_be_inputs(client):
    body = view_callback_body(client, "xmin.value")
    body["changedPropIds"] = ["{not json.value"]
    response = post(client, body)
    assert response.status_code == 400
    assert "changedPropIds" in reason(response)


def test_a_location_value_must_be_text(client):
    body = view_callback_body(client, "url.search", search=["?fn=relu"])
    response = post(client, body)
    assert response.status_code == 400
    assert "search cannot be a list" in reason(response)


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(client, literal):
    text = json.dumps(view_callback_body(client, "xmin.value", xmin=0.125))
    assert text.count("0.125") == 1
    response = post(client, text.replace("0.125", literal))
    assert response.status_code == 400
    assert "NaN and Infinity" in reason(response)


def test_a_number_beyond_float64_is_refused(client):
    text = json.dumps(view_callback_body(client, "xmin.value", xmin=0.125))
    response = post(client, text.replace("0.125", "1" + "0" * 400))
    assert response.status_code == 400
    assert "float64" in reason(response)


@pytest.mark.parametrize("text", ["", "{", "[1,]", "\xff\xfe", '{"a": 1} x'])
def test_unreadable_json_is_a_400(client, text):
    response = post(client, text.encode("latin-1"))
    assert response.status_code == 400
    assert "not JSON" in reason(response)


@pytest.mark.parametrize("depth", [limits.MAX_JSON_NESTING + 1, 100_000])
def test_deep_nesting_is_a_400(client, depth):
    response = post(client, "[" * depth + "]" * depth)
    assert response.status_code == 400
    assert "nests more than" in reason(response)


@pytest.mark.parametrize("body", [[], "text", 3, None])
def test_a_body_that_is_no_object_is_a_400(client, body):
    response = post(client, json.dumps(body))
    assert response.status_code == 400
    assert "JSON object" in reason(response)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_another_content_type_is_a_415(client, content_type):
    response = post(client, view_callback_body(client, "xmin.value"), content_type)
    assert response.status_code == 415
    assert "application/json" in reason(response)


def test_an_oversized_body_is_a_413(client, dash_app):
    assert dash_app.server.config["MAX_CONTENT_LENGTH"] == limits.MAX_REQUEST_BYTES
    body = view_callback_body(client, "xmin.value")
    body["padding"] = "x" * limits.MAX_REQUEST_BYTES
    response = post(client, body)
    assert response.status_code == 413
    assert f"{limits.MAX_REQUEST_BYTES:,} bytes" in reason(response)


def test_an_unknown_script_is_a_404_not_a_500(client):
    response = client.get("/_dash-component-suites/dash/../../app.py")
    assert response.status_code == 404
    assert client.get("/_dash-component-suites/nope/x.js").status_code == 404


def largest_training_body(client) -> dict:
    """The training step's body at the largest settings: three full runs of the deepest,
    widest Adam network with every epoch's history."""
    query = TrainingQuery(
        functions=("sigmoid", "relu", "gelu"),
        points=network_limits.POINTS.high,
        depth=network_limits.TRAIN_DEPTH.high,
        width=network_limits.TRAIN_WIDTH.high,
        optimiser="adam",
        epochs=network_limits.MAX_EPOCHS,
    )
    epochs = network_limits.MAX_EPOCHS
    rng = np.random.default_rng(0)
    runs = [
        dataclasses.replace(
            run,
            epoch=epochs,
            loss_history=rng.random(epochs),
            accuracy_history=rng.random(epochs),
            grad_norm_history=rng.random((epochs, run.config.depth + 1)),
        )
        for run in new_runs(query)
    ]
    (callback,) = [
        c
        for c in client.get("/_dash-dependencies").get_json()
        if f"..{GradientIds.STORE}.data..." in c["output"]
    ]
    values = {
        GradientIds.STORE: runs_to_store(runs),
        GradientIds.TRAIN_FUNCTIONS: list(query.functions),
        GradientIds.TRAIN_EPOCHS: epochs,
    }

    def entry(dependency: dict) -> dict:
        return dependency | {"value": values.get(dependency["id"])}

    outputs = callback["output"][2:-2].split("...")
    return {
        "output": callback["output"],
        "outputs": [
            {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]} for part in outputs
        ],
        "inputs": [entry(d) for d in callback["inputs"]],
        "changedPropIds": [f"{GradientIds.PAUSE}.n_clicks"],
        "state": [entry(d) for d in callback["state"]],
    }


def nesting(value) -> int:
    """Containers around the deepest value, counting its own."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return 1 + max((nesting(item) for item in value), default=0)
    return 0


def test_nesting_up_to_the_limit_passes():
    deepest: list = []
    for _ in range(limits.MAX_JSON_NESTING - 1):
        deepest = [deepest]
    check_values(deepest)
    with pytest.raises(Malformed, match="nests more than"):
        check_values([deepest])


def test_the_largest_legitimate_body_fits(client):
    body = largest_training_body(client)
    size = len(json.dumps(body, separators=(",", ":")))
    assert 1_000_000 < size < limits.MAX_REQUEST_BYTES / 1.5, size
    assert nesting(body) <= limits.MAX_JSON_NESTING / 2
    response = post(client, body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


# --- what escapes Dash: ours (500) or the request's (400) -----------------------------------


def test_an_exception_in_our_code_counts_as_ours():
    with pytest.raises(ValueError) as raised:
        activations.get("no-such-activation")
    assert raised_in_app_code(raised.value.__traceback__)


def test_an_exception_elsewhere_does_not():
    with pytest.raises(ValueError) as raised:
        json.loads("{")
    assert not raised_in_app_code(raised.value.__traceback__)


@pytest.fixture()
def small_app():
    """A two-callback Dash app, its callbacks counted as "the app's own code"."""
    app = Dash(__name__)
    app.layout = html.Div(
        [
            html.Button(id="go"),
            html.Div(id="out"),
            *(html.Div(id={"type": "cell", "index": i}) for i in range(2)),
        ]
    )
    install_request_guard(app.server, app.callback_map, app_packages=("tests",))

    @app.callback(Output("out", "children"), Input("go", "n_clicks"))
    def clicked(n_clicks):
        if n_clicks is None:
            raise PreventUpdate
        if n_clicks == 13:
            raise KeyError("a bug of ours")
        return f"clicked {n_clicks}"

    @app.callback(
        Output({"type": "cell", "index": ALL}, "children"),
        Input("go", "n_clicks"),
        State("out", "children"),
    )
    def cells(n_clicks, _text):
        return ["a", "b"]

    return app


def click_body(n_clicks, state=None):
    body = {
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks", "value": n_clicks}],
        "changedPropIds": ["go.n_clicks"],
    }
    if state is not None:
        body["state"] = state
    return body


def test_without_state_a_callback_that_has_none_still_runs(small_app):
    client = small_app.server.test_client()
    response = post(client, click_body(2))
    assert response.status_code == 200
    assert "clicked 2" in response.get_data(as_text=True)
    assert post(client, click_body(None)).status_code == 204  # PreventUpdate


def test_a_bug_in_a_callback_stays_a_logged_500(small_app, caplog):
    client = small_app.server.test_client()
    with caplog.at_level(logging.ERROR):
        response = post(client, click_body(13))
    assert response.status_code == 500
    assert any(r.exc_info and "a bug of ours" in str(r.exc_info[1]) for r in caplog.records), (
        caplog.text
    )


def test_a_request_dash_cannot_dispatch_is_a_logged_400(small_app, caplog):
    """Three cells claimed where the callback returns two: Dash's own check raises."""
    client = small_app.server.test_client()
    body = {
        "output": small_app_output(small_app),
        "outputs": [{"id": {"type": "cell", "index": i}, "property": "children"} for i in range(3)],
        "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
        "changedPropIds": ["go.n_clicks"],
        "state": [{"id": "out", "property": "children", "value": None}],
    }
    with caplog.at_level(logging.WARNING):
        response = post(client, body)
    assert response.status_code == 400
    assert "does not fit the callback" in reason(response)
    assert any(r.levelno == logging.WARNING and r.exc_info for r in caplog.records)


def small_app_output(app) -> str:
    (output,) = [key for key in app.callback_map if "cell" in key]
    return output


def test_the_limits_table_names_every_bound():
    table = limits.limits_table()
    whats = [row.what for row in table]
    assert len(whats) == len(set(whats))
    assert "request body" in whats
    assert all(row.value and row.enforced_by for row in table)
