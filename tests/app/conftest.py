"""Fixtures for testing the app through Flask's test client, as a browser would."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import pytest

import activations
from app import create_app
from components import ids
from components.layout import PARAM_GROUPS, PARAM_SLOTS


@pytest.fixture(scope="session")
def dash_app():
    return create_app()


@pytest.fixture()
def client(dash_app):
    return dash_app.server.test_client()


def decode(value: Any) -> np.ndarray:
    """plotly 7 sends NumPy arrays as base64 ``{"dtype", "bdata"}``; lists stay lists."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
    return np.asarray(value)


def _param_id(fn: str, param: str) -> dict[str, str]:
    return ids.param_id(fn, param)


def view_callback_body(client, changed: str, **values: Any) -> dict[str, Any]:
    """The JSON body the renderer POSTs for the view callback.

    ``values`` gives the inputs (search, functions, xmin, xmax, slider, points,
    options, params); ``changed`` is the prop id that triggered, e.g. "xmin.value".
    """
    dependencies = client.get("/_dash-dependencies").get_json()
    (callback,) = [c for c in dependencies if f"{ids.GRAPH}.figure" in c["output"]]
    defaults = {
        "search": "",
        "functions": ["sigmoid", "step", "relu"],
        "xmin": -5,
        "xmax": 5,
        "slider": [-5, 5],
        "points": 201,
        "options": ["deriv"],
        "params": [activations.get(f).param(p).default for f, p in PARAM_SLOTS],
    }
    defaults.update(values)
    simple = [
        (ids.URL, "search", "search"),
        (ids.FUNCTIONS, "value", "functions"),
        (ids.XMIN, "value", "xmin"),
        (ids.XMAX, "value", "xmax"),
        (ids.XRANGE_SLIDER, "value", "slider"),
        (ids.POINTS, "value", "points"),
        (ids.OPTIONS, "value", "options"),
    ]
    inputs: list[Any] = [
        {"id": cid, "property": prop, "value": defaults[key]} for cid, prop, key in simple
    ]
    inputs.append(
        [
            {"id": _param_id(f, p), "property": "value", "value": v}
            for (f, p), v in zip(PARAM_SLOTS, defaults["params"], strict=True)
        ]
    )
    outputs: list[Any] = [
        {"id": cid, "property": prop}
        for cid, prop in (
            (ids.GRAPH, "figure"),
            (ids.FORMULAS, "children"),
            (ids.NOTICE, "children"),
            (ids.QUERY_STORE, "data"),
            (ids.DOWNLOAD, "href"),
            (ids.DOWNLOAD, "download"),
            (ids.FUNCTIONS, "value"),
            (ids.XMIN, "value"),
            (ids.XMAX, "value"),
            (ids.XRANGE_SLIDER, "value"),
            (ids.POINTS, "value"),
            (ids.OPTIONS, "value"),
        )
    ]
    outputs.append([{"id": _param_id(f, p), "property": "value"} for f, p in PARAM_SLOTS])
    outputs.append([{"id": ids.param_group_id(f), "property": "hidden"} for f in PARAM_GROUPS])
    return {
        "output": callback["output"],
        "outputs": outputs,
        "inputs": inputs,
        "changedPropIds": [changed],
        "state": [],
    }


def post_view(client, changed: str, **values: Any):
    body = view_callback_body(client, changed, **values)
    return client.post("/_dash-update-component", json=body)
