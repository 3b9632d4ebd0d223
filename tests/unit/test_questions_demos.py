"""The questions page's demonstrations: NumPy's real messages, the note's exact grid."""

from __future__ import annotations

import math

import numpy as np
import pytest

import activations
from components import questions_demos as demos
from components.questions_demos import parse_questions_query
from components.theme import MARKERS, PALETTE


def test_if_on_an_array_shows_numpys_own_error():
    cells = demos.truth_value_cells()
    step = next(c for c in cells if c.code.endswith("step(x)"))
    assert step.error
    assert step.output.startswith("ValueError: ")
    assert "truth value of an array" in step.output
    assert "Use a.any() or a.all()" in step.output
    assert "truth value of an array" in demos.truth_value_error()


def test_np_int_shows_numpys_own_attribute_error():
    cells = demos.truth_value_cells()
    (np_int,) = [c for c in cells if c.code == "np.int"]
    assert np_int.error
    assert np_int.output.startswith("AttributeError: ")
    assert "has no attribute 'int'" in np_int.output
    assert "has no attribute 'int'" in demos.numpy_int_error()


def test_cells_show_what_numpy_prints():
    outputs = {c.code: c for c in demos.truth_value_cells()}
    assert outputs["x > 0"].output == repr(np.array([-0.1, 1.0, 2.0]) > 0)
    assert outputs["x > 0"].output == "array([False,  True,  True])"
    assert outputs["(x > 0).astype(np.int64)"].output == "array([0, 1, 1])"
    assert outputs["np.array(x > 0, dtype=np.int64)"].output == "array([0, 1, 1])"
    assert outputs["step(2.0), step(-0.1)"].output == "(1, 0)"
    assert not outputs["step(2.0), step(-0.1)"].error
    assert "truth value of an array" in outputs["max(0, x)"].output
    assert outputs["np.maximum(0, x)"].output == "array([0., 1., 2.])"
    assert outputs["import numpy as np\nnp.__version__"].output == repr(np.__version__)


def test_run_cell_records_an_exception_without_raising():
    cell = demos.run_cell("1 / 0", lambda: 1 / 0)
    assert cell.error and cell.output == "ZeroDivisionError: division by zero"


def test_two_linear_layers_collapse_into_one_but_not_with_relu():
    result = demos.linear_collapse()
    np.testing.assert_allclose(result.two_layers, result.one_layer, atol=1e-12)
    assert result.max_difference < 1e-12
    np.testing.assert_allclose(result.linear_slopes, result.w)
    assert len(set(result.relu_slopes.tolist())) > 1
    x = np.array(demos.COLLAPSE_X)
    np.testing.assert_allclose(
        result.with_relu,
        demos.W2[0] @ np.maximum(0, np.outer(demos.W1[:, 0], x) + demos.B1[:, None]) + demos.B2,
    )


def test_vanishing_numbers_are_powers_of_the_measured_peak():
    result = demos.vanishing()
    assert result.sigmoid_peak == pytest.approx(0.25, abs=1e-15)
    assert result.relu_peak == 1.0
    peak = activations.grad_peak(activations.get("sigmoid"), -50, 50).abs_value
    assert [row[0] for row in result.rows] == [5, 10, 20]
    for depth, sigmoid, relu in result.rows:
        assert sigmoid == peak**depth
        assert relu == 1.0
    assert result.rows[-1][1] == pytest.approx(0.25**20)


def test_kink_numbers():
    result = demos.kink()
    assert result.exact_zeros == 0 and result.draws == demos.RANDOM_DRAWS
    np.testing.assert_array_equal(result.grad, [0.0, 0.0, 1.0])
    for beta, bound, measured in result.softplus:
        assert bound == pytest.approx(math.log(2) / beta)
        assert measured == pytest.approx(bound, rel=1e-12)


def test_preset_uses_exactly_the_notes_arange():
    x = demos.study_note_x()
    np.testing.assert_array_equal(x, np.arange(-5, 5, 0.1))
    assert x.dtype == np.float64 and len(x) == 100
    # Not linspace: arange's points drift from the decimal grid.
    assert not np.array_equal(x, np.linspace(-5, 4.9, 100))


def test_preset_curves_come_from_the_library_on_that_x():
    x = np.arange(-5, 5, 0.1)
    curves = demos.study_note_curves()
    assert list(curves) == ["step", "sigmoid", "relu"]
    for name, y in curves.items():
        np.testing.assert_array_equal(y, activations.get(name)(x))


