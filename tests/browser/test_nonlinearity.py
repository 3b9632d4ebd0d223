"""The nonlinearity lab in real headless Chromium: depth, identity's line, language, keys."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from app import create_app
from components.nonlinearity_lab import NonlinearityState, compute_lab
from components.pages import nonlinearity as page
from components.state import format_number
from networks import affine_collapse, random_network_1d
from tests.browser.support import severe_console_errors, wait_until
from tests.browser.test_explorer import TIMEOUT, no_console_errors, wait_for

GRAPH_DIV = f"#{page.GRAPH} .js-plotly-plot"


def traces(dash_duo) -> list[dict] | None:
    """Name, mode, dash and point count of each trace Plotly has drawn."""
    return dash_duo.driver.execute_script(
        """
        const gd = document.querySelector(arguments[0]);
        if (!gd || !gd.data) { return null; }
        return gd.data.map(t => ({
            name: t.name, mode: t.mode, points: t.x.length,
            dash: t.line ? t.line.dash || null : null,
        }));
        """,
        GRAPH_DIV,
    )


def piece_count(dash_duo) -> int | None:
    elements = dash_duo.driver.find_elements("css selector", f"#{page.PIECE_COUNT}")
    if not elements:
        return None
    match = re.search(r"\d+", elements[0].text)
    return int(match.group()) if match else None


def query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


def open_lab(dash_duo, search: str = ""):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}{page.PATH}{search}")
    wait_for(dash_duo, lambda: traces(dash_duo), "the lab never drew its graph")


def test_more_depth_gives_more_linear_pieces(dash_duo):
    open_lab(dash_duo, "?fn=relu&depth=3&width=8&seed=0")
    three = compute_lab(NonlinearityState(depth=3)).pieces.pieces
    one = compute_lab(NonlinearityState(depth=1)).pieces.pieces
    assert one is not None and three is not None and one < three
    wait_for(dash_duo, lambda: piece_count(dash_duo) == three, "wrong piece count")
    # The depth slider is a native <input type=range>: Home goes to its first value.
    dash_duo.find_element(f"#{page.DEPTH}").send_keys(Keys.HOME)
    wait_for(dash_duo, lambda: piece_count(dash_duo) == one, "piece count did not follow depth")
    assert dash_duo.find_element(f"#{page.DEPTH_VALUE}").text == "1"
    wait_for(dash_duo, lambda: query(dash_duo).get("depth") == ["1"], "URL never said depth=1")
    marks = [t for t in traces(dash_duo) if t["mode"] == "markers"]
    assert marks[0]["points"] == one - 1
    no_console_errors(dash_duo)


def test_choosing_identity_in_the_menu_straightens_the_line(dash_duo):
    open_lab(dash_duo, "?fn=relu&depth=6&width=12&seed=3")
    Select(dash_duo.find_element(f"#{page.FN}")).select_by_value("identity")
    wait_for(dash_duo, lambda: query(dash_duo).get("fn") == ["identity"], "URL never said identity")
    w, _b = affine_collapse(random_network_1d(6, 12, 3))
    dash_duo.wait_for_contains_text(f"#{page.COLLAPSE}", format_number(w), timeout=TIMEOUT)
    assert query(dash_duo)["depth"] == ["6"] and query(dash_duo)["width"] == ["12"]
    no_console_errors(dash_duo)


def test_identity_is_one_straight_line_with_its_exact_weight_and_bias(dash_duo):
    open_lab(dash_duo, "?fn=identity&depth=12&width=16&seed=7")
    w, b = affine_collapse(random_network_1d(12, 16, 7))
    dash_duo.wait_for_contains_text(f"#{page.COLLAPSE}", format_number(w), timeout=TIMEOUT)
    assert format_number(abs(b)) in dash_duo.find_element(f"#{page.COLLAPSE}").text
    drawn = traces(dash_duo)
    assert [t["dash"] for t in drawn] == ["solid", "dash"]
    assert piece_count(dash_duo) is None
    no_console_errors(dash_duo)


def test_switching_to_japanese_keeps_the_view(dash_duo):
    open_lab(dash_duo, "?fn=tanh&depth=4&lang=en")
    dash_duo.wait_for_contains_text(
        f"#{page.VERDICT}", "no linear pieces are found", timeout=TIMEOUT
    )
    dash_duo.find_element("a[data-lang='ja']").click()
    dash_duo.wait_for_contains_text(
        f"#{page.VERDICT}", "直線の部分は見つかりません", timeout=TIMEOUT
    )
    wait_for(dash_duo, lambda: query(dash_duo).get("lang") == ["ja"], "URL kept lang=en")
    assert query(dash_duo)["depth"] == ["4"] and query(dash_duo)["fn"] == ["tanh"]
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "ja"
    dash_duo.wait_for_contains_text(".site-nav", "なぜ非線形？", timeout=TIMEOUT)
    no_console_errors(dash_duo)


# --- the keyboard alone ------------------------------------------------------------------------

# The focused element, and whether it shows a focus indicator (an outline or a ring).
FOCUSED = """
const el = document.activeElement;
const style = getComputedStyle(el);
const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
return {
    id: el.id, tag: el.tagName.toLowerCase(),
    value: el.value === undefined ? null : String(el.value),
    ring: outline || style.boxShadow !== "none",
};
"""


def press(site, *keys) -> dict:
    """Send keys to whatever has focus, as a keyboard would; then say what has focus."""
    site.driver.switch_to.active_element.send_keys(*keys)
    return site.script(FOCUSED)


def tab_to(site, element_id: str, limit: int = 60) -> dict:
    for _ in range(limit):
        focused = press(site, Keys.TAB)
        if focused["id"] == element_id:
            return focused
    raise AssertionError(f"Tab never reached #{element_id}")


def drawn_names(site) -> list[str] | None:
    return site.script(
        "const gd = document.querySelector(arguments[0]);"
        "return gd && gd.data ? gd.data.map(t => t.name) : null;",
        GRAPH_DIV,
    )


def shown_pieces(site) -> int | None:
    found = site.driver.find_elements("css selector", f"#{page.PIECE_COUNT}")
    match = re.search(r"\d+", found[0].text) if found else None
    return int(match.group()) if match else None


def test_the_lab_works_from_the_keyboard_alone(site):
    site.open(page.PATH, "fn=relu&depth=3&width=8&seed=0")
    four = compute_lab(NonlinearityState(depth=4)).pieces.pieces
    assert four != compute_lab(NonlinearityState(depth=3)).pieces.pieces

    # Tab reaches the activation menu, then the depth slider; both show focus.
    assert tab_to(site, page.FN)["ring"]
    focused = press(site, Keys.TAB)
    assert focused["id"] == page.DEPTH and focused["ring"]

    # The right arrow steps the slider: one more layer, more pieces, a new URL.
    assert press(site, Keys.ARROW_RIGHT)["value"] == "4"
    wait_until(site.driver, lambda d: shown_pieces(site) == four, "pieces did not follow depth")
    wait_until(site.driver, lambda d: "depth=4" in d.current_url, "URL never said depth=4")
    assert site.driver.find_element("css selector", f"#{page.DEPTH_VALUE}").text == "4"

    # Back to the menu; the down arrow picks the next activation (sigmoid).
    assert press(site, Keys.SHIFT, Keys.TAB)["id"] == page.FN
    assert press(site, Keys.ARROW_DOWN)["value"] == "sigmoid"
    wait_until(
        site.driver,
        lambda d: drawn_names(site)[0] == "network with Sigmoid",
        "the graph never showed sigmoid",
    )
    assert "depth=4" in site.driver.current_url and "fn=sigmoid" in site.driver.current_url
    assert site.script(FOCUSED)["ring"]
    assert severe_console_errors(site.driver) == []
