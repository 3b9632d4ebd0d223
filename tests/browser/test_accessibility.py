"""axe-core in real Chromium: no critical or serious WCAG violation anywhere.

Every page, in English and Japanese, in its default state and with its
options in use (support.PAGES), in the light theme; and with the options in
use in the dark theme, where contrast is measured again.
"""

from __future__ import annotations

import pytest

from components.i18n import translator
from tests.browser.support import (
    PAGES,
    axe_violations,
    blocking,
    describe,
    set_colour_scheme,
    severe_console_errors,
)

pytestmark = pytest.mark.browser

CASES = [
    pytest.param(path, query, lang, theme, id=f"{path}-{state}-{lang}-{theme}")
    for path, in_use in PAGES.items()
    for state, query, themes in (("default", "", ("light",)), ("in-use", in_use, ("light", "dark")))
    for lang in ("en", "ja")
    for theme in themes
]


@pytest.mark.parametrize(("path", "query", "lang", "theme"), CASES)
def test_axe_finds_no_serious_violation(site, path, query, lang, theme):
    set_colour_scheme(site.driver, theme)
    site.open(path, query, lang)
    assert site.script("return document.documentElement.dataset.theme") == theme
    assert site.script("return document.documentElement.lang") == lang
    found = blocking(axe_violations(site.driver))
    assert not found, f"{path}?{query} ({lang}, {theme}):\n{describe(found)}"
    assert severe_console_errors(site.driver) == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_range_slider_handles_are_named_in_the_page_language(site, lang):
    site.open("/", "", lang)
    tr = translator(lang)
    names = site.script(
        "return Array.from(document.querySelectorAll(\"[role='slider']\"),"
        " t => t.getAttribute('aria-label'));"
    )
    assert names == [tr("range.thumb_min"), tr("range.thumb_max")]
