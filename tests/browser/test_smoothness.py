"""The kink lab in real headless Chromium: sliders, training controls, links and language."""

from __future__ import annotations

import math

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from app import create_app
from components import ids as frame_ids
from components import theme
from components.i18n import translator
from components.pages import smoothness as page
from components.smoothness_lab import BETA_STEPS, GAIN_STEPS
from tests.browser.support import (
    set_viewport,
    settle,
    severe_console_errors,
    wait_until,
)
from tests.browser.test_explorer import no_console_errors, query, type_into, wait_for


def graph(dash_duo, graph_id: str) -> dict | None:
    """What Plotly has drawn in ``graph_id``: trace names and y values."""
    return dash_duo.driver.execute_script(
        """
        const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
        if (!gd || !gd._fullLayout || !gd.data || !gd.data.length) { return null; }
        return {names: gd.data.map(t => t.name), ys: gd.data.map(t => Array.from(t.y))};
        """,
        graph_id,
    )


def trace_y(dash_duo, graph_id: str, name: str) -> list[float] | None:
    state = graph(dash_duo, graph_id)
    if state is None or name not in state["names"]:
        return None
    return state["ys"][state["names"].index(name)]


def slider_position(dash_duo, slider_id: str) -> int:
    """The position of a step slider (a native range input)."""
    return int(dash_duo.find_element(f"#{slider_id}").get_attribute("value"))


def press_on_slider(dash_duo, slider_id: str, *keys: str) -> None:
    """Focus the range input (a click would move it) and press ``keys``."""
    slider = dash_duo.find_element(f"#{slider_id}")
    dash_duo.driver.execute_script("arguments[0].focus()", slider)
    slider.send_keys(*keys)


def open_page(dash_duo, search: str = "?lang=en") -> None:
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + page.PATH + search)
    wait_for(dash_duo, lambda: graph(dash_duo, page.LOSS_GRAPH), "loss curves never drawn")
    wait_for(dash_duo, lambda: graph(dash_duo, page.MORPH_GRAPH), "morph never drawn")


def test_the_page_shows_the_morphs_the_kink_and_the_three_runs(dash_duo):
    open_page(dash_duo)
    names = graph(dash_duo, page.MORPH_GRAPH)["names"]
    # Each function's f, f′ and peak marker come together; f comes first.
    assert [n for n in names if n in ("Softplus", "ReLU")] == ["Softplus", "ReLU"]
    dash_duo.wait_for_contains_text(f"#{page.DISTANCE_TEXT}", "ln 2 / β = 0.693147")
    loss = graph(dash_duo, page.LOSS_GRAPH)
    assert loss["names"] == ["ReLU", "Softplus", "Sigmoid"]
    assert [len(y) for y in loss["ys"]] == [151, 151, 151]
    relu, _, sigmoid = loss["ys"]
    assert relu[-1] < 0.1 < 0.6 < sigmoid[-1]  # ReLU learned; the sigmoid sat near ln 2
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, f"#{page.RESULTS} tbody tr")
    assert len(rows) == 3
    kink = graph(dash_duo, page.SUBGRADIENT_GRAPH)
    assert "subgradients at 0: [0, 1]" in kink["names"]
    assert "In this run ReLU was the first" in dash_duo.find_element(f"#{page.VERDICT}").text
    # The address bar holds the whole view.
    wait_for(dash_duo, lambda: query(dash_duo).get("beta") == ["1"], "URL never written")
    assert query(dash_duo) == {
        "beta": ["1"],
        "a": ["1"],
        "dataset": ["circles"],
        "seed": ["0"],
        "lr": ["0.3"],
        "lang": ["en"],
    }
    no_console_errors(dash_duo)


