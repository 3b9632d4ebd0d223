"""Activation Explorer: a Dash app that puts a NumPy activation library behind callbacks.

``app:server`` is the WSGI entry point (gunicorn serves it in production);
``python app.py`` runs a local server on http://127.0.0.1:8050.
"""

from __future__ import annotations

import os
from typing import Any

import flask
from dash import Dash, html

from components import json_encoding
from components.bundles import drop_unused_scripts
from components.compression import install_compression
from components.frame import (
    create_page,
    create_shell,
    page_language,
    register_frame_callbacks,
    request_accept_language,
)
from components.i18n import DEFAULT_LANGUAGE
from components.pages import all_pages
from components.request_guard import install_request_guard
from components.security import install_security_headers, secret_key

TITLE = "Activation Explorer"


class ExplorerDash(Dash):  # type: ignore[misc]
    """Dash, with ``<html lang>`` set per request from ``?lang=`` or Accept-Language."""

    def _config(self) -> dict[str, Any]:
        # Dash embeds the validation layout (every page, ~270 KB) in each page
        # so that the browser can check the callbacks against it. The checks
        # are made by tests/unit/test_callback_ids.py instead, and the browser
        # is told to skip them rather than download it.
        config: dict[str, Any] = super()._config()
        if not self._dev_tools.validate_callbacks:
            config.pop("validation_layout", None)
            config["suppress_callback_exceptions"] = True
        return config

    def interpolate_index(self, **kwargs: Any) -> str:
        html = super().interpolate_index(**kwargs)
        lang = page_language(
            flask.request.query_string.decode("latin-1"), request_accept_language()
        )
        return html.replace("<html>", f'<html lang="{lang}">', 1)


def create_server() -> flask.Flask:
    """The Flask server; responses compressed as the browser asks (compression.py)."""
    server = flask.Flask(__name__)
    server.secret_key = secret_key()
    install_compression(server)
    return server


def create_app() -> Dash:
    """Build a fresh app: layout, callbacks and routes, nothing shared between apps."""
    json_encoding.install()
    drop_unused_scripts()
    app = ExplorerDash(
        __name__,
        server=create_server(),
        title=TITLE,
        update_title=None,
        description="Explore neural-network activation functions and their derivatives.",
        serve_locally=True,
    )
    install_request_guard(app.server, app.callback_map)
    install_security_headers(app)
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
