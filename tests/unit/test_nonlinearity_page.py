"""The nonlinearity lab's validator and pure builders (no server, no browser)."""

from __future__ import annotations

import numpy as np
import pytest

from components.figures import fmt
from components.nonlinearity_lab import (
    DEFAULT_POINTS,
    MAX_POINTS,
    NonlinearityState,
    affine_text,
    comparison_csv,
    comparison_figure,
    comparison_summary,
    compute_comparison,
    compute_lab,
    csv_filename,
    lab_csv,
    lab_figure,
    lab_summary,
    parse_nonlinearity_query,
    plotted_output,
    problem_line,
    problem_reason,
    query_from_controls,
    table_rows,
)
from components.theme import colour, marker
from networks import (
    ActivationSpec,
    affine_collapse,
    linear_pieces,
    network_output,
    random_network_1d,
)
from networks.limits import NONLINEARITY_DEPTH, NONLINEARITY_WIDTH, SEED


def parse(query: dict[str, str], lang: str = "en"):
    return parse_nonlinearity_query({k: [v] for k, v in query.items()}, default_lang=lang)


def keys(problems) -> list[tuple[str, str]]:
    return [(p.field, p.key) for p in problems]


# --- validator --------------------------------------------------------------------------


def test_an_empty_query_is_the_default_view_without_problems():
    state, problems = parse({})
    assert state == NonlinearityState()
    assert problems == ()
    assert (state.fn, state.depth, state.width, state.seed) == ("relu", 3, 8, 0)


def test_a_full_valid_query_reads_back_exactly():
    query = {
        "fn": "tanh",
        "depth": "7",
        "width": "64",
        "seed": str(SEED.high),
        "xmin": "-2.5",
        "xmax": "10",
        "n": "801",
        "lang": "ja",
    }
    state, problems = parse(query)
    assert problems == ()
    assert state == NonlinearityState("tanh", 7, 64, SEED.high, -2.5, 10.0, 801, "ja")
    again, more = parse_nonlinearity_query(
        {k: [v] for k, v in (kv.split("=") for kv in state.to_query().split("&"))}
    )
    assert again == state and more == ()


def test_the_language_comes_from_the_query_before_the_default():
    assert parse({}, lang="ja")[0].lang == "ja"
    assert parse({"lang": "en"}, lang="ja")[0].lang == "en"


@pytest.mark.parametrize(
    ("query", "expected", "field", "key"),
    [
        ({"fn": "rleu"}, {"fn": "relu"}, "fn", "unknown_function_hint"),
        ({"fn": "zzzzzz"}, {"fn": "relu"}, "fn", "unknown_function"),
        ({"fn": ""}, {"fn": "relu"}, "fn", "none_chosen"),
        ({"depth": "abc"}, {"depth": 3}, "depth", "not_number"),
        ({"depth": ""}, {"depth": 3}, "depth", "empty"),
        ({"depth": "1e999"}, {"depth": 3}, "depth", "not_finite"),
        ({"depth": "nan"}, {"depth": 3}, "depth", "not_number"),
        ({"depth": "2.5"}, {"depth": 3}, "depth", "whole"),
        ({"depth": "0"}, {"depth": NONLINEARITY_DEPTH.low}, "depth", "between"),
        ({"depth": "21"}, {"depth": NONLINEARITY_DEPTH.high}, "depth", "between"),
        ({"width": "0"}, {"width": NONLINEARITY_WIDTH.low}, "width", "between"),
        ({"width": "65"}, {"width": NONLINEARITY_WIDTH.high}, "width", "between"),
        ({"width": "eight"}, {"width": 8}, "width", "not_number"),
        ({"seed": "-1"}, {"seed": SEED.low}, "seed", "between"),
        ({"seed": str(SEED.high + 1)}, {"seed": SEED.high}, "seed", "between"),
        ({"seed": "0.5"}, {"seed": 0}, "seed", "whole"),
        ({"xmin": "-11"}, {"xmin": -10.0}, "xmin", "between"),
        ({"xmax": "1e6"}, {"xmax": 10.0}, "xmax", "between"),
        ({"xmin": "inf"}, {"xmin": -5.0}, "xmin", "not_number"),
        ({"xmin": "3", "xmax": "2"}, {"xmin": -5.0, "xmax": 5.0}, "x_range", "x_order"),
        ({"xmin": "1", "xmax": "1"}, {"xmin": -5.0, "xmax": 5.0}, "x_range", "x_order"),
        ({"n": "1"}, {"n": 2}, "n", "between"),
        ({"n": str(MAX_POINTS + 1)}, {"n": MAX_POINTS}, "n", "between"),
        ({"n": "10.5"}, {"n": DEFAULT_POINTS}, "n", "whole"),
        ({"lang": "fr"}, {"lang": "en"}, "lang", "language"),
        ({"colour": "red"}, {}, "colour", "unknown_key"),
    ],
)
def test_every_invalid_value_is_repaired_and_reported(query, expected, field, key):
    state, problems = parse(query)
    assert keys(problems) == [(field, key)]
    for name, value in expected.items():
        assert getattr(state, name) == value
    # Every problem reads as a sentence in both languages.
    for lang in ("en", "ja"):
        assert problem_line(problems[0], lang)
        assert problem_reason(problems[0], lang)


