"""Activation Explorer: a Dash app that puts a NumPy activation library behind callbacks.

``app:server`` is the WSGI entry point (gunicorn serves it in production);
``python app.py`` runs a local server on http://127.0.0.1:8050.
"""

from __future__ import annotations

import os
from typing import Any

import flask
from dash import Dash, html

from components.frame import (
    create_page,
    create_shell,
    page_language,
    register_frame_callbacks,
    request_accept_language,
)
from components.i18n import DEFAULT_LANGUAGE
from components.pages import all_pages

TITLE = "Activation Explorer"


class ExplorerDash(Dash):  # type: ignore[misc]
    """Dash, with ``<html lang>`` set per request from ``?lang=`` or Accept-Language."""

    def interpolate_index(self, **kwargs: Any) -> str:
        html = super().interpolate_index(**kwargs)
        lang = page_language(
            flask.request.query_string.decode("latin-1"), request_accept_language()
        )
        return html.replace("<html>", f'<html lang="{lang}">', 1)


def create_app() -> Dash:
    """Build a fresh app: layout, callbacks and routes, nothing shared between apps."""
    app = ExplorerDash(
        __name__,
        title=TITLE,
        update_title=None,
        description="Explore neural-network activation functions and their derivatives.",
        serve_locally=True,
    )
    # Dash wraps its config and scripts in a <footer>: a second "contentinfo"
    # landmark beside the page's own footer. A <div> serves them as well.
    app.index_string = app.index_string.replace("<footer>", "<div>").replace("</footer>", "</div>")
    app.layout = create_shell()
    # Pages are built by the router; Dash checks callbacks against them all.
    app.validation_layout = html.Div(
        [create_shell(), *(c for p in all_pages() for c in create_page(p.path, DEFAULT_LANGUAGE))]
    )
    register_frame_callbacks(app)
    for page in all_pages():
        if page.register_callbacks:
            page.register_callbacks(app)
        if page.register_routes:
            page.register_routes(app.server)
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    # Local runs only; production serves app:server with gunicorn.
    debug = os.environ.get("DASH_DEBUG", "").lower() in {"1", "true", "yes"}
    app.run(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8050")),
        debug=debug,
    )
