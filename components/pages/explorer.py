"""The explorer: pick functions, range and parameters; see f and f′ (the home page)."""

from components.callbacks import register_callbacks
from components.layout import create_explorer
from components.pages import Page
from components.routes import register_routes

PAGE = Page(
    path="/",
    nav_key="nav.explorer",
    order=0,
    build=create_explorer,
    register_callbacks=register_callbacks,
    register_routes=register_routes,
)
