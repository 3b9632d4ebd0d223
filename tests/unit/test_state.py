"""The one validator: URL, controls and CSV queries become a ViewState here."""

from __future__ import annotations

import math

import numpy as np
import pytest

from components.state import (
    DEFAULT_FUNCTIONS,
    MAX_ABS_X,
    MAX_FUNCTIONS,
    MAX_POINTS,
    ViewState,
    format_number,
    parse_number,
    parse_query,
    query_from_controls,
    query_from_search,
)


def parse(search: str) -> tuple[ViewState, list[str]]:
    state, problems = parse_query(query_from_search(search))
    return state, [str(p) for p in problems]


def test_empty_query_is_the_study_note_view_without_problems():
    state, problems = parse("")
    assert problems == []
    assert state.functions == ("sigmoid", "step", "relu") == DEFAULT_FUNCTIONS
    assert (state.xmin, state.xmax, state.n, state.deriv) == (-5.0, 5.0, 201, True)


def test_full_query_is_read_exactly():
    state, problems = parse(
        "?fn=sigmoid,relu,leaky_relu&xmin=-2.5&xmax=7&n=11&deriv=0&logd=1&leaky_relu.alpha=0.2"
    )
    assert problems == []
    assert state.functions == ("sigmoid", "relu", "leaky_relu")
    assert (state.xmin, state.xmax, state.n) == (-2.5, 7.0, 11)
    assert state.deriv is False and state.log_deriv is True
    assert state.params_for("leaky_relu") == {"alpha": 0.2}
    assert state.params_for("sigmoid") == {"a": 1.0}
    assert state.params_for("relu") == {}


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(("gelu",), -1e6, 1e6, 10_000, False, False),
        ViewState(
            ("elu", "softplus"),
            -0.1,
            0.30000000000000004,
            2,
            True,
            True,
            (("elu", (("alpha", 2.5),)), ("softplus", (("beta", 0.01),))),
        ),
    ],
)
def test_state_round_trips_through_the_url(state):
    again, problems = parse("?" + state.to_query())
    assert problems == []
    assert again == state


def test_url_is_canonical_and_omits_default_parameters():
    state, _ = parse("?fn=leaky_relu,elu&elu.alpha=1&leaky_relu.alpha=0.3")
    query = state.to_query_dict()
    assert query == {
        "fn": "leaky_relu,elu",
        "xmin": "-5",
        "xmax": "5",
        "n": "201",
        "deriv": "1",
        "leaky_relu.alpha": "0.3",
        "lang": "en",
    }


def test_x_is_linspace_of_the_range():
    state, _ = parse("?xmin=-1&xmax=1&n=5")
    np.testing.assert_array_equal(state.x(), [-1.0, -0.5, 0.0, 0.5, 1.0])


@pytest.mark.parametrize(
    ("search", "field", "expected_xmin"),
    [
        ("xmin=", "x min (xmin): enter a number", -5.0),
        ("xmin=abc", "is not a number", -5.0),
        ("xmin=nan", "is not a number", -5.0),
        ("xmin=inf", "is not a number", -5.0),
        ("xmin=-Infinity", "is not a number", -5.0),
        ("xmin=1e999", "too large", -5.0),
        ("xmin=1_000", "is not a number", -5.0),
        ("xmin=0x10", "is not a number", -5.0),
        ("xmin=-2e6", "clamped", -MAX_ABS_X),
    ],
)
def test_invalid_xmin_is_replaced_and_reported(search, field, expected_xmin):
    state, problems = parse("?" + search + "&xmax=2e6")
    assert state.xmin == expected_xmin
    assert any(field in p for p in problems), problems


def test_min_not_below_max_falls_back_to_default_range():
    state, problems = parse("?xmin=3&xmax=3")
    assert (state.xmin, state.xmax) == (-5.0, 5.0)
    assert any("must be less than x max" in p for p in problems)


def test_unknown_function_is_dropped_with_a_suggestion():
    state, problems = parse("?fn=sigmoyd,relu")
    assert state.functions == ("relu",)
    assert len(problems) == 1
    assert "sigmoyd" in problems[0] and "sigmoid" in problems[0]


def test_no_valid_function_falls_back_to_default():
    for search in ("?fn=", "?fn=,,", "?fn=nope"):
        state, problems = parse(search)
        assert state.functions == DEFAULT_FUNCTIONS
        assert problems


