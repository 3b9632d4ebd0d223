"""The vanishing-gradient lab in real headless Chromium: depth, training, language."""

from __future__ import annotations

import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from app import create_app
from components import ids as frame_ids
from components.i18n import translator
from components.pages.gradients import RANGE_VALUES, Ids
from components.theme import PLOT_BACKGROUND
from tests.browser.test_explorer import TIMEOUT, no_console_errors, wait_for


def open_lab(dash_duo, search: str = "") -> None:
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/gradients" + search)
    wait_for(dash_duo, lambda: trace_lengths(dash_duo, Ids.BOUND_GRAPH), "bound never drawn")


def trace_lengths(dash_duo, graph_id: str) -> list[int] | None:
    """How many points each trace of a graph has, as Plotly drew it."""
    return dash_duo.driver.execute_script(
        """
        const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
        if (!gd || !gd.data) { return null; }
        return gd.data.map(t => (t.x ? t.x.length : 0));
        """,
        graph_id,
    )


def graph_title(dash_duo, graph_id: str) -> str:
    return dash_duo.driver.execute_script(
        "return document.querySelector('#' + arguments[0] + ' .js-plotly-plot')"
        "._fullLayout.title.text",
        graph_id,
    )


def set_range(dash_duo, range_id: str, value: int) -> None:
    """Step a range input with the keys a person would use: Home, then the right arrow."""
    box = dash_duo.find_element(f"#{range_id}")
    low = int(box.get_attribute("min"))
    box.send_keys(Keys.HOME, *[Keys.ARROW_RIGHT] * (value - low))


def type_number(dash_duo, input_id: str, value: int) -> None:
    box = dash_duo.find_element(f"#{input_id}")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(str(value), Keys.TAB)


def counter_epoch(dash_duo) -> int:
    bar = dash_duo.find_element(f"#{Ids.PROGRESS} progress")
    return int(bar.get_attribute("value"))


def test_changing_depth_redraws_the_bound_and_the_gradient_norms(dash_duo):
    open_lab(dash_duo)
    assert trace_lengths(dash_duo, Ids.BOUND_GRAPH) == [10, 10, 10, 10]
    assert trace_lengths(dash_duo, Ids.NORMS_GRAPH) == [8, 8]

    set_range(dash_duo, Ids.BOUND_DEPTH, 40)
    wait_for(
        dash_duo,
        lambda: trace_lengths(dash_duo, Ids.BOUND_GRAPH) == [40, 40, 40, 40],
        "the bound did not follow the depth",
    )
    dash_duo.wait_for_contains_text(f"#{Ids.BOUND_TEXT}", "at L = 40", timeout=TIMEOUT)
    href = dash_duo.find_element(f"#{Ids.BOUND_DOWNLOAD}").get_attribute("href")
    assert "depth=40" in href

    set_range(dash_duo, Ids.DEPTH, 3)
    wait_for(
        dash_duo,
        lambda: trace_lengths(dash_duo, Ids.NORMS_GRAPH) == [3, 3],
        "the gradient norms did not follow the depth",
    )
    dash_duo.wait_for_contains_text(f"#{Ids.RATIOS}", "W₃", timeout=TIMEOUT)
    no_console_errors(dash_duo)


def test_training_starts_counts_epochs_pauses_and_resets(dash_duo):
    open_lab(dash_duo)
    start, pause, reset = (
        dash_duo.find_element(f"#{i}") for i in (Ids.START, Ids.PAUSE, Ids.RESET)
    )
    assert counter_epoch(dash_duo) == 0
    assert not pause.is_enabled()
    # A long target, so that training is still running when it is paused.
    type_number(dash_duo, Ids.TRAIN_EPOCHS, 2000)
    dash_duo.wait_for_text_to_equal(f"#{Ids.COUNTER}", "Epoch 0 / 2,000", timeout=TIMEOUT)

    start.click()
    wait_for(dash_duo, lambda: counter_epoch(dash_duo) >= 60, "the epoch counter never advanced")
    wait_for(
        dash_duo,
        lambda: counter_epoch(dash_duo) > 90,
        "training did not go on chunk after chunk",
    )
    assert dash_duo.find_element(f"#{Ids.COUNTER}").text.startswith("Epoch ")
    wait_for(dash_duo, lambda: len(trace_lengths(dash_duo, Ids.LOSS_GRAPH)) == 2, "no loss curves")

    pause.click()
    dash_duo.wait_for_contains_text(f"#{Ids.STATUS}", "Paused", timeout=TIMEOUT)
    time.sleep(0.5)  # an answer already on its way may still land
    paused_at = counter_epoch(dash_duo)
    time.sleep(1.5)
    assert counter_epoch(dash_duo) == paused_at, "the counter moved while paused"
    assert 0 < paused_at < 2000
    assert dash_duo.find_element(f"#{Ids.START}").is_enabled()
    assert trace_lengths(dash_duo, Ids.LOSS_GRAPH) == [paused_at, paused_at]

    reset.click()
    wait_for(dash_duo, lambda: counter_epoch(dash_duo) == 0, "reset did not go back to epoch 0")
    dash_duo.wait_for_text_to_equal(f"#{Ids.COUNTER}", "Epoch 0 / 2,000", timeout=TIMEOUT)
    assert trace_lengths(dash_duo, Ids.LOSS_GRAPH) == [0, 0]
    no_console_errors(dash_duo)


