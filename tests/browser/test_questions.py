"""The questions page in real headless Chromium: NumPy's error, the note's plots, language, keys."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import activations
from app import create_app
from components import ids
from components.i18n import translator
from components.pages import questions as page
from components.theme import PLOT_BACKGROUND
from tests.browser.support import severe_console_errors, wait_until
from tests.browser.test_explorer import no_console_errors, query, wait_for

CHARTS = [page.chart_id(name) for name in ("step", "sigmoid", "relu")]


def chart_state(dash_duo, chart: str) -> dict | None:
    return dash_duo.driver.execute_script(
        """
        const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
        if (!gd || !gd._fullLayout || !gd.data) { return null; }
        return {points: gd.data[0].x.length, yrange: gd._fullLayout.yaxis.range,
                title: gd._fullLayout.title.text};
        """,
        chart,
    )


def heading(dash_duo) -> str:
    return dash_duo.find_element("main h2").text


def test_the_page_shows_numpys_error_and_the_notes_three_plots(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/questions?lang=en")
    dash_duo.wait_for_contains_text(
        f"#{page.CELLS}",
        "ValueError: The truth value of an array with more than one element is ambiguous. "
        "Use a.any() or a.all()",
    )
    dash_duo.wait_for_contains_text(f"#{page.CELLS}", "has no attribute 'int'")
    for chart in CHARTS:
        wait_for(dash_duo, lambda c=chart: chart_state(dash_duo, c), f"{chart} never drawn")
        state = chart_state(dash_duo, chart)
        assert state["points"] == 100
        assert state["yrange"] == [-0.1, 1.1]
    assert chart_state(dash_duo, CHARTS[0])["title"] == "Step (Heaviside)"
    link = dash_duo.find_element(f"#{page.CSV_LINK}")
    assert link.get_attribute("href").endswith("/export/study-note.csv?lang=en")
    no_console_errors(dash_duo)


def test_switching_language_translates_the_page(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/questions?lang=en")
    en, ja = translator("en"), translator("ja")
    wait_for(dash_duo, lambda: heading(dash_duo) == en("questions.title"), "no English page")
    dash_duo.driver.find_element(By.CSS_SELECTOR, "a[data-lang='ja']").click()
    wait_for(dash_duo, lambda: heading(dash_duo) == ja("questions.title"), "page not in Japanese")
    wait_for(dash_duo, lambda: query(dash_duo) == {"lang": ["ja"]}, "URL is not lang=ja")
    wait_for(dash_duo, lambda: chart_state(dash_duo, CHARTS[1]), "charts not drawn")
    assert chart_state(dash_duo, CHARTS[1])["title"] == activations.get("sigmoid").label("ja")
    assert chart_state(dash_duo, CHARTS[1])["yrange"] == [-0.1, 1.1]
    dash_duo.wait_for_contains_text(f"#{page.CELLS}", "truth value of an array")
    no_console_errors(dash_duo)


def test_an_unknown_key_is_reported_and_dropped_from_the_url(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/questions?lang=ja&fn=relu")
    dash_duo.wait_for_contains_text(f"#{page.NOTICE}", translator("ja")("questions.notice"))
    wait_for(dash_duo, lambda: query(dash_duo) == {"lang": ["ja"]}, "URL not canonical")
    dash_duo.find_element(f"#{page.PRESET} a[href^='/?fn=relu']").click()
    wait_for(dash_duo, lambda: query(dash_duo).get("fn") == ["relu"], "explorer not opened")
    assert query(dash_duo)["lang"] == ["ja"]
    no_console_errors(dash_duo)


# --- the keyboard alone ------------------------------------------------------------------------

# The focused element, the chart its figure holds, and whether it shows a focus indicator.
FOCUSED = """
const el = document.activeElement;
const style = getComputedStyle(el);
const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
const figure = el.closest("figure");
return {
    id: el.id, tag: el.tagName.toLowerCase(),
    chart: figure && figure.querySelector(".dash-graph") ? figure.querySelector(".dash-graph").id
        : null,
    ring: outline || style.boxShadow !== "none",
};
"""


def press(site, *keys) -> dict:
    """Send keys to whatever has focus, as a keyboard would; then say what has focus."""
    site.driver.switch_to.active_element.send_keys(*keys)
    return site.script(FOCUSED)


def tab_until(site, matches, limit: int = 120) -> dict:
    for _ in range(limit):
        focused = press(site, Keys.TAB)
        if matches(focused):
            return focused
    raise AssertionError(f"Tab never reached it within {limit} presses")


def plot_backgrounds(site) -> list[str | None]:
    return site.script(
        "return arguments[0].map(id => {"
        "  const gd = document.querySelector('#' + id + ' .js-plotly-plot');"
        "  return gd && gd._fullLayout ? gd._fullLayout.plot_bgcolor : null; });",
        CHARTS,
    )


def test_the_note_plots_work_from_the_keyboard_alone(site):
    site.open("/questions", lang="ja")
    assert plot_backgrounds(site) == [PLOT_BACKGROUND["light"]] * 3

    # Tab to the dark-theme switch; Space turns it on and the three plots redraw.
    focused = tab_until(site, lambda f: f["id"] == ids.THEME_TOGGLE)
    assert focused["ring"]
    press(site, Keys.SPACE)
    wait_until(
        site.driver,
        lambda d: plot_backgrounds(site) == [PLOT_BACKGROUND["dark"]] * 3,
        "the note's plots never turned dark",
    )
    assert site.script("return document.documentElement.dataset.theme") == "dark"

    # On to the sigmoid plot's table: Enter opens it, and its numbers are shown.
    table = f"#{page.chart_id('sigmoid')}-table"
    assert not site.driver.find_element("css selector", table).is_displayed()
    focused = tab_until(
        site, lambda f: f["tag"] == "summary" and f["chart"] == page.chart_id("sigmoid")
    )
    assert focused["ring"]
    press(site, Keys.ENTER)
    wait_until(
        site.driver,
        lambda d: d.find_element("css selector", table).is_displayed(),
        "Enter did not open the table",
    )
    rows = site.driver.find_elements("css selector", f"{table} tbody tr")
    assert len(rows) == 11
    # The table's scroll box is the next stop, and it shows focus too.
    focused = press(site, Keys.TAB)
    assert focused["id"] == "" and focused["ring"]
    assert severe_console_errors(site.driver) == []
