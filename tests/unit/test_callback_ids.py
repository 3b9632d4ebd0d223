"""Every callback's ids exist in the layout of some page.

The browser does not receive the validation layout (see app.ExplorerDash),
so this is where a misspelt or removed id is caught.
"""

from __future__ import annotations

import json
from typing import Any

from dash.development.base_component import Component

from app import create_app


def layout_ids(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, Component):
        component_id = getattr(node, "id", None)
        if component_id is not None:
            found.add(
                json.dumps(component_id, sort_keys=True, separators=(",", ":"))
                if isinstance(component_id, dict)
                else component_id
            )
        for name in node._prop_names:
            found |= layout_ids(getattr(node, name, None))
    elif isinstance(node, (list, tuple)):
        for child in node:
            found |= layout_ids(child)
    return found


def dependency_ids(app: Any) -> set[str]:
    """The non-wildcard ids of every callback's outputs, inputs and states."""
    wanted: set[str] = set()
    for callback in app.server.test_client().get("/_dash-dependencies").get_json():
        output = callback["output"]
        outputs = output[2:-2].split("...") if output.startswith("..") else [output]
        for entry in outputs:
            component_id = entry.split("@")[0].rsplit(".", 1)[0]
            if not component_id.startswith("{"):
                wanted.add(component_id)
        for dependency in callback["inputs"] + callback["state"]:
            if isinstance(dependency["id"], str) and not dependency["id"].startswith("{"):
                wanted.add(dependency["id"])
    return wanted


def test_every_callback_id_is_in_the_layout():
    app = create_app()
    present = layout_ids(app.validation_layout)
    missing = dependency_ids(app) - present
    assert not missing, f"callbacks refer to ids no page has: {sorted(missing)}"
    assert len(present) > 50