def test_the_notes_own_code_matches_the_library():
    differences = demos.note_vs_library()
    assert differences["step"] == 0.0
    assert differences["relu"] == 0.0
    assert differences["sigmoid"] < 1e-15


def test_study_note_figure_has_the_notes_y_limits():
    x = demos.study_note_x()
    figure = demos.study_note_figure("relu", x, x, 2, "ReLU", "x", "y")
    assert figure["layout"]["yaxis"]["range"] == [-0.1, 1.1]
    (trace,) = figure["data"]
    # Joined like plt.plot, with a few markers: the shape tells the plots apart.
    assert trace["mode"] == "lines+markers"
    assert (trace["line"]["color"], trace["marker"]["symbol"]) == (PALETTE[2], MARKERS[2])
    np.testing.assert_array_equal(trace["x"], x)


def test_each_note_function_keeps_its_explorer_colour_and_marker():
    # The explorer's default view is sigmoid, step, relu: the same slots here.
    assert dict(demos.NOTE_INDEX) == {"sigmoid": 0, "step": 1, "relu": 2}
    assert sorted(demos.NOTE_INDEX) == sorted(demos.NOTE_FUNCTIONS)


def test_study_note_csv_has_every_value_at_full_precision():
    lines = demos.study_note_csv().splitlines()
    assert lines[0] == "x,step,sigmoid,relu"
    rows = np.array([[float(v) for v in line.split(",")] for line in lines[1:]])
    assert rows.shape == (100, 4)
    x = np.arange(-5, 5, 0.1)
    np.testing.assert_array_equal(rows[:, 0], x)
    for column, name in enumerate(("step", "sigmoid", "relu"), start=1):
        np.testing.assert_array_equal(rows[:, column], activations.get(name)(x))


def test_explorer_query_is_the_closest_view():
    assert demos.explorer_query("step", "ja") == "fn=step&xmin=-5&xmax=4.9&n=100&deriv=0&lang=ja"


@pytest.mark.parametrize(
    ("raw", "default", "lang"),
    [
        ({}, "en", "en"),
        ({}, "ja", "ja"),
        ({"lang": ["ja"]}, "en", "ja"),
        ({"lang": ["EN"]}, "ja", "en"),
    ],
)
def test_valid_queries(raw, default, lang):
    state, problems = parse_questions_query(raw, default)
    assert problems == () and state.lang == lang
    assert state.to_query() == f"lang={lang}"


@pytest.mark.parametrize(
    ("raw", "field", "key"),
    [
        ({"fn": ["relu"]}, "fn", "unknown_key"),
        ({"lang": ["en"], "x": ["1"]}, "x", "unknown_key"),
        ({"lang": ["fr"]}, "lang", "language"),
        ({"lang": [""]}, "lang", "language"),
        ({"lang": ["en", "ja"]}, "lang", "repeated"),
        ({"lang": ["x" * 5000]}, "query", "too_long"),
        ({"k" * 100: ["1"]}, "k" * 40, "unknown_key"),
    ],
)
def test_invalid_queries_are_reported(raw, field, key):
    state, problems = parse_questions_query(raw, "ja")
    assert state.lang in ("en", "ja")
    assert (problems[0].field, problems[0].key) == (field, key)
    for lang in ("en", "ja"):
        assert problems[0].text(lang)


def test_a_repeated_language_uses_the_first():
    state, _ = parse_questions_query({"lang": ["ja", "en"]}, "en")
    assert state.lang == "ja"


def test_plot_facts_find_the_steps_jump_and_the_points_relus_y_limits_hide():
    x = demos.study_note_x()
    curves = demos.study_note_curves()
    step = demos.plot_facts(x, curves["step"])
    assert step.jump == (float(x[50]), float(x[51]), 0.0, 1.0) and step.above == 0
    relu = demos.plot_facts(x, curves["relu"])
    assert relu.jump is None
    assert relu.above == int(np.count_nonzero(x > 1.1)) == 38
    sigmoid = demos.plot_facts(x, curves["sigmoid"])
    assert sigmoid.jump is None and sigmoid.above == 0 and 0 < sigmoid.ymin < sigmoid.ymax < 1
    assert demos.table_rows(100).tolist() == [0, 10, 20, 30, 40, 50, 59, 69, 79, 89, 99]
