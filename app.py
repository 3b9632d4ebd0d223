"""Activation Explorer: a Dash app that puts a NumPy activation library behind callbacks.

``app:server`` is the WSGI entry point (gunicorn serves it in production);
``python app.py`` runs a local server on http://127.0.0.1:8050.
"""

from __future__ import annotations

import os

from dash import Dash

from components.callbacks import register_callbacks
from components.layout import create_layout
from components.routes import register_routes

TITLE = "Activation Explorer"


def create_app() -> Dash:
    """Build a fresh app: layout, callbacks and routes, nothing shared between apps."""
    app = Dash(
        __name__,
        title=TITLE,
        update_title=None,
        description="Explore neural-network activation functions and their derivatives.",
        serve_locally=True,
    )
    app.layout = create_layout()
    register_callbacks(app)
    register_routes(app.server)
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