def test_too_many_functions_keeps_the_first_eight():
    names = ["step", "identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu"]
    state, problems = parse("?fn=" + ",".join(names))
    assert state.functions == tuple(names[:MAX_FUNCTIONS])
    assert any(f"at most {MAX_FUNCTIONS}" in p for p in problems)


def test_duplicate_function_is_shown_once():
    state, problems = parse("?fn=relu,relu")
    assert state.functions == ("relu",)
    assert any("twice" in p for p in problems)


@pytest.mark.parametrize(
    ("value", "expected", "message"),
    [
        ("1", 2, "between 2"),
        ("-5", 2, "between 2"),
        ("20000", MAX_POINTS, "between 2"),
        ("50.5", 201, "whole number"),
        ("ten", 201, "not a number"),
        ("11.0", 11, None),
    ],
)
def test_points_are_whole_and_bounded(value, expected, message):
    state, problems = parse(f"?n={value}")
    assert state.n == expected
    if message is None:
        assert problems == []
    else:
        assert any(message in p for p in problems), problems


@pytest.mark.parametrize("value", ["maybe", "2", ""])
def test_invalid_derivative_flag_uses_default(value):
    state, problems = parse(f"?deriv={value}")
    assert state.deriv is True
    assert problems


@pytest.mark.parametrize("value", ["0", "false", "off", "no"])
def test_derivative_flag_accepts_common_spellings(value):
    state, problems = parse(f"?deriv={value}")
    assert state.deriv is False and problems == []


def test_parameter_out_of_range_is_clamped_and_reported():
    state, problems = parse("?fn=leaky_relu&leaky_relu.alpha=7")
    assert state.params_for("leaky_relu") == {"alpha": 1.0}
    assert any("between 0 and 1" in p for p in problems)


@pytest.mark.parametrize(
    ("search", "fragment"),
    [
        ("?fn=relu&relu.alpha=0.1", "no parameter"),
        ("?fn=elu&elu.beta=1", "it has: alpha"),
        ("?fn=relu&leaky_relu.alpha=0.1", "not among the chosen"),
        ("?fn=leaky_relu&leaky_relu.alpha=x", "not a number"),
        ("?fn=relu&colour=red", "unknown query parameter"),
        ("?fn=relu&fn=step", "more than once"),
    ],
)
def test_other_invalid_keys_are_reported(search, fragment):
    _, problems = parse(search)
    assert any(fragment in p for p in problems), problems


def test_overlong_values_and_queries_are_refused_without_echoing_them():
    state, problems = parse("?xmin=" + "1" * 5000)
    assert state == ViewState()
    assert any("longer than" in p for p in problems)
    _, problems = parse("?xmin=" + "9" * 100)
    assert all(len(p) < 200 for p in problems)


def test_controls_go_through_the_same_validation():
    raw = query_from_controls(
        ["relu", "leaky_relu"],
        -2.0,
        0.1 + 0.2,
        11,
        ["deriv"],
        [("leaky_relu", "alpha", 0.25), ("elu", "alpha", 3.0)],
    )
    state, problems = parse_query(raw)
    assert problems == ()
    assert state.xmax == 0.1 + 0.2  # repr round-trips every float exactly
    assert state.params_for("leaky_relu") == {"alpha": 0.25}
    assert state.params_for("elu") == {}


@pytest.mark.parametrize(
    ("xmin", "message"),
    [
        (None, "enter a number"),
        (True, "not a number"),
        ("", "enter a number"),
        ([1], "not a number"),
        (10.0, "less than x max"),
    ],
)
def test_bad_control_values_are_problems(xmin, message):
    raw = query_from_controls(["relu"], xmin, 5, 11, [], [])
    _, problems = parse_query(raw)
    assert any(message in str(p) for p in problems), problems


def test_no_function_selected_in_the_controls_is_a_problem():
    _, problems = parse_query(query_from_controls([], -1, 1, 11, [], []))
    assert any("at least one function" in str(p) for p in problems)


def test_parse_number_is_strict():
    assert parse_number(" -1.5e3 ") == -1500.0
    for bad in ("", "1e", "--1", "1,5", "infinity", "NaN", "1e400"):
        with pytest.raises(ValueError):
            parse_number(bad)


