"""Light and dark themes, and presentation mode, in real Chromium.

The theme follows the system until the visitor picks one; the pick is
remembered; every graph on every page follows it. Presentation mode folds
the controls away and enlarges text and graphs; Esc leaves it.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from components import ids
from components.theme import BASE_FONT_SIZE, LARGE_FONT_SCALE, PLOT_BACKGROUND
from tests.browser.support import (
    PAGES,
    Site,
    set_colour_scheme,
    settle,
    severe_console_errors,
    wait_until,
)

pytestmark = pytest.mark.browser

GRAPH_LOOKS = """
return Array.from(document.querySelectorAll(".js-plotly-plot"), gd => ({
    plot: gd._fullLayout.plot_bgcolor, font: gd._fullLayout.font.size,
    text: gd._fullLayout.font.color,
}));
"""
ROOT_FONT_SIZE = "return parseFloat(getComputedStyle(document.documentElement).fontSize)"


def theme(site: Site) -> str:
    return site.script("return document.documentElement.dataset.theme")


def page_colours(site: Site) -> dict[str, str]:
    return site.script(
        """
        const body = getComputedStyle(document.body);
        return {background: body.backgroundColor, text: body.color};
        """
    )


def graphs_have(site: Site, plot_bg: str) -> bool:
    looks = site.script(GRAPH_LOOKS)
    return bool(looks) and all(g["plot"] == plot_bg for g in looks)


def click(site: Site, component_id: str) -> None:
    site.driver.find_element("css selector", f"#{component_id}").click()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_graph_follows_the_system_theme_and_the_switch(site, path):
    set_colour_scheme(site.driver, "dark")
    site.open(path, PAGES[path], "ja")
    assert theme(site) == "dark"
    assert page_colours(site)["background"] == "rgb(13, 17, 23)"
    wait_until(site.driver, lambda _d: graphs_have(site, PLOT_BACKGROUND["dark"]), "not dark")

    click(site, ids.THEME_TOGGLE)
    wait_until(site.driver, lambda _d: graphs_have(site, PLOT_BACKGROUND["light"]), "not light")
    assert theme(site) == "light"
    assert page_colours(site)["background"] == "rgb(246, 247, 249)"
    toggle = site.driver.find_element("css selector", f"#{ids.THEME_TOGGLE}")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert severe_console_errors(site.driver) == []


def test_the_chosen_theme_is_remembered_over_the_system_one(site):
    set_colour_scheme(site.driver, "light")
    site.open("/")
    assert theme(site) == "light"
    click(site, ids.THEME_TOGGLE)
    wait_until(site.driver, lambda _d: graphs_have(site, PLOT_BACKGROUND["dark"]), "not dark")
    # Another page, then a fresh load: still dark although the system is light.
    site.driver.find_element("css selector", "a.nav-link[href^='/gradients']").click()
    wait_until(site.driver, lambda _d: graphs_have(site, PLOT_BACKGROUND["dark"]), "lab not dark")
    site.open("/")
    assert theme(site) == "dark"
    wait_until(site.driver, lambda _d: graphs_have(site, PLOT_BACKGROUND["dark"]), "not dark")
    assert (
        site.driver.find_element("css selector", f"#{ids.THEME_TOGGLE}").get_attribute(
            "aria-pressed"
        )
        == "true"
    )


def test_without_a_choice_the_theme_follows_a_change_of_the_system(site):
    set_colour_scheme(site.driver, "light")
    site.open("/")
    set_colour_scheme(site.driver, "dark")
    wait_until(site.driver, lambda _d: theme(site) == "dark", "the page ignored the system")
    wait_until(site.driver, lambda _d: graphs_have(site, PLOT_BACKGROUND["dark"]), "graph not")


def test_presentation_mode_folds_the_controls_and_enlarges_the_graph(site):
    site.open("/")
    normal_font = site.script(ROOT_FONT_SIZE)
    click(site, ids.PRESENT_TOGGLE)
    large = BASE_FONT_SIZE * LARGE_FONT_SCALE
    wait_until(
        site.driver,
        lambda _d: all(g["font"] == large for g in site.script(GRAPH_LOOKS)),
        "graph text not enlarged",
    )
    assert site.script("return document.querySelector('.controls').offsetParent") is None
    big_font = site.script(ROOT_FONT_SIZE)
    assert big_font > normal_font
    graph_width = site.script(
        "return document.querySelector('#graph .js-plotly-plot').getBoundingClientRect().width"
    )
    assert graph_width > 0.9 * site.script("return document.documentElement.clientWidth") - 80

    site.driver.find_element("css selector", "body").send_keys(Keys.ESCAPE)
    wait_until(
        site.driver,
        lambda _d: all(g["font"] == BASE_FONT_SIZE for g in site.script(GRAPH_LOOKS)),
        "Esc did not leave presentation mode",
    )
    settle(site.driver)
    assert site.script("return document.querySelector('.controls').offsetParent") is not None
    assert (
        site.driver.find_element("css selector", f"#{ids.PRESENT_TOGGLE}").get_attribute(
            "aria-pressed"
        )
        == "false"
    )
    assert severe_console_errors(site.driver) == []
