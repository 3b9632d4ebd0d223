"""Absurd deep links: every page still appears, says what it repaired, and logs no error.

Values no control could produce — a 5,000-character function name, 1e308 points,
NaN bounds, an unknown language, negative sizes — come through the address bar.
Each page must draw its (repaired) view with a notice naming the problems: no
Dash error, no failed callback, no SEVERE console message.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser.support import page_ready, severe_console_errors, wait_until

pytestmark = pytest.mark.browser

LONG = "x" * 5000

ABSURD_LINKS = {
    "explorer, a 5,000-character function": ("/", f"fn={LONG}"),
    "explorer, absurd numbers": (
        "/",
        "n=1e308&xmin=nan&xmax=inf&deriv=maybe&sigmoid.a=-1e308&lang=zz",
    ),
    "explorer, reversed range and a runaway expression": (
        "/",
        f"xmin=5&xmax=-5&n=-3&fn=sigmoid&expr={quote('(' * 300)}",
    ),
    "gradients": (
        "/gradients",
        f"bdepth=1e308&gdepth=nan&width=-5&epochs=99999999999&tfn={LONG}&lr=nan&lang=zz",
    ),
    "gradients, training numbers": (
        "/gradients",
        "points=1e308&batch=-1&tseed=1e400&noise=inf&tdepth=0&twidth=1e9&optimiser=%00",
    ),
    "smoothness": ("/smoothness", f"beta=nan&a=1e308&seed=-1&lr=inf&dataset={LONG}"),
    "nonlinearity": (
        "/nonlinearity",
        f"n=1e308&xmin=nan&xmax=-inf&depth=-1&width=99999&seed=1e400&fn={LONG}",
    ),
    "questions": ("/questions", f"fn={LONG}&lang=zz"),
}

# Every page announces repairs in a live region (.notice[aria-live]) as a .notice-box.
NOTICE_SHOWN = """
const boxes = Array.from(document.querySelectorAll("main .notice[aria-live] .notice-box"));
return boxes.some(box => box.offsetParent !== null && box.innerText.trim().length > 0);
"""
DASH_ERRORS = ".dash-fe-error__title, .dash-fe-error-top, .dash-debug-alert"


@pytest.mark.parametrize("path, query", ABSURD_LINKS.values(), ids=ABSURD_LINKS.keys())
def test_an_absurd_link_shows_the_page_with_a_notice(site, path, query):
    driver = site.driver
    driver.get(f"{site.base_url}{path}?{query}")
    wait_until(driver, page_ready, f"{path} never finished drawing")
    wait_until(driver, lambda d: d.execute_script(NOTICE_SHOWN), f"{path}: no notice shown")
    assert driver.find_elements("css selector", "main h1, main h2"), "the page has no content"
    assert not driver.find_elements("css selector", DASH_ERRORS)
    assert severe_console_errors(driver) == []


@pytest.mark.parametrize("path", sorted({path for path, _ in ABSURD_LINKS.values()}))
def test_a_sound_link_shows_no_notice(site, path):
    """The notice above is the links' doing: the same page opened plainly has none."""
    driver = site.driver
    driver.get(f"{site.base_url}{path}?lang=en")
    wait_until(driver, page_ready, f"{path} never finished drawing")
    assert not driver.execute_script(NOTICE_SHOWN)
    assert severe_console_errors(driver) == []
