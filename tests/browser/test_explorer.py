"""The explorer in real headless Chromium (dash_duo): controls, deep links, download."""

from __future__ import annotations

import csv
import os
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import activations
from app import create_app
from components import ids

TIMEOUT = 10

GRAPH_DIV = f"#{ids.GRAPH} .js-plotly-plot"


@pytest.fixture()
def explorer(dash_duo):
    """Start a fresh app and wait for its first graph."""
    dash_duo.start_server(create_app())
    wait_for_traces(dash_duo)
    return dash_duo


def plot_state(dash_duo) -> dict:
    """What Plotly has drawn: trace names, point counts and the x-axis range."""
    return dash_duo.driver.execute_script(
        """
        const gd = document.querySelector(arguments[0]);
        if (!gd || !gd._fullLayout || !gd._fullData) { return null; }
        // What is drawn: visible traces (f′ is hidden, not removed, when off),
        // each with its number of points (x comes as start and step).
        const shown = gd._fullData.filter(t => t.visible === true);
        const derivative = gd._fullLayout.yaxis2;
        return {
            names: shown.map(t => t.name),
            legend: shown.filter(t => t.showlegend).map(t => t.name),
            points: shown.length ? shown[0]._length : 0,
            xrange: gd._fullLayout.xaxis.range,
            hasDerivative: !!derivative && derivative.visible !== false,
        };
        """,
        GRAPH_DIV,
    )


def wait_for(dash_duo, predicate, message):
    def check(_driver):
        try:
            return predicate()
        except Exception:  # the graph may be mid re-render
            return False

    WebDriverWait(dash_duo.driver, TIMEOUT).until(check, message)


def wait_for_traces(dash_duo, *names):
    wait_for(
        dash_duo,
        lambda: (
            (state := plot_state(dash_duo))
            and all(n in state["names"] for n in names)
            and state["names"]
        ),
        f"graph never showed {names}",
    )


def function_box(dash_duo, name: str):
    """The checkbox of function ``name`` in the explorer's function list."""
    return dash_duo.find_element(f"#{ids.FUNCTIONS} input[value='{name}']")


def tick_function(dash_duo, name: str) -> None:
    box = function_box(dash_duo, name)
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()


def ticked_functions(dash_duo) -> list[str]:
    """The functions whose boxes are ticked, in catalogue order."""
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), i => i.value);",
        f"#{ids.FUNCTIONS} input:checked",
    )


def query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlparse(dash_duo.driver.current_url).query)


def type_into(dash_duo, selector, text):
    """Replace an input's text as a person would: select all, type, Tab away."""
    wait_for(
        dash_duo,
        lambda: dash_duo.find_element(selector).is_displayed(),
        f"{selector} never became visible",
    )
    element = dash_duo.find_element(selector)
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text, Keys.TAB)


def no_console_errors(dash_duo):
    logs = dash_duo.get_logs()
    assert logs == [], logs


def test_default_view_is_the_study_notes_three_functions(explorer):
    state = plot_state(explorer)
    assert state["legend"] == ["Sigmoid", "Step (Heaviside)", "ReLU"]
    assert state["xrange"] == [-5, 5]
    assert state["points"] == 201
    assert state["hasDerivative"]
    explorer.wait_for_contains_text(f"#{ids.FUNCTION_CARDS}", "max |f′| = 0.25 at x = 0")
    # The picture has a text alternative: a summary it points to, and the numbers.
    described = explorer.driver.execute_script(
        "const id = document.querySelector('.graph-figure').getAttribute('aria-describedby');"
        "return document.getElementById(id).textContent;"
    )
    assert "Sigmoid" in described and "max |f′| = 0.25 at x = 0" in described
    explorer.find_element(".data-table summary").click()
    explorer.wait_for_contains_text(f"#{ids.DATA_TABLE}", "ReLU: f′(x)", timeout=TIMEOUT)
    # The formulas arrive as MathML, which the browser renders itself.
    explorer.wait_for_element(f"#{ids.FUNCTION_CARDS} math", timeout=TIMEOUT)
    no_console_errors(explorer)


def test_picking_a_function_adds_its_curve_and_updates_the_url(explorer):
    gelu = activations.get("gelu")
    tick_function(explorer, "gelu")
    wait_for_traces(explorer, gelu.label("en"))
    wait_for(explorer, lambda: "gelu" in query(explorer)["fn"][0], "URL never named gelu")
    assert query(explorer)["fn"] == ["sigmoid,step,relu,gelu"]
    no_console_errors(explorer)


def test_changing_the_range_redraws_and_moves_the_slider(explorer):
    type_into(explorer, f"#{ids.XMIN}", "-10")
    wait_for(explorer, lambda: plot_state(explorer)["xrange"] == [-10, 5], "range not redrawn")
    assert query(explorer)["xmin"] == ["-10"]
    history_length = explorer.driver.execute_script("return window.history.length")
    type_into(explorer, f"#{ids.XMAX}", "2.5")
    wait_for(explorer, lambda: plot_state(explorer)["xrange"] == [-10, 2.5], "range not redrawn")
    # The URL is replaced in place, not pushed: no pile of history entries.
    assert explorer.driver.execute_script("return window.history.length") == history_length
    no_console_errors(explorer)


