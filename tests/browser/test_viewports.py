"""Phones and desks: every page at 390×844 (touch) and at 1440×900.

On a phone the page never scrolls sideways, every control is a touch target
of at least 24×24 CSS px (WCAG 2.2, 2.5.8; links inside running text are
exempt) and the graphs take the width. On a desktop the explorer's controls
and graph sit side by side.
"""

from __future__ import annotations

import pytest

from tests.browser.support import PAGES, Site, set_viewport, settle, severe_console_errors

pytestmark = pytest.mark.browser

PHONE = (390, 844)
DESKTOP = (1440, 900)
MIN_TARGET_PX = 24

SMALL_TARGETS = f"""
const small = [];
const controls = document.querySelectorAll(
    "a[href], button, input:not([type='hidden']), select, summary, [role='slider']");
for (const el of controls) {{
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest("[hidden], .modebar-container")) {{
        continue;
    }}
    // A link in running text is exempt (WCAG 2.5.8, "inline").
    if (el.tagName === "A" && getComputedStyle(el).display === "inline") {{ continue; }}
    // A checkbox or radio counts with its label: clicking either toggles it.
    let target = box;
    if (el.labels && el.labels.length) {{
        const label = el.labels[0].getBoundingClientRect();
        const left = Math.min(box.left, label.left), right = Math.max(box.right, label.right);
        const top = Math.min(box.top, label.top), bottom = Math.max(box.bottom, label.bottom);
        target = {{width: right - left, height: bottom - top}};
    }}
    if (target.width < {MIN_TARGET_PX} - 0.5 || target.height < {MIN_TARGET_PX} - 0.5) {{
        small.push(`${{el.tagName.toLowerCase()}}#${{el.id}}.${{el.className}} ` +
                   `${{Math.round(target.width)}}x${{Math.round(target.height)}}`);
    }}
}}
return small;
"""

OVERFLOW = """
const width = document.documentElement.clientWidth;
const wide = Array.from(document.querySelectorAll("body *")).filter(el => {
    const box = el.getBoundingClientRect();
    return box.right > width + 1 && !el.closest(".table-scroll, pre, .cards, .function-card")
        && getComputedStyle(el).position !== "fixed";
}).slice(0, 5).map(el =>
    el.tagName + "." + el.className + " " + Math.round(el.getBoundingClientRect().right));
return {scrollWidth: document.documentElement.scrollWidth, width: width, wide: wide};
"""


def open_at(site: Site, size: tuple[int, int], path: str, lang: str, mobile: bool) -> None:
    set_viewport(site.driver, *size, mobile=mobile)
    site.open(path, PAGES[path], lang)
    settle(site.driver, 0.5)  # graphs re-fit their width after the first paint


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("path", list(PAGES))
def test_on_a_phone_nothing_scrolls_sideways_and_targets_are_large(site, path, lang):
    open_at(site, PHONE, path, lang, mobile=True)
    overflow = site.script(OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["width"], overflow
    assert site.script(SMALL_TARGETS) == []
    widths = site.script(
        "return Array.from(document.querySelectorAll('.js-plotly-plot'),"
        " g => g.getBoundingClientRect().width);"
    )
    assert widths, f"no graph on {path}"
    # Full width, less the page and card padding.
    assert min(widths) >= 0.8 * PHONE[0], widths
    assert severe_console_errors(site.driver) == []


@pytest.mark.parametrize("path", list(PAGES))
def test_on_a_desktop_nothing_scrolls_sideways(site, path):
    open_at(site, DESKTOP, path, "en", mobile=False)
    overflow = site.script(OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["width"], overflow
    assert severe_console_errors(site.driver) == []


def test_on_a_desktop_the_explorer_controls_sit_beside_the_graph(site):
    open_at(site, DESKTOP, "/", "en", mobile=False)
    controls, graph = site.script(
        """
        const box = el => { const b = el.getBoundingClientRect();
            return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
        return [box(document.querySelector(".controls")),
                box(document.querySelector("#graph .js-plotly-plot"))];
        """
    )
    assert controls["right"] <= graph["left"]
    assert controls["top"] < graph["bottom"] and graph["top"] < controls["bottom"]
    assert graph["right"] - graph["left"] > 700


def test_on_a_phone_the_explorer_stacks_controls_above_the_graph(site):
    open_at(site, PHONE, "/", "en", mobile=True)
    controls, graph = site.script(
        """
        return [document.querySelector(".controls").getBoundingClientRect().bottom,
                document.querySelector("#graph .js-plotly-plot").getBoundingClientRect().top];
        """
    )
    assert controls <= graph