def test_a_repeated_key_uses_the_first_value():
    state, problems = parse_nonlinearity_query({"depth": ["5", "6"]})
    assert state.depth == 5
    assert keys(problems) == [("depth", "repeated")]


def test_an_overlong_query_is_ignored_as_a_whole():
    state, problems = parse_nonlinearity_query({"fn": ["x" * 5000], "depth": ["5"]})
    assert state == NonlinearityState()
    assert keys(problems) == [("query", "too_long")]


def test_problems_name_the_fields_as_this_page_calls_them():
    _, problems = parse({"depth": "99", "seed": "x"})
    assert problem_line(problems[0], "en") == "depth (depth): must be between 1 and 20; using 20"
    assert problem_line(problems[0], "ja").startswith("深さ (depth): ")
    assert problem_reason(problems[1], "en") == "seed (seed): 'x' is not a number"


def test_controls_go_through_the_same_validator():
    raw = query_from_controls("identity", 4, 16.0, 7, -3, 3.5, 101, "ja")
    state, problems = parse_nonlinearity_query(raw)
    assert problems == ()
    assert state == NonlinearityState("identity", 4, 16, 7, -3.0, 3.5, 101, "ja")
    # A cleared input or a JSON boolean is a problem, never a crash.
    _, problems = parse_nonlinearity_query(query_from_controls(None, True, 8, 0, -5, 5, 401, "en"))
    assert keys(problems) == [("fn", "none_chosen"), ("depth", "not_number")]


# --- computation --------------------------------------------------------------------------


def test_identity_collapses_to_the_exact_affine_map():
    state = NonlinearityState(fn="identity", depth=6, width=16, seed=3, n=51)
    result = compute_lab(state)
    assert result.collapse is not None
    w, b = affine_collapse(random_network_1d(6, 16, 3))
    assert (result.collapse.w, result.collapse.b) == (w, b)
    np.testing.assert_allclose(result.y, w * state.x() + b, rtol=0, atol=1e-12)
    assert result.collapse.max_gap < 1e-12
    assert result.pieces.pieces == 1


def test_relu_pieces_and_breakpoints_are_linear_pieces_own():
    state = NonlinearityState(fn="relu", depth=4, width=16, seed=1, xmin=-3, xmax=3)
    result = compute_lab(state)
    expected = linear_pieces(random_network_1d(4, 16, 1), ActivationSpec.of("relu"), -3, 3)
    assert result.pieces.pieces == expected.pieces
    np.testing.assert_array_equal(result.pieces.breakpoints, expected.breakpoints)
    assert result.breakpoint_y.shape == expected.breakpoints.shape
    assert result.collapse is None


def test_relu_gains_pieces_with_depth_and_width():
    def count(depth: int, width: int) -> int:
        pieces = compute_lab(NonlinearityState(depth=depth, width=width)).pieces.pieces
        assert pieces is not None
        return pieces

    assert count(1, 8) < count(3, 8) < count(3, 64)


@pytest.mark.parametrize("fn", ["sigmoid", "tanh"])
def test_smooth_activations_have_no_linear_pieces(fn):
    result = compute_lab(NonlinearityState(fn=fn))
    assert result.pieces.kind == "smooth"
    assert result.pieces.pieces is None
    assert result.collapse is None


def test_the_comparison_uses_the_same_weights_for_every_activation():
    state = NonlinearityState(fn="relu", depth=2, width=4, seed=5, n=11)
    _x, outputs = compute_comparison(state)
    assert [name for name, _ in outputs] == ["identity", "relu", "tanh"]
    assert np.array_equal(dict(outputs)["relu"], compute_lab(state).y)
    _, with_gelu = compute_comparison(NonlinearityState(fn="gelu", depth=2, width=4, seed=5))
    assert [name for name, _ in with_gelu] == ["identity", "relu", "tanh", "gelu"]


# --- figures, text and CSV ----------------------------------------------------------------


