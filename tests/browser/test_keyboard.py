"""Keyboard only: every control is reached with Tab, shows focus, and works from keys.

Each page: Tab from the top of the page reaches every visible control
(inputs, selects, buttons, links, disclosure summaries, slider handles), and
every element that takes focus shows a visible focus indicator. The explorer
is then driven with keys alone: Space ticks a function and the derivative,
arrow keys step the x range and the slider, Enter commits a typed bound.
"""

from __future__ import annotations

from typing import Any

import pytest
from selenium.webdriver.common.keys import Keys

from components import ids
from tests.browser.support import PAGES, Site, settle, severe_console_errors, wait_until

pytestmark = pytest.mark.browser

# What a visitor can reach with Tab, as axe and browsers see it.
FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([type='hidden']):not([disabled]), "
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]"
)

DESCRIBE_ACTIVE = """
const el = document.activeElement;
if (!el || el === document.body) { return null; }
const style = getComputedStyle(el);
const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
return {
    key: el.dataset.tabKey || null,
    tag: el.tagName.toLowerCase(),
    id: el.id, value: el.value === undefined ? null : String(el.value),
    role: el.getAttribute("role"),
    visibleFocus: outline || style.boxShadow !== "none",
};
"""

# Mark every visible, enabled control that should take focus with a key.
MARK_CONTROLS = f"""
const all = Array.from(document.querySelectorAll("{FOCUSABLE}"));
let count = 0;
for (const el of all) {{
    if (el.tabIndex < 0) {{ continue; }}
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden") {{ continue; }}
    if (el.closest("[hidden], [aria-hidden='true'], .modebar-container")) {{ continue; }}
    // Inside a closed <details> only its summary can take focus.
    const closed = el.closest("details:not([open])");
    if (closed && el !== closed.querySelector("summary")) {{ continue; }}
    el.dataset.tabKey = String(count++);
}}
return count;
"""


def tab(site: Site, shift: bool = False) -> dict[str, Any] | None:
    keys = (Keys.SHIFT, Keys.TAB) if shift else (Keys.TAB,)
    site.driver.switch_to.active_element.send_keys(*keys)
    return site.script(DESCRIBE_ACTIVE)


def tab_until(site: Site, matches: Any, limit: int = 120) -> dict[str, Any]:
    """Press Tab until the focused element satisfies ``matches``."""
    for _ in range(limit):
        focused = tab(site)
        if focused and matches(focused):
            return focused
    raise AssertionError(f"never reached by Tab within {limit} presses")


def tab_through_page(site: Site) -> tuple[int, list[dict[str, Any]]]:
    """Every control on the page, then the focus stops met by tabbing once round."""
    expected = site.script(MARK_CONTROLS)
    site.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
    stops = []
    for _ in range(expected + 40):
        focused = tab(site)
        if focused is None:
            break
        if stops and focused == stops[0]:
            break
        stops.append(focused)
    return expected, stops


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("path", list(PAGES))
def test_tab_reaches_every_control_and_focus_is_visible(site, path, lang):
    site.open(path, PAGES[path], lang)
    expected, stops = tab_through_page(site)
    reached = {stop["key"] for stop in stops if stop["key"] is not None}
    missing = set(map(str, range(expected))) - reached
    assert expected > 0
    assert not missing, f"{len(missing)} of {expected} controls never got focus on {path}"
    invisible = [stop for stop in stops if not stop["visibleFocus"]]
    assert not invisible, f"focus not visible on {invisible[:5]}"
    assert severe_console_errors(site.driver) == []


def plot(site: Site) -> dict[str, Any]:
    return site.script(
        """
        const gd = document.querySelector(arguments[0]);
        const shown = gd._fullData.filter(t => t.visible === true);
        return {names: shown.map(t => t.name), xrange: gd._fullLayout.xaxis.range,
                derivative: gd._fullLayout.yaxis2.visible !== false};
        """,
        f"#{ids.GRAPH} .js-plotly-plot",
    )


def wait_for_plot(site: Site, predicate: Any, message: str) -> None:
    wait_until(site.driver, lambda _d: predicate(plot(site)), message)


def test_the_explorer_works_from_the_keyboard_alone(site):
    site.open("/", "fn=sigmoid,relu&xmin=-5&xmax=5")

    # Space ticks a function's box: its curve appears.
    tab_until(site, lambda f: f["tag"] == "input" and f["value"] == "gelu")
    site.driver.switch_to.active_element.send_keys(Keys.SPACE)
    wait_for_plot(site, lambda p: "GELU" in p["names"], "Space did not add GELU")

    # Arrow keys step a typed bound; Enter commits it.
    tab_until(site, lambda f: f["id"] == ids.XMIN)
    site.driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    wait_for_plot(site, lambda p: p["xrange"] == [-6, 5], "ArrowDown + Enter did not move x min")

    # The slider's handles move with the arrow keys (0.1 a step).
    tab_until(site, lambda f: f["role"] == "slider")
    site.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    wait_for_plot(site, lambda p: abs(p["xrange"][0] + 5.9) < 1e-9, "the slider did not step")

    # Space on the derivative box hides f′ and brings it back.
    tab_until(site, lambda f: f["value"] == ids.OPTION_DERIVATIVE)
    site.driver.switch_to.active_element.send_keys(Keys.SPACE)
    wait_for_plot(site, lambda p: not p["derivative"], "Space did not hide f′")
    site.driver.switch_to.active_element.send_keys(Keys.SPACE)
    wait_for_plot(site, lambda p: p["derivative"], "Space did not bring f′ back")

    # Enter opens the table of numbers.
    tab_until(site, lambda f: f["tag"] == "summary")
    site.driver.switch_to.active_element.send_keys(Keys.ENTER)
    settle(site.driver)
    assert site.script("return document.querySelector('.data-table').open") is True
    assert severe_console_errors(site.driver) == []


def test_the_header_toggles_work_from_the_keyboard(site):
    site.open("/")
    tab_until(site, lambda f: f["id"] == ids.THEME_TOGGLE)
    site.driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait_until(
        site.driver,
        lambda d: d.execute_script("return document.documentElement.dataset.theme") == "dark",
        "Enter on the theme switch did not turn the page dark",
    )
    assert site.driver.switch_to.active_element.get_attribute("aria-pressed") == "true"
    site.driver.switch_to.active_element.send_keys(Keys.SPACE)
    wait_until(
        site.driver,
        lambda d: d.execute_script("return document.documentElement.dataset.theme") == "light",
        "Space on the theme switch did not turn the page light again",
    )
