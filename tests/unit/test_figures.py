"""Pure figure and panel builders: computed curves in, figure dict / Markdown out."""

from __future__ import annotations

import numpy as np
import pytest

from components.curves import compute_curves
from components.figures import PALETTE, TRACES_PER_CURVE, decode_payload, explorer_figure
from components.state import ViewState
from components.theme import MARKERS


def figure_for(**fields):
    state = ViewState(**fields)
    return explorer_figure(compute_curves(state), state), state


def traces_named(figure, fragment):
    return [t for t in figure["data"] if fragment in t["name"]]


def shown(figure):
    return [t["name"] for t in figure["data"] if t.get("visible", True)]


def test_without_derivative_only_f_is_plotted_on_one_axis():
    figure, _ = figure_for(functions=("sigmoid", "relu"), deriv=False)
    assert shown(figure) == ["Sigmoid", "ReLU"]
    layout = figure["layout"]
    assert layout["yaxis2"]["visible"] is False and layout["yaxis"]["domain"] == [0.0, 1.0]
    assert layout["xaxis"]["range"] == [-5.0, 5.0] and layout["xaxis"]["anchor"] == "y"
    # f′ is computed but hidden, so turning it on needs no new data.
    assert len(figure["data"]) == 3 * TRACES_PER_CURVE - 3


def test_the_x_samples_are_sent_as_start_and_step_and_y_as_float32():
    figure, state = figure_for(functions=("sigmoid",), xmin=-2.0, xmax=3.0, n=11)
    f = figure["data"][0]
    y = decode_payload(f["y"])
    x = f["x0"] + f["dx"] * np.arange(len(y))
    np.testing.assert_allclose(x, state.x(), rtol=0, atol=1e-15)
    assert f["y"]["dtype"] == "f4" and y.dtype == np.float32
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-state.x())), rtol=1e-7)


def test_values_beyond_float32_keep_float64():
    figure, _ = figure_for(
        functions=("sigmoid",), deriv=True, log_deriv=True, xmin=-120.0, xmax=0.0, n=11
    )
    derivative = decode_payload(figure["data"][1]["y"])
    assert derivative.dtype == np.float64 and derivative[0] > 0  # 7.7e-53


def test_derivative_is_paired_with_its_function_by_colour_and_dash():
    figure, _ = figure_for(functions=("sigmoid", "relu"), deriv=True)
    layout = figure["layout"]
    # One x-axis under both panels; one hover shows every f and f′ at x.
    assert layout["xaxis"]["anchor"] == "y2" and "xaxis2" not in layout
    assert (layout["hovermode"], layout["hoversubplots"]) == ("x unified", "axis")
    for index, name in enumerate(("Sigmoid", "ReLU")):
        f = next(t for t in figure["data"] if t["name"] == name)
        df = next(t for t in figure["data"] if t["name"] == f"{name} f′")
        assert f["line"]["color"] == df["line"]["color"] == PALETTE[index]
        assert df["line"]["dash"] == "dash" and f["line"]["dash"] == "solid"
        # Shape as well as colour: one marker symbol per function, on f and f′.
        assert f["marker"]["symbol"] == df["marker"]["symbol"] == MARKERS[index]
        assert df["yaxis"] == "y2" and "yaxis" not in f and df["visible"] is True


def test_the_sigmoid_derivative_peak_is_marked_at_zero():
    figure, _ = figure_for(functions=("sigmoid",), deriv=True)
    (marker,) = traces_named(figure, "max |f′|")
    assert marker["x"] == [pytest.approx(0.0, abs=1e-9)]
    assert marker["y"] == [pytest.approx(0.25, rel=1e-12)]
    assert "max |f′| = 0.25 at x = 0" in marker["hovertemplate"]


def test_step_has_no_peak_marker_and_its_jump_is_drawn():
    figure, _ = figure_for(functions=("step",), deriv=True)
    (marker,) = traces_named(figure, "max |f′|")
    assert marker["x"] == [] and marker["y"] == []  # f′ = 0: nothing to mark
    (shape,) = figure["layout"]["shapes"]
    assert shape["x0"] == shape["x1"] == 0.0
    (note,) = figure["layout"]["annotations"]
    assert note["text"] == "f′ undefined at x = 0<br>Step (Heaviside): jump"
    # Inside the panel, on the side with room for it.
    assert note["yanchor"] == "top" and note["xanchor"] == "left"


def test_kinks_outside_the_range_are_not_drawn():
    figure, _ = figure_for(functions=("relu",), deriv=True, xmin=1.0, xmax=4.0)
    assert figure["layout"]["shapes"] == []


def test_log_scale_plots_the_absolute_derivative_and_shows_the_sigmoid_tail():
    figure, _ = figure_for(
        functions=("sigmoid",), deriv=True, log_deriv=True, xmin=-40.0, xmax=40.0, n=81
    )
    assert figure["layout"]["yaxis2"]["type"] == "log"
    (df,) = [t for t in figure["data"] if t["name"] == "Sigmoid |f′|"]
    y = decode_payload(df["y"])
    assert np.all(y > 0)  # no underflow to zero anywhere a log axis must show
    assert y[-1] == pytest.approx(4.248354255291589e-18, rel=1e-12)
