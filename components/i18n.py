"""Japanese and English: one catalogue per language, one way to look text up.

Every visible string of the app comes from ``components/locales/<lang>.py``
through :func:`translator`; a test fails if a key is missing in either
language or a template names different placeholders. Function names,
formulas and code are not translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from components.locales import en, ja

LANGUAGES: tuple[str, ...] = ("en", "ja")
DEFAULT_LANGUAGE = "en"
CATALOGUES: Mapping[str, Mapping[str, str]] = {"en": en.TEXT, "ja": ja.TEXT}
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}

Translate = Callable[..., str]

_ACCEPT_ENTRY = re.compile(
    r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]{1,5}))?\s*$"
)


def translator(lang: str) -> Translate:
    """``tr("key", name=value)``: the template for ``key`` in ``lang``, filled in."""
    catalogue = CATALOGUES.get(lang, CATALOGUES[DEFAULT_LANGUAGE])

    def tr(key: str, **values: Any) -> str:
        return catalogue[key].format(**values) if values else catalogue[key]

    return tr


def negotiate_language(accept_language: str | None) -> str:
    """The best of our languages for an ``Accept-Language`` header (default English)."""
    best, best_q = DEFAULT_LANGUAGE, 0.0
    for entry in (accept_language or "")[:500].split(",")[:20]:
        match = _ACCEPT_ENTRY.match(entry)
        if not match:
            continue
        code = match.group(1).lower()
        try:
            q = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if code in LANGUAGES and q > best_q:
            best, best_q = code, q
    return best


def has_text(key: str) -> bool:
    """Whether ``key`` is in the catalogues (a test keeps them in step)."""
    return key in CATALOGUES[DEFAULT_LANGUAGE]