def test_toggling_the_derivative_removes_and_restores_the_f_prime_plot(explorer):
    checkbox = explorer.find_element(f"#{ids.OPTIONS} input[value='{ids.OPTION_DERIVATIVE}']")
    checkbox.click()
    wait_for(explorer, lambda: not plot_state(explorer)["hasDerivative"], "f′ still shown")
    assert query(explorer)["deriv"] == ["0"]
    checkbox.click()
    wait_for(explorer, lambda: plot_state(explorer)["hasDerivative"], "f′ not restored")
    no_console_errors(explorer)


def test_an_invalid_range_keeps_the_graph_and_says_why(explorer):
    type_into(explorer, f"#{ids.XMIN}", "8")
    explorer.wait_for_contains_text(f"#{ids.NOTICE}", "must be less than x max", timeout=TIMEOUT)
    assert plot_state(explorer)["xrange"] == [-5, 5]
    assert query(explorer)["xmin"] == ["-5"]
    type_into(explorer, f"#{ids.XMIN}", "-1")
    wait_for(explorer, lambda: plot_state(explorer)["xrange"] == [-1, 5], "no recovery")
    assert explorer.find_element(f"#{ids.NOTICE}").text == ""
    no_console_errors(explorer)


def test_a_deep_link_restores_controls_and_graph(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(
        url=dash_duo.server_url
        + "/?fn=tanh,leaky_relu&xmin=-3&xmax=3&n=51&deriv=0&leaky_relu.alpha=0.2"
    )
    wait_for(dash_duo, lambda: plot_state(dash_duo)["points"] == 51, "deep link not drawn")
    state = plot_state(dash_duo)
    assert state["xrange"] == [-3, 3] and not state["hasDerivative"]
    assert dash_duo.find_element(f"#{ids.XMIN}").get_attribute("value") == "-3"
    assert dash_duo.find_element(f"#{ids.POINTS}").get_attribute("value") == "51"
    alpha = dash_duo.driver.find_element(
        By.CSS_SELECTOR, f"[id='{ids.css_param_id('leaky_relu', 'alpha')}']"
    )
    assert alpha.get_attribute("value") == "0.2"
    assert alpha.is_displayed()
    assert ticked_functions(dash_duo) == ["tanh", "leaky_relu"]
    no_console_errors(dash_duo)


def test_an_invalid_deep_link_shows_a_notice(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?fn=sigmoyd&n=abc")
    dash_duo.wait_for_contains_text(f"#{ids.NOTICE}", "did you mean 'sigmoid'", timeout=TIMEOUT)
    wait_for_traces(dash_duo, "Sigmoid")
    no_console_errors(dash_duo)


def test_changing_a_parameter_redraws_its_curve(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?fn=leaky_relu&xmin=-2&xmax=2&n=5")
    wait_for_traces(dash_duo, "Leaky ReLU")
    selector = f"[id='{ids.css_param_id('leaky_relu', 'alpha')}']"
    alpha = dash_duo.driver.find_element(By.CSS_SELECTOR, selector)
    alpha.send_keys(Keys.CONTROL, "a")
    alpha.send_keys("0.5", Keys.TAB)

    def first_value():
        return dash_duo.driver.execute_script(
            "return document.querySelector(arguments[0])._fullData[0].y[0]", GRAPH_DIV
        )

    wait_for(dash_duo, lambda: first_value() == -1.0, "alpha did not reach the curve")
    assert query(dash_duo)["leaky_relu.alpha"] == ["0.5"]
    no_console_errors(dash_duo)


def test_the_download_button_saves_the_plotted_numbers(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?fn=sigmoid,relu&xmin=-5&xmax=5&n=11")
    wait_for(dash_duo, lambda: plot_state(dash_duo)["points"] == 11, "view not drawn")
    link = dash_duo.find_element(f"#{ids.DOWNLOAD}")
    assert link.get_attribute("download") == "activations_sigmoid-relu_-5_5.csv"
    link.click()
    target = Path(dash_duo.download_path) / "activations_sigmoid-relu_-5_5.csv"
    deadline = time.monotonic() + TIMEOUT
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.exists(), os.listdir(dash_duo.download_path)
    rows = list(csv.reader(target.open()))
    assert rows[0] == ["x", "sigmoid", "relu", "d_sigmoid", "d_relu"]
    assert len(rows) == 12
    assert rows[6][1:] == ["0.5", "0.0", "0.25", "0.0"]
    no_console_errors(dash_duo)


def test_the_graph_downloads_as_svg_and_png_named_after_the_view(dash_duo):
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?fn=sigmoid,relu&xmin=-3&xmax=3&n=31")
    wait_for(dash_duo, lambda: plot_state(dash_duo)["points"] == 31, "view not drawn")
    stem = "activations_sigmoid-relu_-3_3"
    png_name = dash_duo.driver.execute_script(
        "return document.querySelector(arguments[0])._context.toImageButtonOptions.filename",
        GRAPH_DIV,
    )
    assert png_name == stem
    dash_duo.find_element(f"button[data-svg-for='{ids.GRAPH}']").click()
    target = Path(dash_duo.download_path) / f"{stem}.svg"
    deadline = time.monotonic() + TIMEOUT
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.exists(), os.listdir(dash_duo.download_path)
    svg = target.read_text()
    assert svg.startswith("<svg") and "Sigmoid" in svg
    no_console_errors(dash_duo)
