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
    """The Flask server, with responses compressed as the browser asks (zstd, br, gzip).

    Callback responses are compressed fast (zstd level 9 takes a third of a
    millisecond for an update's 30 KB). The scripts and styles of the page
    never change under one address (Dash puts a version or a modification
    time in it), so they are compressed once and kept.
    """
    server = flask.Flask(__name__)
    server.secret_key = secret_key()
    server.config.update(
        COMPRESS_ALGORITHM=["zstd", "br", "gzip"],
        COMPRESS_ZSTD_LEVEL=9,
        COMPRESS_BR_LEVEL=5,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_CACHE_KEY=static_cache_key,
        COMPRESS_CACHE_BACKEND=StaticCompressionCache,
    )
    return server


STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")


def static_cache_key(request: flask.Request) -> str:
    """The full address of a page resource; "" for anything else (not kept)."""
    return request.full_path if request.path.startswith(STATIC_PREFIXES) else ""


class StaticCompressionCache:
    """Compressed page resources by address and encoding; dynamic responses pass through.

    flask-compress asks the cache about every response it compresses; keys
    for dynamic ones end in ";" (empty address) and are never stored.
    """

    MAX_ENTRIES = 256

    def __init__(self) -> None:
        self._entries: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._entries.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";") or len(self._entries) >= self.MAX_ENTRIES:
            return
        self._entries[key] = value


def create_app() -> Dash:
    """Build a fresh app: layout, callbacks and routes, nothing shared between apps."""
    json_encoding.install()
    app = ExplorerDash(
        __name__,
        server=create_server(),
        compress=True,
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
