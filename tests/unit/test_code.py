"""The "reproduce this plot" snippet runs as shown and draws the same curves."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

import activations
from components.code import reproduce_snippet
from components.state import ViewState

matplotlib.use("Agg")  # headless: plt.show() does nothing

import matplotlib.pyplot as plt

NAMES = activations.names()
CHUNKS = [NAMES[i : i + 8] for i in range(0, len(NAMES), 8)]


def run(snippet: str) -> dict:
    namespace: dict = {"__name__": "__snippet__"}
    # The snippet is text this app generated, run here exactly as a learner would.
    exec(snippet, namespace)
    return namespace


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("functions", CHUNKS)
def test_the_snippet_runs_and_draws_every_function_and_derivative(functions):
    state = ViewState(functions=tuple(functions), xmin=-3.0, xmax=4.0, n=71, deriv=True)
    namespace = run(reproduce_snippet(state))
    ax_f, ax_d = plt.gcf().axes
    assert len(ax_f.lines) == len(ax_d.lines) == len(functions)
    x = np.linspace(-3.0, 4.0, 71)
    np.testing.assert_array_equal(namespace["x"], x)
    for line, name in zip(ax_f.lines, functions, strict=True):
        expected = activations.get(name)(x)
        np.testing.assert_allclose(line.get_ydata(), expected, rtol=1e-9, atol=1e-12)


def test_the_snippet_uses_the_current_parameters_and_log_scale():
    state = ViewState(
        functions=("leaky_relu", "softplus"),
        params=(("leaky_relu", (("alpha", 0.2),)), ("softplus", (("beta", 3.0),))),
        deriv=True,
        log_deriv=True,
    )
    snippet = reproduce_snippet(state)
    assert "leaky_relu(x, alpha=0.2)" in snippet and "softplus(x, beta=3)" in snippet
    run(snippet)
    ax_f, ax_d = plt.gcf().axes
    assert ax_d.get_yscale() == "log"
    x = state.x()
    np.testing.assert_allclose(
        ax_f.lines[0].get_ydata(), activations.get("leaky_relu")(x, alpha=0.2), rtol=1e-12
    )
    np.testing.assert_allclose(
        ax_d.lines[1].get_ydata(),
        np.abs(activations.get("softplus").derivative(x, beta=3.0)),
        rtol=1e-9,
    )


def test_without_the_derivative_there_is_one_axis():
    state = ViewState(functions=("sigmoid", "step", "relu"), deriv=False)
    run(reproduce_snippet(state))
    (ax,) = plt.gcf().axes
    assert len(ax.lines) == 3


def test_a_typed_function_is_mentioned_not_silently_dropped():
    snippet = reproduce_snippet(ViewState(functions=("relu",), expr="x * sigmoid(x)"))
    assert "x * sigmoid(x)" in snippet
    run(snippet)