def test_the_sliders_sharpen_softplus_and_the_sigmoid(dash_duo):
    open_page(dash_duo)
    press_on_slider(dash_duo, page.BETA, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(f"#{page.BETA_VALUE}", "β = 1.2")
    gap_name = f"gap at x = 0: ln 2 / β = {math.log(2) / 1.2:.6g}"
    wait_for(dash_duo, lambda: trace_y(dash_duo, page.MORPH_GRAPH, gap_name), "gap not redrawn")
    assert trace_y(dash_duo, page.MORPH_GRAPH, gap_name)[1] == math.log(2) / 1.2
    wait_for(dash_duo, lambda: query(dash_duo)["beta"] == ["1.2"], "URL not updated")
    href = dash_duo.find_element(f"#{page.MORPH_DOWNLOAD}").get_attribute("href")
    assert "/export/softplus-morph.csv?beta=1.2&" in href
    distance = dash_duo.find_element(f"#{page.DISTANCE_DOWNLOAD}").get_attribute("href")
    assert distance.endswith("/export/softplus-distance.csv?beta=1.2&lang=en")

    press_on_slider(dash_duo, page.GAIN, Keys.END)
    dash_duo.wait_for_text_to_equal(f"#{page.GAIN_VALUE}", "a = 100")
    dash_duo.wait_for_contains_text(f"#{page.SIGMOID_TEXT}", "a = 100: the peak of f′ is a/4 = 25")
    assert slider_position(dash_duo, page.GAIN) == len(GAIN_STEPS) - 1
    # A screen reader hears what the position means, not the position.
    gain = dash_duo.find_element(f"#{page.GAIN}")
    assert gain.get_attribute("aria-valuetext") == "a = 100"
    beta = dash_duo.find_element(f"#{page.BETA}")
    assert beta.get_attribute("aria-valuetext") == "β = 1.2"
    wait_for(dash_duo, lambda: query(dash_duo)["a"] == ["100"], "URL not updated")
    sigmoid = dash_duo.find_element(f"#{page.SIGMOID_DOWNLOAD}").get_attribute("href")
    assert "/export/sigmoid-morph.csv?a=100&" in sigmoid
    kink = dash_duo.find_element(f"#{page.SUBGRADIENT_DOWNLOAD}").get_attribute("href")
    assert kink.endswith("/export/kink-subgradients.csv?lang=en")
    no_console_errors(dash_duo)


def test_the_training_controls_retrain_and_a_bad_seed_is_explained(dash_duo):
    open_page(dash_duo)
    before = graph(dash_duo, page.LOSS_GRAPH)["ys"]
    dash_duo.find_element(f"#{page.DATASET} input[value='moons']").click()
    wait_for(dash_duo, lambda: graph(dash_duo, page.LOSS_GRAPH)["ys"] != before, "not retrained")
    wait_for(dash_duo, lambda: query(dash_duo)["dataset"] == ["moons"], "URL not updated")
    href = dash_duo.find_element(f"#{page.TRAIN_DOWNLOAD}").get_attribute("href")
    assert href.endswith("/export/kink-training.csv?dataset=moons&lang=en&lr=0.3&seed=0")

    moons = graph(dash_duo, page.LOSS_GRAPH)["ys"]
    type_into(dash_duo, f"#{page.SEED_INPUT}", "2.5")
    dash_duo.wait_for_contains_text(f"#{page.TRAIN_NOTICE}", "seed (seed)")
    assert graph(dash_duo, page.LOSS_GRAPH)["ys"] == moons  # the last good curves stay
    assert query(dash_duo)["seed"] == ["0"]

    type_into(dash_duo, f"#{page.SEED_INPUT}", "4")
    wait_for(dash_duo, lambda: query(dash_duo)["seed"] == ["4"], "URL not updated")
    wait_for(dash_duo, lambda: graph(dash_duo, page.LOSS_GRAPH)["ys"] != moons, "not retrained")
    assert dash_duo.find_element(f"#{page.TRAIN_NOTICE}").text == ""
    no_console_errors(dash_duo)


def test_a_link_restores_the_view_in_japanese_and_the_switch_keeps_it(dash_duo):
    open_page(dash_duo, "?beta=10&a=100&dataset=xor&seed=3&lr=0.1&lang=ja")
    ja, en = translator("ja"), translator("en")
    dash_duo.wait_for_text_to_equal("#kink-title", ja("smoothness.title"))
    ten = BETA_STEPS.index(10.0)
    wait_for(dash_duo, lambda: slider_position(dash_duo, page.BETA) == ten, "β not restored")
    assert slider_position(dash_duo, page.GAIN) == GAIN_STEPS.index(100.0)
    dash_duo.wait_for_contains_text(f"#{page.SIGMOID_TEXT}", "a/4 = 25")
    assert dash_duo.find_element(f"#{page.SEED_INPUT}").get_attribute("value") == "3"
    assert dash_duo.find_element(f"#{page.DATASET} input[value='xor']").is_selected()
    assert dash_duo.find_element(".site-nav .current").text == ja("nav.smoothness")

    dash_duo.driver.find_element(By.CSS_SELECTOR, "a[data-lang='en']").click()
    dash_duo.wait_for_text_to_equal("#kink-title", en("smoothness.title"))
    wait_for(dash_duo, lambda: query(dash_duo).get("lang") == ["en"], "URL not in English")
    assert query(dash_duo)["dataset"] == ["xor"] and query(dash_duo)["beta"] == ["10"]
    wait_for(dash_duo, lambda: slider_position(dash_duo, page.BETA) == ten, "β not kept")
    no_console_errors(dash_duo)


def plot_background(dash_duo, graph_id: str) -> str | None:
    return dash_duo.driver.execute_script(
        """
        const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
        return gd && gd._fullLayout ? gd._fullLayout.plot_bgcolor : null;
        """,
        graph_id,
    )


def test_the_theme_switch_redraws_every_figure_in_the_dark_theme(dash_duo):
    open_page(dash_duo)
    graphs = (
        page.MORPH_GRAPH,
        page.DISTANCE_GRAPH,
        page.SIGMOID_GRAPH,
        page.SUBGRADIENT_GRAPH,
        page.LOSS_GRAPH,
    )
    for graph_id in graphs:
        wait_for(
            dash_duo, lambda g=graph_id: plot_background(dash_duo, g) == "#ffffff", "not light"
        )
    dash_duo.find_element(f"#{frame_ids.THEME_TOGGLE}").click()
    for graph_id in graphs:
        wait_for(
            dash_duo,
            lambda g=graph_id: plot_background(dash_duo, g) == theme.PLOT_BACKGROUND[theme.DARK],
            f"{graph_id} not redrawn dark",
        )
    no_console_errors(dash_duo)


# --- layout at a phone's and a desktop's size (one shared site, support.py) --------------

SMALL_TARGETS_JS = """
const main = document.querySelector("main");
const found = [];
main.querySelectorAll("a[href], button, input, select, summary, [tabindex='0']").forEach(el => {
    if (el.closest(".js-plotly-plot") || el.closest("details:not([open]) > :not(summary)")) {
        return;
    }
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) { return; }  // not rendered
    if (box.width < 24 || box.height < 24) {
        found.push(`${el.tagName.toLowerCase()}#${el.id || ""}.${el.className}: `
            + `${box.width.toFixed(1)} x ${box.height.toFixed(1)}`);
    }
});
return found;
"""


@pytest.mark.parametrize(
    ("width", "height", "mobile"), [(390, 844, True), (1440, 900, False)], ids=["phone", "desktop"]
)
def test_the_page_fits_the_screen_and_its_targets_are_large_enough(site, width, height, mobile):
    set_viewport(site.driver, width, height, mobile)
    site.open(page.PATH, "beta=10&a=40&dataset=moons&seed=3&lr=0.1", "ja")
    site.script("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
    settle(site.driver)
    page_width = site.script("return document.documentElement.scrollWidth")
    assert page_width <= site.script("return window.innerWidth"), "the page scrolls sideways"
    # Wide tables scroll inside their own box instead.
    for box in site.driver.find_elements(By.CSS_SELECTOR, "main .table-scroll"):
        assert box.size["width"] <= width
    assert site.script(SMALL_TARGETS_JS) == []
    graphs = site.driver.find_elements(By.CSS_SELECTOR, "main .dash-graph")
    assert len(graphs) == 5
    for graph in graphs:
        assert graph.size["height"] >= 200 and graph.size["width"] <= width
    assert severe_console_errors(site.driver) == []


# --- keyboard only -----------------------------------------------------------------------------

FOCUS_RING_JS = """
const el = document.activeElement;
const style = getComputedStyle(el);
const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
return {outline: outline, shadow: style.boxShadow !== "none"};
"""


def tab_to(site, element_id: str, limit: int = 200, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until ``element_id`` has the focus."""
    key = Keys.SHIFT + Keys.TAB if backwards else Keys.TAB
    for _ in range(limit):
        if site.driver.switch_to.active_element.get_attribute("id") == element_id:
            return
        site.driver.switch_to.active_element.send_keys(key)
    raise AssertionError(f"Tab never reached #{element_id}")


def has_focus_ring(site) -> bool:
    ring = site.script(FOCUS_RING_JS)
    return ring["outline"] or ring["shadow"]


def plotted(site, graph_id: str) -> list[list[float]]:
    return site.script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "return gd.data.map(t => Array.from(t.y));",
        graph_id,
    )


def test_keyboard_alone_moves_beta_and_picks_a_data_set(site):
    site.open(page.PATH, "", "en")
    before = plotted(site, page.MORPH_GRAPH)
    site.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    tab_to(site, page.BETA)
    assert has_focus_ring(site), "the focused slider shows no focus indicator"
    site.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    wait_until(
        site.driver,
        lambda d: d.find_element(By.ID, page.BETA_VALUE).text == "β = 1.2",
        "β never moved",
    )
    wait_until(site.driver, lambda d: plotted(site, page.MORPH_GRAPH) != before, "not redrawn")
    assert site.driver.switch_to.active_element.get_attribute("id") == page.BETA

    # On to the data sets (radio buttons): the arrow keys pick the next one.
    losses = plotted(site, page.LOSS_GRAPH)
    circles = "_dbcprivate_radioitems_kink-dataset_input_circles"
    tab_to(site, circles)
    assert has_focus_ring(site), "the focused radio button shows no focus indicator"
    site.driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    wait_until(site.driver, lambda d: plotted(site, page.LOSS_GRAPH) != losses, "not retrained")
    active = site.driver.switch_to.active_element
    assert active.get_attribute("value") == "moons" and active.is_selected()
    assert has_focus_ring(site)
    assert severe_console_errors(site.driver) == []
