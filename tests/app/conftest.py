"""Fixtures for testing the app through Flask's test client, as a browser would."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
import pytest

import activations
from app import create_app
from components import ids
from components.callbacks import INPUTS, OUTPUTS, PARAM_GROUP_BOXES, PARAM_INPUTS, STATES
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


def _expand(dependency: Any, values: list[Any] | None = None) -> Any:
    """The renderer's JSON for one dependency: a dict, or a list for wildcards."""
    if dependency.component_id == PARAM_INPUTS:
        matches = [ids.param_id(f, p) for f, p in PARAM_SLOTS]
    elif dependency.component_id == PARAM_GROUP_BOXES:
        matches = [ids.param_group_id(f) for f in PARAM_GROUPS]
    else:
        entry = {"id": dependency.component_id, "property": dependency.component_property}
        if values is not None:
            entry["value"] = values[0]
        return entry
    return [
        {"id": match, "property": dependency.component_property}
        | ({"value": values[i]} if values is not None else {})
        for i, match in enumerate(matches)
    ]


def view_callback_body(client, changed: str, **values: Any) -> dict[str, Any]:
    """The JSON body the renderer POSTs for the view callback.

    ``values`` gives inputs and states by their names in ``callbacks.INPUTS``
    and ``callbacks.STATES`` (search, functions, xmin, ..., lang, shown,
    table_open); ``changed`` is the prop id that triggered, e.g. "xmin.value".
    Everything else takes the page's defaults: English, no view known to be
    on the page (so everything is sent), the numbers table open.
    """
    dependencies = client.get("/_dash-dependencies").get_json()
    (callback,) = [c for c in dependencies if c["output"].startswith(f"..{ids.GRAPH}.figure.")]
    current = {
        "search": "",
        "functions": ["sigmoid", "step", "relu"],
        "xmin": -5,
        "xmax": 5,
        "slider": [-5, 5],
        "points": 201,
        "options": ["deriv"],
        "params": [activations.get(f).param(p).default for f, p in PARAM_SLOTS],
        "expr": "",
        "display": {"theme": "light", "large": False},
    }
    states = {"lang": "en", "shown": None, "table_open": 1}  # summary clicked once: open
    states.update({k: v for k, v in values.items() if k in states})
    current.update({k: v for k, v in values.items() if k not in states})
    inputs = [
        _expand(dep, current[name] if name == "params" else [current[name]])
        for name, dep in INPUTS.items()
    ]
    outputs = [_expand(dep) for dep in OUTPUTS.values()]
    return {
        "output": callback["output"],
        "outputs": outputs,
        "inputs": inputs,
        "changedPropIds": [changed],
        "state": [
            {"id": dep.component_id, "property": dep.component_property, "value": states[name]}
            for name, dep in STATES.items()
        ],
    }


def post_view(client, changed: str, **values: Any):
    body = view_callback_body(client, changed, **values)
    return client.post("/_dash-update-component", json=body)
