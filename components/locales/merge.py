"""Merge a language's catalogue from its modules, one module per part of the app."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def merged_text(package: ModuleType) -> dict[str, str]:
    """Every module's ``TEXT`` in ``package``, as one dict; a key defined twice is an error."""
    text: dict[str, str] = {}
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        part: dict[str, str] = module.TEXT
        clash = text.keys() & part.keys()
        if clash:
            raise RuntimeError(f"{module.__name__} redefines {sorted(clash)}")
        text.update(part)
    return text