def test_format_number_is_short_and_exact():
    for value in (-5.0, 0.1, 1e-300, 123456789.125, -0.0, 1e6):
        text = format_number(value)
        assert float(text) == value
        assert not text.endswith(".0")
    assert format_number(-5.0) == "-5"
    assert math.isfinite(float(format_number(1e6)))


def test_a_custom_function_round_trips_through_the_url():
    state, problems = parse("?fn=relu&expr=x%20*%20sigmoid(1.702%20*%20x)")
    assert problems == []
    assert state.expr == "x * sigmoid(1.702 * x)"
    again, problems = parse("?" + state.to_query())
    assert problems == [] and again == state


def test_a_custom_function_may_stand_alone():
    state, problems = parse("?fn=&expr=x**2")
    assert problems == [] and state.functions == () and state.expr == "x**2"


def test_a_broken_custom_function_is_reported_with_a_suggestion():
    state, problems = parse_query(query_from_search("?fn=relu&expr=sigmoyd(x)"))
    assert state.expr == "" and state.functions == ("relu",)
    (problem,) = problems
    assert problem.field == "expr" and "sigmoid" in problem.message()
    assert problem.remedy == "not_plotted"


def test_controls_pass_the_custom_function_through_the_same_parser():
    raw = query_from_controls(["relu"], -1, 1, 11, [], [], "log1p(exp(x))")
    state, problems = parse_query(raw)
    assert problems == () and state.expr == "log1p(exp(x))"
    raw = query_from_controls(["relu"], -1, 1, 11, [], [], "x" * 500)
    _, problems = parse_query(raw)
    assert [p.field for p in problems] == ["expr"]


# --- a custom function's refusal reads in the page's language -----------------


def test_a_refused_custom_function_is_a_keyed_problem():
    _, problems = parse_query(query_from_search("?expr=sigmoyd(x)&lang=ja"))
    (problem,) = problems
    assert problem.key == "expression.unknown_function_suggestion"
    assert dict(problem.values) == {"name": "sigmoyd", "suggestion": "sigmoid"}
    assert problem.offset == 0
    assert problem.message("en") == "Unknown function 'sigmoyd' — did you mean 'sigmoid'?"
    assert problem.message("ja") == "sigmoyd という関数はありません。sigmoid のことですか？"


@pytest.mark.parametrize(
    ("expr", "japanese"),
    [
        ("x.real", "属性アクセス（.）は使えません"),
        ("exp(x, 2)", "関数の引数は 1 つだけです: exp(x)"),
        ("sigmoyd", "sigmoyd という名前は使えません。sigmoid のことですか？"),
        ("2x", "2*x と書いてください"),
        ("x" * 300, "201 文字"),
    ],
)
def test_every_refusal_has_japanese_text(expr, japanese):
    raw = query_from_controls(["relu"], -1, 1, 11, [], [], expr, lang="ja")
    state, problems = parse_query(raw)
    (problem,) = problems
    assert state.lang == "ja" and problem.field == "expr"
    assert japanese in problem.message(state.lang)
    assert japanese not in problem.message("en")


def test_other_problems_keep_their_problem_keys():
    _, problems = parse_query(query_from_search("?xmin=abc&lang=ja"))
    (problem,) = problems
    assert problem.key == "not_number"
    assert problem.message("ja") == "'abc' は数ではありません"


def test_the_japanese_page_explains_a_misspelt_function_in_japanese():
    from components.callbacks import view_from_url

    outputs = view_from_url("?expr=sigmoyd(x)&lang=ja")
    shown = str(outputs["expr_error"]) + str(outputs["notice"])
    assert "sigmoyd という関数はありません。sigmoid のことですか？" in shown
    assert "Unknown function" not in shown and "did you mean" not in shown
    assert outputs["expr"] == "sigmoyd(x)"  # left in the box, to be fixed


def test_the_csv_of_a_misspelt_function_is_a_japanese_400():
    from flask import Flask

    from components.routes import register_routes

    server = Flask(__name__)
    register_routes(server)
    response = server.test_client().get("/export.csv?expr=sigmoyd(x)&lang=ja")
    assert response.status_code == 400
    reason = response.get_data(as_text=True)
    assert "sigmoyd という関数はありません。sigmoid のことですか？" in reason
    assert "did you mean" not in reason
    english = server.test_client().get("/export.csv?expr=sigmoyd(x)&lang=en")
    assert "did you mean 'sigmoid'?" in english.get_data(as_text=True)
