"""Form controls every page uses: native HTML elements, labelled properly.

Dash 4's own Dropdown, Checklist, RadioItems and Slider render ARIA widgets
that fail automated accessibility checks (nested interactive options, a
focusable element hidden from screen readers, slider handles with no name),
and cannot be fixed from outside. These factories build the native elements
instead, through dash-bootstrap-components (``<select>``, ``<input
type=checkbox|radio>`` each with its ``<label for>``) and ``dcc.Input``
(``<input type=range>``): the browser supplies keyboard use, focus and the
names screen readers read. Bootstrap's stylesheet is not loaded; the look
comes from assets/style.css.

Values come back as the browser has them (a ``<select>`` and a range input
give strings): each page's validator reads them like any other untrusted input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

Option = dict[str, Any]


def select(component_id: Any, options: Sequence[Option], value: Any, **extra: Any) -> dbc.Select:
    """A native ``<select>``; give it a ``<label htmlFor=component_id>``."""
    return dbc.Select(
        id=component_id,
        options=[{"label": o["label"], "value": str(o["value"])} for o in options],
        value=None if value is None else str(value),
        className="select",
        **extra,
    )


def checklist(
    component_id: Any, options: Sequence[Option], value: Sequence[Any], inline: bool = False
) -> dbc.Checklist:
    """Checkboxes, each with its own label; put them in a fieldset with a legend."""
    return dbc.Checklist(
        id=component_id,
        options=list(options),
        value=list(value),
        inline=inline,
        className="checklist" + (" inline" if inline else ""),
    )


def radio_items(
    component_id: Any, options: Sequence[Option], value: Any, inline: bool = False
) -> dbc.RadioItems:
    """Radio buttons, each with its own label; put them in a fieldset with a legend."""
    return dbc.RadioItems(
        id=component_id,
        options=list(options),
        value=value,
        inline=inline,
        className="radio-items" + (" inline" if inline else ""),
    )


def range_input(
    component_id: Any, low: float, high: float, step: float, value: float, **extra: Any
) -> dcc.Input:
    """A native ``<input type=range>``: arrow keys step it, Home/End jump to the ends.

    No ``debounce``: Dash would then try to select text in the slider, which a
    range input cannot do (a console error).
    """
    if "debounce" in extra:
        raise ValueError("a range input takes no debounce")
    return dcc.Input(
        id=component_id,
        type="range",
        min=low,
        max=high,
        step=step,
        value=value,
        className="range-input",
        **extra,
    )


def copy_button(
    component_id: str, label: str, copied: str, failed: str, target_id: str | None = None
) -> html.Span:
    """A button that copies this view's address, or the text of ``target_id``.

    assets/clipboard.js does the copying; ``copied`` (or ``failed``) is then
    announced in the status region beside the button.
    """
    data = {"data-copy-target": target_id} if target_id else {"data-copy": "address"}
    return html.Span(
        className="copy",
        children=[
            html.Button(
                label,
                id=component_id,
                type="button",
                className="copy-button",
                **data,
                **{"data-copied": copied, "data-copy-failed": failed},
            ),
            html.Span(id=f"{component_id}-status", className="copy-status", role="status"),
        ],
    )


def svg_button(graph_id: str, label: str) -> html.Button:
    """Saves graph ``graph_id`` as SVG, named like its PNG (assets/downloads.js)."""
    return html.Button(label, type="button", className="button", **{"data-svg-for": graph_id})


def fieldset(legend: str, *children: Any, class_name: str = "field") -> html.Fieldset:
    """A group of controls named by its legend (how radio and checkbox groups are read)."""
    return html.Fieldset(className=class_name, children=[html.Legend(legend), *children])
