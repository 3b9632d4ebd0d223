"""Which of Dash's own scripts the page loads.

Dash puts every script of its bundled libraries into the page, used or not:
dash_table's ``bundle.js`` (about 9 kB compressed, 33 kB to parse) arrives
on every first visit although no page has a DataTable. Its scripts are
listed in ``dash.dash_table._js_dist``, which Dash reads each time it writes
the page's script tags (``Dash._generate_scripts_html``) and when it
registers the files it will serve, so emptying that list before the first
request leaves the script out of the page and stops it being served.

A page that uses ``dash_table.DataTable`` one day needs this undone: drop
``"dash_table"`` from :data:`UNUSED` (the table would otherwise fail to
render, with "DataTable was not found" in the browser's console).
"""

from __future__ import annotations

import importlib

# Libraries bundled with Dash that no page of the app uses.
UNUSED: tuple[str, ...] = ("dash_table",)


def drop_unused_scripts() -> None:
    """Keep the scripts of :data:`UNUSED` out of every page (idempotent, process-wide)."""
    for name in UNUSED:
        module = importlib.import_module(f"dash.{name}")
        # In place: the library's components hold the same list.
        module._js_dist.clear()
