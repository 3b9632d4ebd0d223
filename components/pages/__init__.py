"""The app's pages: each module here defines one ``PAGE``, found automatically.

A page is a path, its name in the navigation, a builder for its content in a
language, and optionally its callbacks and plain HTTP routes (CSV downloads).
Adding a page is adding a module; nothing else needs to change.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dash import Dash
from flask import Flask

from components.i18n import Translate


@dataclass(frozen=True)
class Page:
    path: str
    nav_key: str  # catalogue key of its name in the navigation
    order: int  # position in the navigation
    build: Callable[[Translate, str], Any]  # (tr, lang) -> the page's <main>
    register_callbacks: Callable[[Dash], None] | None = None
    register_routes: Callable[[Flask], None] | None = None


@functools.cache
def all_pages() -> tuple[Page, ...]:
    pages = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        pages.append(module.PAGE)
    return tuple(sorted(pages, key=lambda page: page.order))


def page_at(path: str | None) -> Page | None:
    return next((page for page in all_pages() if page.path == path), None)