def test_training_runs_to_its_target_and_stops(dash_duo):
    open_lab(dash_duo)
    type_number(dash_duo, Ids.TRAIN_EPOCHS, 90)
    dash_duo.wait_for_text_to_equal(f"#{Ids.COUNTER}", "Epoch 0 / 90", timeout=TIMEOUT)
    dash_duo.find_element(f"#{Ids.START}").click()
    dash_duo.wait_for_text_to_equal(f"#{Ids.COUNTER}", "Epoch 90 / 90", timeout=TIMEOUT)
    dash_duo.wait_for_contains_text(f"#{Ids.STATUS}", "target", timeout=TIMEOUT)
    assert dash_duo.find_element(f"#{Ids.START}").is_enabled()
    assert not dash_duo.find_element(f"#{Ids.PAUSE}").is_enabled()
    no_console_errors(dash_duo)


def test_switching_language_translates_the_lab(dash_duo):
    open_lab(dash_duo, "?lang=en")
    en, ja = translator("en"), translator("ja")
    assert graph_title(dash_duo, Ids.BOUND_GRAPH) == en("gradients.bound.chart_title")
    current = dash_duo.find_element(".site-nav .current")
    assert current.text == en("nav.gradients")

    dash_duo.driver.find_element(By.CSS_SELECTOR, "a[data-lang='ja']").click()
    dash_duo.wait_for_contains_text(".site-nav .current", ja("nav.gradients"), timeout=TIMEOUT)
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "ja"
    assert dash_duo.driver.current_url.endswith("/gradients?lang=ja")
    wait_for(
        dash_duo,
        lambda: graph_title(dash_duo, Ids.BOUND_GRAPH) == ja("gradients.bound.chart_title"),
        "chart not in Japanese",
    )
    dash_duo.wait_for_text_to_equal(f"#{Ids.START}", ja("gradients.train.start"), timeout=TIMEOUT)
    assert dash_duo.find_element(f"#{Ids.COUNTER}").text == "エポック 0 / 300"
    assert dash_duo.find_element(f"#{Ids.BOUNDARY_DOWNLOAD}").text == ja(
        "gradients.download.boundary"
    )
    assert "lang=ja" in dash_duo.find_element(f"#{Ids.DATA_DOWNLOAD}").get_attribute("href")
    # The callbacks answer in the page's language too.
    set_range(dash_duo, Ids.BOUND_DEPTH, 12)
    dash_duo.wait_for_contains_text(f"#{Ids.BOUND_TEXT}", "L = 12 で上限は", timeout=TIMEOUT)
    no_console_errors(dash_duo)


def range_value(dash_duo, range_id: str) -> str:
    """The range input's value, and the same number shown beside it."""
    value = dash_duo.find_element(f"#{range_id}").get_attribute("value")
    assert dash_duo.find_element(f"#{RANGE_VALUES[range_id]}").text == value
    return value