def test_identity_figure_overlays_the_dashed_line_on_the_output():
    state = NonlinearityState(fn="identity")
    figure = lab_figure(compute_lab(state), state)
    output, line = figure["data"]
    assert line["line"]["dash"] == "dash"
    np.testing.assert_allclose(output["y"], line["y"], atol=1e-12)
    assert figure["layout"]["xaxis"]["title"]["text"] == "input x"


def test_relu_figure_marks_every_breakpoint():
    state = NonlinearityState()
    result = compute_lab(state)
    _output, marks = lab_figure(result, state)["data"]
    assert marks["mode"] == "markers"
    assert len(marks["x"]) == result.pieces.pieces - 1
    assert marks["name"] == f"breakpoints ({result.pieces.pieces - 1})"


def test_tanh_figure_has_only_the_output_and_titles_follow_the_language():
    state = NonlinearityState(fn="tanh", lang="ja")
    figure = lab_figure(compute_lab(state), state)
    assert len(figure["data"]) == 1
    assert figure["layout"]["yaxis"]["title"]["text"] == "ネットワークの出力 y"


def test_comparison_figure_has_one_trace_per_activation():
    state = NonlinearityState()
    figure = comparison_figure(*compute_comparison(state), state)
    assert [t["name"] for t in figure["data"]] == [
        "Identity (linear)",
        "ReLU",
        "Hyperbolic tangent (tanh)",
    ]
    assert len({t["line"]["color"] for t in figure["data"]}) == 3


def test_affine_text_writes_the_sign_of_b_once():
    assert affine_text(0.5, -2.0) == "0.5·x − 2"
    assert affine_text(-0.25, 1.5) == "-0.25·x + 1.5"


def test_lab_csv_has_x_the_output_and_for_identity_the_line():
    state = NonlinearityState(fn="identity", n=5)
    header, *rows = lab_csv(state).splitlines()
    assert header == "x,identity,affine"
    assert len(rows) == 5
    result = compute_lab(state)
    assert rows[0].split(",") == [
        repr(float(result.x[0])),
        repr(float(result.y[0])),
        repr(float(result.collapse.line[0])),  # type: ignore[union-attr]
    ]
    assert lab_csv(NonlinearityState(n=3)).splitlines()[0] == "x,relu"


def test_comparison_csv_and_filenames():
    state = NonlinearityState(fn="sigmoid", n=3)
    assert comparison_csv(state).splitlines()[0] == "x,identity,relu,tanh,sigmoid"
    assert csv_filename(state) == "nonlinearity_sigmoid_depth3_width8_seed0_-5_5.csv"


def test_the_drawn_relu_line_passes_through_every_breakpoint():
    state = NonlinearityState(depth=4, width=16, n=11)
    result = compute_lab(state)
    x, y = plotted_output(result)
    assert x.size == 11 + result.pieces.breakpoints.size
    assert np.all(np.diff(x) >= 0)
    # Each drawn segment lies on one piece: its midpoint is on the network's output.
    net, spec = state.network(), state.spec
    mid = 0.5 * (x[1:] + x[:-1])
    np.testing.assert_allclose(0.5 * (y[1:] + y[:-1]), network_output(net, spec, mid), atol=1e-12)


# --- the charts' text alternatives ----------------------------------------------------------


def test_table_rows_are_evenly_spaced_and_keep_both_ends():
    assert table_rows(401).tolist() == list(range(0, 401, 40))
    assert table_rows(3).tolist() == [0, 1, 2]
    assert table_rows(2).tolist() == [0, 1]


def test_summaries_give_the_span_of_y_and_the_shape_in_both_languages():
    state = NonlinearityState(fn="tanh", depth=2, width=4)
    result = compute_lab(state)
    text = lab_summary(result, state)
    assert f"y runs from {fmt(float(result.y.min()))} to {fmt(float(result.y.max()))}" in text
    assert text.endswith("It is a curve with no straight pieces.")
    ja = NonlinearityState(fn="relu", lang="ja")
    assert f"{compute_lab(ja).pieces.pieces} 本の短い直線" in lab_summary(compute_lab(ja), ja)
    x, outputs = compute_comparison(state, result)
    text = comparison_summary(x, outputs, state)
    assert text.count("y from") == 3 and "Hyperbolic tangent (tanh)" in text


def test_the_lab_output_has_its_comparison_colour_and_marker():
    for fn, index in (("identity", 0), ("relu", 1), ("tanh", 2), ("gelu", 3)):
        state = NonlinearityState(fn=fn)
        output = lab_figure(compute_lab(state), state)["data"][0]
        assert (output["line"]["color"], output["marker"]["symbol"]) == (
            colour(index),
            marker(index),
        )
        assert output["line"]["dash"] == "solid"
