"""The catalogue in the browser: parameters, your own function, properties and code."""

from __future__ import annotations

import numpy as np
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import activations
from app import create_app
from components import ids
from tests.browser.test_explorer import (
    GRAPH_DIV,
    TIMEOUT,
    no_console_errors,
    plot_state,
    query,
    tick_function,
    type_into,
    wait_for,
    wait_for_traces,
)


def open_view(dash_duo, search: str) -> None:
    dash_duo.start_server(create_app())
    dash_duo.wait_for_page(url=dash_duo.server_url + "/" + search)
    wait_for(dash_duo, lambda: plot_state(dash_duo)["names"], "graph never drawn")


def trace_y(dash_duo, name: str) -> list[float]:
    return dash_duo.driver.execute_script(
        """
        const gd = document.querySelector(arguments[0]);
        const trace = gd._fullData.find(t => t.name === arguments[1]);
        return trace ? Array.from(trace.y) : null;
        """,
        GRAPH_DIV,
        name,
    )


def test_picking_a_parameterised_function_and_changing_its_parameter(dash_duo):
    open_view(dash_duo, "?fn=relu&xmin=-2&xmax=2&n=5")
    softplus = activations.get("softplus")
    tick_function(dash_duo, "softplus")
    wait_for_traces(dash_duo, softplus.label("en"))
    before = trace_y(dash_duo, softplus.label("en"))
    beta = dash_duo.driver.find_element(
        By.CSS_SELECTOR, f"[id='{ids.css_param_id('softplus', 'beta')}']"
    )
    assert beta.is_displayed()
    beta.send_keys(Keys.CONTROL, "a")
    beta.send_keys("10", Keys.TAB)
    wait_for(dash_duo, lambda: trace_y(dash_duo, softplus.label("en")) != before, "no redraw")
    after = trace_y(dash_duo, softplus.label("en"))
    expected = softplus([-2, -1, 0, 1, 2], beta=10.0)
    # The graph receives float32 (the CSV keeps float64): 7 significant digits.
    np.testing.assert_allclose(after, expected, rtol=1e-7, atol=1e-12)
    assert query(dash_duo)["softplus.beta"] == ["10"]
    # The properties table follows the parameter: max |f′| is still approached as x → ∞.
    dash_duo.wait_for_contains_text(f"#{ids.PROPERTIES}", "Softplus", timeout=TIMEOUT)
    no_console_errors(dash_duo)


def test_typing_your_own_function_plots_it_with_its_derivative(dash_duo):
    open_view(dash_duo, "?fn=sigmoid&xmin=-2&xmax=2&n=5")
    type_into(dash_duo, f"#{ids.EXPRESSION}", "x * sigmoid(1.702 * x)")
    label = "Your f(x) = x * sigmoid(1.702 * x)"
    wait_for_traces(dash_duo, label)
    sigmoid = activations.get("sigmoid")
    x = [-2.0, -1.0, 0.0, 1.0, 2.0]
    expected = [v * float(sigmoid(1.702 * v)) for v in x]
    got = trace_y(dash_duo, label)
    np.testing.assert_allclose(got, expected, rtol=1e-7, atol=1e-12)
    assert trace_y(dash_duo, f"{label} f′") is not None
    assert query(dash_duo)["expr"] == ["x * sigmoid(1.702 * x)"]
    dash_duo.wait_for_contains_text(f"#{ids.FUNCTION_CARDS}", "Your own function")
    no_console_errors(dash_duo)


def test_a_mistake_in_your_function_gets_a_helpful_message(dash_duo):
    open_view(dash_duo, "?fn=relu&xmin=-2&xmax=2&n=5")
    type_into(dash_duo, f"#{ids.EXPRESSION}", "sigmoyd(x)")
    dash_duo.wait_for_contains_text(f"#{ids.EXPRESSION_ERROR}", "sigmoid", timeout=TIMEOUT)
    assert "sigmoyd" in dash_duo.find_element(f"#{ids.EXPRESSION_ERROR}").text
    # The rest of the page keeps working.
    assert plot_state(dash_duo)["names"][0] == "ReLU"
    assert not any(n.startswith("Your f") for n in plot_state(dash_duo)["names"])
    type_into(dash_duo, f"#{ids.XMAX}", "3")
    wait_for(dash_duo, lambda: plot_state(dash_duo)["xrange"] == [-2, 3], "range not redrawn")
    type_into(dash_duo, f"#{ids.EXPRESSION}", "sigmoid(x)")
    wait_for_traces(dash_duo, "Your f(x) = sigmoid(x)")
    assert dash_duo.find_element(f"#{ids.EXPRESSION_ERROR}").text == ""
    no_console_errors(dash_duo)


def test_properties_formulas_source_and_snippet_are_shown(dash_duo):
    open_view(dash_duo, "?fn=silu,gelu_tanh")
    table = dash_duo.find_element(f"#{ids.PROPERTIES}")
    dash_duo.wait_for_contains_text(f"#{ids.PROPERTIES}", "-0.278465 at x = -1.27846")
    assert "C^∞" in table.text
    cards = f"#{ids.FUNCTION_CARDS}"
    dash_duo.wait_for_contains_text(cards, "differ by at most")
    # f and f′ of both functions, laid out by the browser as MathML.
    wait_for(
        dash_duo,
        lambda: (
            dash_duo.driver.execute_script(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                ".filter(m => m.getBoundingClientRect().height > 0).length",
                f"{cards} .formula math",
            )
            == 4
        ),
        "formulas not rendered",
    )
    summary = dash_duo.find_elements(f"{cards} details summary")[0]
    summary.click()
    dash_duo.wait_for_contains_text(f"{cards} details", "def d_silu(", timeout=TIMEOUT)
    snippet = dash_duo.find_element(f"#{ids.SNIPPET}").text
    assert "import matplotlib.pyplot as plt" in snippet and "def gelu_tanh(" in snippet
    # The copy button puts exactly the snippet on the clipboard.
    dash_duo.driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": dash_duo.server_url,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    copy = dash_duo.find_element(f"#{ids.SNIPPET_COPY}")
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", copy)
    copy.click()

    def clipboard():
        return dash_duo.driver.execute_async_script(
            "const done = arguments[0];"
            "navigator.clipboard.readText().then(done).catch(e => done('failed: ' + e));"
        )

    wait_for(
        dash_duo,
        lambda: clipboard().strip() == snippet.strip(),
        f"snippet not copied: {clipboard()[:200]!r} vs {snippet[:200]!r}",
    )
    no_console_errors(dash_duo)