def test_a_deep_link_restores_the_controls_and_the_charts(dash_duo):
    open_lab(dash_duo, "?gdepth=20&bdepth=30&tdepth=2&epochs=120&lang=en")
    wait_for(
        dash_duo,
        lambda: trace_lengths(dash_duo, Ids.NORMS_GRAPH) == [20, 20],
        "the gradient norms did not follow the link",
    )
    wait_for(
        dash_duo,
        lambda: trace_lengths(dash_duo, Ids.BOUND_GRAPH) == [30, 30, 30, 30],
        "the bound did not follow the link",
    )
    assert range_value(dash_duo, Ids.DEPTH) == "20"
    assert range_value(dash_duo, Ids.BOUND_DEPTH) == "30"
    assert range_value(dash_duo, Ids.TRAIN_DEPTH) == "2"
    dash_duo.wait_for_text_to_equal(f"#{Ids.COUNTER}", "Epoch 0 / 120", timeout=TIMEOUT)
    # The training charts' downloads follow the link too.
    for link_id, route in (
        (Ids.TRAIN_NORMS_DOWNLOAD, "/export/training-gradients.csv?"),
        (Ids.BOUNDARY_DOWNLOAD, "/export/decision-boundary.csv?"),
    ):
        href = dash_duo.find_element(f"#{link_id}").get_attribute("href")
        assert route in href and "&depth=2&" in href and "&epochs=120&" in href
    data_href = dash_duo.find_element(f"#{Ids.DATA_DOWNLOAD}").get_attribute("href")
    assert data_href.endswith(
        "/export/training-data.csv?dataset=circles&points=200&noise=0.1&seed=0&lang=en"
    )
    # The address is rewritten in full and then follows the controls.
    wait_for(
        dash_duo,
        lambda: (
            "gdepth=20&" in dash_duo.driver.current_url
            and "tfn=sigmoid,relu" in dash_duo.driver.current_url
        ),
        "the address was not written in full",
    )
    set_range(dash_duo, Ids.DEPTH, 5)
    wait_for(
        dash_duo,
        lambda: "gdepth=5&" in dash_duo.driver.current_url,
        "the address did not follow the depth",
    )
    wait_for(dash_duo, lambda: trace_lengths(dash_duo, Ids.NORMS_GRAPH) == [5, 5], "no redraw")
    assert dash_duo.find_element(f"#{Ids.LINK_NOTICE}").text == ""
    no_console_errors(dash_duo)


def test_an_invalid_link_shows_a_notice_and_the_defaults(dash_duo):
    open_lab(dash_duo, "?gdepth=99&lang=ja")
    ja = translator("ja")
    dash_duo.wait_for_contains_text(
        f"#{Ids.LINK_NOTICE}", ja("gradients.notice.link"), timeout=TIMEOUT
    )
    assert ja("gradients.field.gdepth") in dash_duo.find_element(f"#{Ids.LINK_NOTICE}").text
    assert range_value(dash_duo, Ids.DEPTH) == "8"
    assert trace_lengths(dash_duo, Ids.NORMS_GRAPH) == [8, 8]
    wait_for(
        dash_duo,
        lambda: "gdepth=8&" in dash_duo.driver.current_url,
        "the repaired address was not written",
    )
    no_console_errors(dash_duo)


GRAPHS = (
    Ids.BOUND_GRAPH,
    Ids.NORMS_GRAPH,
    Ids.LOSS_GRAPH,
    Ids.TRAIN_NORMS_GRAPH,
    Ids.BOUNDARY_GRAPH,
)


def plot_backgrounds(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        """
        return arguments[0].map(id => {
            const gd = document.querySelector('#' + id + ' .js-plotly-plot');
            return gd && gd._fullLayout ? gd._fullLayout.plot_bgcolor : null;
        });
        """,
        list(GRAPHS),
    )


def test_every_chart_follows_the_theme_switch_and_opens_in_the_chosen_theme(dash_duo):
    open_lab(dash_duo)
    assert set(plot_backgrounds(dash_duo)) == {"#ffffff"}
    dash_duo.find_element(f"#{frame_ids.THEME_TOGGLE}").click()
    wait_for(
        dash_duo,
        lambda: set(plot_backgrounds(dash_duo)) == {PLOT_BACKGROUND["dark"]},
        "the charts did not turn dark with the page",
    )
    # The choice is remembered: a new visit draws the charts dark from the start.
    dash_duo.wait_for_page(url=dash_duo.server_url + "/gradients?gdepth=4")
    wait_for(
        dash_duo,
        lambda: (
            set(plot_backgrounds(dash_duo)) == {PLOT_BACKGROUND["dark"]}
            and trace_lengths(dash_duo, Ids.NORMS_GRAPH) == [4, 4]
        ),
        "the charts were not dark on a new visit",
    )
    dash_duo.find_element(f"#{frame_ids.THEME_TOGGLE}").click()
    wait_for(
        dash_duo,
        lambda: set(plot_backgrounds(dash_duo)) == {"#ffffff"},
        "the charts did not turn light again",
    )
    no_console_errors(dash_duo)


# --- keyboard alone ----------------------------------------------------------------------

FOCUSED = """
const el = document.activeElement;
if (!el || el === document.body) { return null; }
const style = getComputedStyle(el);
return {
    id: el.id, tag: el.tagName.toLowerCase(), type: el.type || null,
    value: el.value === undefined ? null : String(el.value),
    group: el.closest("[id]") && el.closest(".checklist") ? el.closest(".checklist").id : null,
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
};
"""


def press(dash_duo, *keys) -> dict | None:
    """Send keys to whatever has focus, as a keyboard would, and describe the new focus."""
    ActionChains(dash_duo.driver).send_keys(*keys).perform()
    return dash_duo.driver.execute_script(FOCUSED)


def tab_to(dash_duo, matches, backwards: bool = False, limit: int = 150) -> dict:
    keys = (Keys.SHIFT, Keys.TAB) if backwards else (Keys.TAB,)
    for _ in range(limit):
        focused = press(dash_duo, *keys)
        if focused and matches(focused):
            return focused
    raise AssertionError(f"never reached with {'Shift+' if backwards else ''}Tab")


def assert_focus_visible(focused: dict) -> None:
    assert focused["outline"] or focused["shadow"], f"no visible focus on {focused}"


def test_the_lab_works_from_the_keyboard_alone(dash_duo):
    open_lab(dash_duo)
    assert trace_lengths(dash_duo, Ids.BOUND_GRAPH) == [10] * 4
    dash_duo.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")

    # Tab reaches the activations' checkboxes; Space ticks tanh: its curves appear.
    focused = tab_to(dash_duo, lambda f: f["type"] == "checkbox" and f["group"] == Ids.FUNCTIONS)
    assert_focus_visible(focused)
    focused = tab_to(dash_duo, lambda f: f["type"] == "checkbox" and f["value"] == "tanh")
    press(dash_duo, Keys.SPACE)
    wait_for(
        dash_duo,
        lambda: trace_lengths(dash_duo, Ids.BOUND_GRAPH) == [10] * 6,
        "Space on tanh did not add its bound and measured product",
    )

    # On to the depth of part 1: the arrow keys step it, the number beside it follows.
    focused = tab_to(dash_duo, lambda f: f["id"] == Ids.BOUND_DEPTH)
    assert focused["type"] == "range"
    assert_focus_visible(focused)
    press(dash_duo, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    wait_for(
        dash_duo,
        lambda: trace_lengths(dash_duo, Ids.BOUND_GRAPH) == [13] * 6,
        "the arrow keys did not deepen the bound",
    )
    assert range_value(dash_duo, Ids.BOUND_DEPTH) == "13"
    dash_duo.wait_for_contains_text(f"#{Ids.BOUND_TEXT}", "L = 1 to 13", timeout=TIMEOUT)

    # Shift+Tab back to the width: ArrowUp widens the network and the charts follow.
    focused = tab_to(dash_duo, lambda f: f["id"] == Ids.WIDTH, backwards=True)
    assert_focus_visible(focused)
    press(dash_duo, Keys.ARROW_UP, Keys.ENTER)
    wait_for(
        dash_duo,
        lambda: (
            "width=33&" in dash_duo.find_element(f"#{Ids.BOUND_DOWNLOAD}").get_attribute("href")
        ),
        "ArrowUp did not widen the network",
    )

    # Enter opens the bound's table of numbers.
    focused = tab_to(dash_duo, lambda f: f["tag"] == "summary")
    assert_focus_visible(focused)
    press(dash_duo, Keys.ENTER)
    wait_for(
        dash_duo,
        lambda: len(dash_duo.find_elements(f"#{Ids.BOUND_TABLE} tbody tr")) == 13,
        "Enter did not open the table of the bound",
    )
    no_console_errors(dash_duo)


def test_native_selects_and_checkboxes_drive_the_lab(dash_duo):
    open_lab(dash_duo)
    # A <select> sends its option's value as text; the validator reads it like a link.
    Select(dash_duo.find_element(f"#{Ids.INIT}")).select_by_value("normal")
    wait_for(
        dash_duo,
        lambda: dash_duo.find_element(f"#{Ids.SIGMA}").is_displayed(),
        "σ did not appear with the normal initialisation",
    )
    link = dash_duo.find_element(f"#{Ids.NORMS_DOWNLOAD}")
    wait_for(dash_duo, lambda: "&init=normal&sigma=1&" in link.get_attribute("href"), "no redraw")
    Select(dash_duo.find_element(f"#{Ids.TRAIN_BATCH}")).select_by_value("32")
    dash_duo.wait_for_contains_text(f"#{Ids.STATUS}", "start again", timeout=TIMEOUT)
    assert "&batch=32&" in dash_duo.find_element(f"#{Ids.TRAIN_DOWNLOAD}").get_attribute("href")
    # Part 3 trains at most three activations: a fourth box is explained, not an error.
    for name in ("tanh", "gelu"):
        dash_duo.find_element(f"#{Ids.TRAIN_FUNCTIONS} input[value='{name}'] + label").click()
    dash_duo.wait_for_contains_text(f"#{Ids.STATUS}", "at most 3 activations", timeout=TIMEOUT)
    assert dash_duo.find_element(f"#{Ids.START}").is_enabled()
    no_console_errors(dash_duo)
