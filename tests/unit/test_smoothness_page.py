"""The kink lab's pure parts: slider steps, validation, the training run, figures, CSV, layout."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import numpy as np
import pytest

import activations
from components import theme
from components.i18n import CATALOGUES, LANGUAGES, translator
from components.locales.en import smoothness as en_smoothness
from components.locales.ja import smoothness as ja_smoothness
from components.pages import all_pages, page_at
from components.pages import smoothness as page
from components.smoothness_lab import (
    BETA_STEPS,
    CHANCE_LOSS,
    COLOURS,
    FAN_SLOPES,
    GAIN_STEPS,
    LEARNED_LOSS,
    MARKERS,
    PAGE_KEYS,
    PLOT_POINTS,
    PLOT_XMAX,
    PLOT_XMIN,
    TRAIN_EPOCHS,
    TRAINING_KEYS,
    KinkRun,
    KinkView,
    TrainingSettings,
    distance_figure,
    distance_rows,
    distance_table,
    first_to_learn,
    kink_figure,
    kink_runs,
    log_steps,
    loss_figure,
    loss_rows,
    morph_figure,
    nearest_step,
    parse_distance_query,
    parse_kink_query,
    parse_morph_query,
    parse_sigmoid_query,
    parse_subgradient_query,
    run_cells,
    sample_rows,
    sigmoid_figure,
    sigmoid_query,
    step_marks,
    step_value,
    subgradient_csv,
    training_csv,
    verdict_text,
)
from networks import evaluate, kink_lab_states, sup_distance_softplus_relu, train_chunk

# --- slider steps ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "low", "high"), [(BETA_STEPS, 0.5, 50.0), (GAIN_STEPS, 0.1, 100)]
)
def test_slider_steps_are_short_numbers_evenly_spread_on_a_log_scale(steps, low, high):
    assert steps[0] == low and steps[-1] == high
    ratios = np.array(steps[1:]) / np.array(steps[:-1])
    assert ratios.min() >= 1.19 and ratios.max() <= 1.34  # 1, 1.2, 1.5, 2, 2.5, 3, 4, ...
    assert all(len(repr(value)) <= 5 for value in steps)  # 0.6, not 0.6000000000000001
    assert len(steps) >= 20


def test_the_gain_slider_covers_the_catalogues_whole_range_of_a():
    a = activations.get("sigmoid").param("a")
    assert (GAIN_STEPS[0], GAIN_STEPS[-1]) == (a.low, a.high)
    assert log_steps(1.0, 10.0) == (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3.3, 3.0), (1.0, 1.0), (0.54, 0.5), (1000.0, 50.0), (1e-9, 0.5), (0.0, 0.5), (-5.0, 0.5)],
)
def test_nearest_step_is_nearest_on_a_log_scale(value, expected):
    assert nearest_step(value, BETA_STEPS) == expected


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        *[(0, 0.5), (3, 1.0), (3.0, 1.0), (20, 50.0), (3.5, None), (-1, None), (21, None)],
        *[(True, None), (None, None), (float("nan"), None), (float("inf"), None), ([3], None)],
        # A form control's value may come back as text.
        *[("3", 1.0), (" 20 ", 50.0), ("3.0", 1.0), ("3.5", None), ("-1", None), ("21", None)],
        *[("", None), ("abc", None), ("nan", None), ("inf", None), ("3" * 30, None)],
    ],
)
def test_a_slider_position_is_trusted_only_if_it_is_one(index, expected):
    assert step_value(index, BETA_STEPS) == expected


def test_slider_marks_label_the_round_values_at_their_positions():
    assert step_marks(BETA_STEPS, (0.5, 1.0, 50.0)) == {0: "0.5", 3: "1", 20: "50"}


# --- validation ------------------------------------------------------------------------


def test_an_empty_query_is_the_default_view_that_shows_the_point():
    view, problems = parse_kink_query({})
    assert problems == ()
    assert view == KinkView(1.0, 1.0, TrainingSettings("circles", 0, 0.3), "en")


def test_the_page_query_round_trips():
    view = KinkView(2.5, 40.0, TrainingSettings("spiral", 4_000_000_000, 0.0003), "ja")
    raw = {k: [v] for k, v in view.to_query_dict().items()}
    assert parse_kink_query(raw) == (view, ())
    assert view.to_query() == "beta=2.5&a=40&dataset=spiral&seed=4000000000&lr=0.0003&lang=ja"
    assert view.training_query() == "dataset=spiral&lang=ja&lr=0.0003&seed=4000000000"


@pytest.mark.parametrize(
    ("key", "text", "label", "message", "repaired"),
    [
        ("beta", "3.3", "β (beta)", "slider's values, from 0.5 to 50", ("beta", 3.0)),
        ("beta", "1e9", "β (beta)", "slider's values", ("beta", 50.0)),
        ("beta", "abc", "β (beta)", "'abc' is not a number", ("beta", 1.0)),
        ("a", "0.01", "gain a (a)", "from 0.1 to 100", ("gain", 0.1)),
        ("dataset", "blobs", "data set (dataset)", "xor, circles, moons, spiral", None),
        ("seed", "1.5", "seed (seed)", "whole number", None),
        ("seed", "-1", "seed (seed)", "between 0 and 4,294,967,295", None),
        ("seed", "", "seed (seed)", "enter a number", None),
        ("lr", "5", "learning rate (lr)", "between 0.0001 and 1", ("training", 1.0)),
        ("lr", "nan", "learning rate (lr)", "not a number", None),
        ("lang", "fr", "language (lang)", "en or ja", None),
        ("relu.alpha", "1", "relu.alpha", "unknown query parameter", None),
    ],
)
def test_each_bad_value_is_named_and_repaired(key, text, label, message, repaired):
    view, problems = parse_kink_query({key: [text]})
    (problem,) = problems
    assert problem.reason("en").startswith(label + ": ")
    assert message in problem.reason("en")
    assert problem.text("ja")  # every problem reads in Japanese too
    if repaired is not None:
        name, value = repaired
        got = view.training.learning_rate if name == "training" else getattr(view, name)
        assert got == value


def test_a_repeated_key_uses_the_first_value_and_says_so():
    view, problems = parse_kink_query({"dataset": ["xor", "moons"]})
    assert view.training.dataset == "xor"
    assert "given more than once" in problems[0].text("en")


def test_the_training_csv_query_takes_only_its_own_keys():
    assert TRAINING_KEYS < PAGE_KEYS
    _, problems = parse_kink_query({"beta": ["2"], "seed": ["1"]}, allowed=TRAINING_KEYS)
    assert [p.field for p in problems] == ["beta"]


def test_the_morph_csv_query_uses_the_explorers_validator_with_the_pages_plot():
    state, problems = parse_morph_query({})
    assert problems == ()
    assert state.functions == ("softplus", "relu") and state.deriv
    assert (state.xmin, state.xmax, state.n) == (PLOT_XMIN, PLOT_XMAX, PLOT_POINTS)
    assert state.params_for("softplus") == {"beta": 1.0}
    state, _ = parse_morph_query({"beta": ["100"], "xmin": ["-1"], "xmax": ["2"], "n": ["7"]})
    assert state.params_for("softplus") == {"beta": 100.0}  # the catalogue's range, to 100
    assert (state.xmin, state.xmax, state.n) == (-1.0, 2.0, 7)
    _, problems = parse_morph_query({"beta": ["0"], "n": ["1"], "fn": ["gelu"]})
    reasons = [p.reason("en") for p in problems]
    assert reasons[0] == "functions (fn): unknown query parameter"
    assert "β (beta): must be between 0.01 and 100" in reasons
    assert any(r.startswith("sample points (n)") for r in reasons)


def test_the_sigmoid_csv_query_uses_the_explorers_validator_with_the_pages_plot():
    state, problems = parse_sigmoid_query({})
    assert problems == ()
    assert state.functions == ("sigmoid", "step") and state.deriv
    assert (state.xmin, state.xmax, state.n) == (PLOT_XMIN, PLOT_XMAX, PLOT_POINTS)
    assert state.params_for("sigmoid") == {"a": 1.0}
    query = sigmoid_query(40.0, "ja")
    state, problems = parse_sigmoid_query(
        {k: [v] for k, v in (item.split("=") for item in query.split("&"))}
    )
    assert problems == () and state.params_for("sigmoid") == {"a": 40.0} and state.lang == "ja"
    _, problems = parse_sigmoid_query({"a": ["1000"], "beta": ["2"]})
    reasons = [p.reason("en") for p in problems]
    assert reasons == ["beta: unknown query parameter", "gain a (a): must be between 0.1 and 100"]


def test_the_distance_and_subgradient_queries_share_the_pages_validator():
    view, problems = parse_distance_query({"beta": ["20"], "lang": ["ja"]})
    assert problems == () and view.beta == 20.0 and view.lang == "ja"
    _, problems = parse_distance_query({"beta": ["7"], "seed": ["1"]})
    assert {p.field for p in problems} == {"seed", "smoothness.beta"}
    view, problems = parse_subgradient_query({"lang": ["ja"]})
    assert problems == () and view.lang == "ja"
    _, problems = parse_subgradient_query({"a": ["2"]})
    assert [p.reason("en") for p in problems] == ["a: unknown query parameter"]


def test_the_subgradient_csv_is_two_tables_of_the_figures_numbers():
    lines, interval = subgradient_csv().split("\n\n")
    rows = [row.split(",") for row in lines.splitlines()]
    assert rows[0] == ["x", "relu", "slope_0", "slope_0.25", "slope_0.5", "slope_0.75", "slope_1"]
    assert len(rows) == 302
    figure = kink_figure("en")
    fan = [t for t in figure["data"] if t.get("legendgroup") == "fan"]
    columns = np.array(rows[1:], dtype=float).T
    for trace, column in zip(fan, columns[2:], strict=True):
        np.testing.assert_array_equal(column, trace["y"])
    assert not any(cell == "-0.0" for row in rows for cell in row)
    assert interval.splitlines()[1] == "0.0,0.0,1.0,0.0,0.5"


# --- the morphs --------------------------------------------------------------------------


def trace(figure: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [t for t in figure["data"] if t["name"] == name]
    return found


@pytest.mark.parametrize("beta", [0.5, 1.0, 8.0, 50.0])
def test_the_morph_draws_softplus_and_relu_with_the_gap_ln2_over_beta(beta):
    figure = morph_figure(beta, "en")
    softplus_trace = trace(figure, "Softplus")
    x = softplus_trace["x0"] + softplus_trace["dx"] * np.arange(len(softplus_trace["y"]))
    assert len(x) == PLOT_POINTS and x[0] == PLOT_XMIN and x[-1] == pytest.approx(PLOT_XMAX)
    softplus, relu = trace(figure, "Softplus")["y"], trace(figure, "ReLU")["y"]
    np.testing.assert_allclose(np.max(softplus - relu), math.log(2) / beta, rtol=1e-12)
    gap = trace(figure, f"gap at x = 0: ln 2 / β = {math.log(2) / beta:.6g}")
    assert gap["x"] == [0.0, 0.0] and gap["y"] == [0.0, sup_distance_softplus_relu(beta)]
    derivative = trace(figure, "Softplus f′")
    assert derivative["yaxis"] == "y2"
    assert derivative["y"][PLOT_POINTS // 2] == 0.5  # softplus′(0) = 1/2 for every β
    assert trace(figure, "ReLU")["line"]["color"] == COLOURS["relu"]
    assert derivative["line"]["color"] == COLOURS["softplus"]
    # The explorer marks ReLU's kink on the f′ chart.
    assert [s["x0"] for s in figure["layout"]["shapes"]] == [0.0]


@pytest.mark.parametrize("gain", [0.1, 1.0, 10.0, 100.0])
def test_the_sigmoid_morph_marks_the_derivative_peak_a_over_4(gain):
    figure = sigmoid_figure(gain, "en")
    peak = trace(figure, "Sigmoid: max |f′|")
    assert peak["x"] == [pytest.approx(0.0, abs=1e-9)]
    assert peak["y"] == [pytest.approx(gain / 4, rel=1e-12)]
    assert not np.any(trace(figure, "Step (Heaviside) f′")["y"])  # 0 wherever it exists
    assert trace(figure, "Sigmoid")["line"]["color"] == COLOURS["sigmoid"]


def test_the_measured_distance_matches_the_formula_at_every_slider_step():
    table = distance_table()
    assert [row.beta for row in table] == list(BETA_STEPS)
    for row in table:
        assert row.measured == pytest.approx(math.log(2) / row.beta, rel=1e-12)
        assert row.formula == sup_distance_softplus_relu(row.beta)
        assert abs(row.where) < 1e-12


def test_the_distance_chart_is_log_log_and_marks_the_current_beta():
    figure = distance_figure(5.0, "en")
    assert figure["layout"]["xaxis"]["type"] == figure["layout"]["yaxis"]["type"] == "log"
    formula = trace(figure, "ln 2 / β (formula)")
    np.testing.assert_allclose(formula["x"] * formula["y"], math.log(2), rtol=1e-15)
    assert len(trace(figure, "measured")["x"]) == len(BETA_STEPS)
    current = trace(figure, "β = 5")
    assert current["x"] == [5.0] and current["y"] == [pytest.approx(math.log(2) / 5, rel=1e-12)]


# --- how the figures look ---------------------------------------------------------------


def page_figures() -> dict[str, dict[str, Any]]:
    runs = kink_runs(TrainingSettings())
    return {
        "morph": morph_figure(2.0, "en"),
        "sigmoid": sigmoid_figure(4.0, "en"),
        "distance": distance_figure(2.0, "en"),
        "kink": kink_figure("en"),
        "loss": loss_figure(runs, "en"),
    }


def colours_in(node: Any, key: str = ""):
    """Every colour string in a figure, found under Plotly's colour keys."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from colours_in(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from colours_in(item, key)
    elif isinstance(node, str) and key in theme._COLOUR_KEYS:
        yield node


@pytest.mark.parametrize("name", ["morph", "sigmoid", "distance", "kink", "loss"])
def test_every_colour_of_every_figure_has_a_dark_counterpart(name):
    figure = page_figures()[name]
    found = set(colours_in(figure))
    assert found, "no colours found: the walk is wrong"
    for value in found - {"rgba(0,0,0,0)"}:
        assert value.lower() in theme._DARK_COLOURS, f"{name}: {value} stays light in the dark"
    dark = theme.themed(figure, theme.DARK)
    assert not set(colours_in(dark)) & {c for c in found if c.lower() != "rgba(0,0,0,0)"}


def curve_traces(figure: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in figure["data"] if "maxdisplayed" in t.get("marker", {})]


def test_each_function_has_one_colour_and_one_marker_symbol_on_the_whole_page():
    seen: dict[str, set[tuple[str, str]]] = {}
    figures = page_figures()
    for figure in figures.values():
        for t in curve_traces(figure):
            name = t["name"].split(" f′")[0].lower().replace("step (heaviside)", "step")
            seen.setdefault(name, set()).add((t["line"]["color"], t["marker"]["symbol"]))
    assert set(seen) == {"relu", "softplus", "sigmoid", "step"}
    for name, looks in seen.items():
        assert looks == {(COLOURS[name], MARKERS[name])}, name
    assert len(set(MARKERS.values())) == len(MARKERS)  # no two share a symbol


@pytest.mark.parametrize("name", ["morph", "sigmoid", "kink"])
def test_f_is_solid_and_f_prime_is_dashed(name):
    traces = curve_traces(page_figures()[name])
    assert traces
    for t in traces:
        expected = "dash" if t.get("yaxis") == "y2" else "solid"
        assert t["line"]["dash"] == expected, t["name"]
        assert t["mode"] == "lines+markers"


def test_the_loss_curves_are_told_apart_by_marker_as_well_as_colour():
    figure = page_figures()["loss"]
    symbols = [t["marker"]["symbol"] for t in figure["data"]]
    assert symbols == [MARKERS["relu"], MARKERS["softplus"], MARKERS["sigmoid"]]


# --- the kink ------------------------------------------------------------------------------


def test_the_kink_figure_draws_the_subgradient_interval_and_the_fan():
    figure = kink_figure("en")
    relu = activations.get("relu")
    interval = trace(figure, "subgradients at 0: [0, 1]")
    assert interval["yaxis"] == "y2" and set(interval["x"]) == {0.0}
    assert (min(interval["y"]), max(interval["y"])) == (0.0, 1.0)
    fan = [t for t in figure["data"] if t.get("legendgroup") == "fan"]
    assert len(fan) == len(FAN_SLOPES) >= 3
    for line, slope in zip(fan, FAN_SLOPES, strict=True):
        assert 0.0 <= slope <= 1.0
        np.testing.assert_array_equal(line["y"], slope * line["x"])
        # A subgradient's line touches ReLU at 0 and never rises above it.
        assert np.all(line["y"] <= relu(line["x"]))
    framework = trace(figure, "relu′(0) = 0 (PyTorch, TensorFlow, JAX)")
    assert framework["y"] == [float(relu.derivative(np.array([0.0]))[0])] == [0.0]
    assert trace(figure, "softplus′(0) = 1/2")["y"] == [0.5]


# --- the training run ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def default_runs() -> tuple[KinkRun, ...]:
    return kink_runs(TrainingSettings())


def test_the_three_networks_are_relu_softplus_and_sigmoid_trained_150_epochs(default_runs):
    assert [run.name for run in default_runs] == ["relu", "softplus", "sigmoid"]
    for run in default_runs:
        assert run.epochs == TRAIN_EPOCHS == 150 and not run.diverged
        assert run.losses.shape == (151,) and np.isfinite(run.losses).all()
        assert run.hidden_units == 32 and run.pre_activations == 200 * 32


def test_at_the_defaults_relu_learns_first_and_the_sigmoid_stays_near_chance(default_runs):
    relu, softplus, sigmoid = default_runs
    assert relu.learned_at() < softplus.learned_at()
    assert sigmoid.learned_at() is None
    assert abs(sigmoid.losses[-1] - CHANCE_LOSS) < 0.01
    assert relu.losses[-1] < 0.1 and relu.accuracy > 0.95
    assert first_to_learn(default_runs) is relu


def test_the_run_is_the_engines_own_training_whatever_the_chunks(default_runs):
    # The same three nets trained here in other chunk sizes give the same bits.
    states = kink_lab_states(TrainingSettings().config(), beta=1.0)
    for run, state in zip(default_runs, states.values(), strict=True):
        for chunk in (50, 50, 50):
            state = train_chunk(state, chunk)
        final = evaluate(state)
        np.testing.assert_array_equal(run.losses[:-1], state.loss_history)
        assert run.losses[-1] == final.loss
        assert run.dead_fraction == final.dead_fraction
        assert run.dead_units == round(final.dead_fraction * 32)


def test_the_run_is_deterministic_and_cached():
    settings = TrainingSettings("moons", 7, 0.2)
    first = kink_runs(settings)
    assert kink_runs(settings) is first
    kink_runs.cache_clear()
    again = kink_runs(settings)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a.losses, b.losses)
        assert (a.accuracy, a.dead_fraction, a.at_kink) == (b.accuracy, b.dead_fraction, b.at_kink)


def test_the_loss_figure_has_one_curve_per_network_and_the_chance_line(default_runs):
    figure = loss_figure(default_runs, "ja")
    assert [t["name"] for t in figure["data"]] == [
        activations.get(name).label("ja") for name in ("relu", "softplus", "sigmoid")
    ]
    for t, run in zip(figure["data"], default_runs, strict=True):
        np.testing.assert_array_equal(t["x"], np.arange(151))
        assert t["y"] is run.losses and t["line"]["color"] == COLOURS[run.name]
    (chance,) = figure["layout"]["shapes"]
    assert chance["y0"] == chance["y1"] == math.log(2)
    assert LEARNED_LOSS == CHANCE_LOSS / 2


def test_the_table_and_verdict_say_what_the_run_did(default_runs):
    tr = translator("en")
    relu, softplus, sigmoid = (run_cells(run, tr) for run in default_runs)
    assert relu["learned"] == str(default_runs[0].learned_at())
    assert relu["dead"].startswith(f"{default_runs[0].dead_units} of 32")
    assert softplus["dead"] == sigmoid["dead"] == "none can die (f′ > 0 everywhere)"
    assert sigmoid["learned"] == "not within 150"
    assert verdict_text(default_runs, tr, "en") == (
        f"In this run ReLU was the first to get its loss below ln 2 / 2 ≈ 0.35, "
        f"at epoch {default_runs[0].learned_at()}."
    )
    never = tuple(
        KinkRun(r.name, np.full(151, 0.69), 0.5, 0.0, 0, 32, 0, 6400, False) for r in default_runs
    )
    assert "No network" in verdict_text(never, tr, "en")


def test_the_training_csv_has_one_row_per_epoch_at_full_precision(default_runs):
    rows = list(csv.reader(io.StringIO(training_csv(default_runs))))
    assert rows[0] == ["epoch", "loss_relu", "loss_softplus", "loss_sigmoid"]
    assert len(rows) == 152 and [r[0] for r in rows[1:]] == [str(e) for e in range(151)]
    for column, run in enumerate(default_runs, start=1):
        assert [float(r[column]) for r in rows[1:]] == run.losses.tolist()


def test_a_diverged_run_is_padded_with_nan_in_the_csv():
    runs = (
        KinkRun("relu", np.array([0.7, 0.5, 0.3]), 1.0, 0.0, 0, 32, 0, 6400, False),
        KinkRun("softplus", np.array([0.7]), 0.5, 0.0, 0, 32, 0, 6400, True),
    )
    assert training_csv(runs).splitlines()[1:] == ["0,0.7,0.7", "1,0.5,nan", "2,0.3,nan"]


# --- the page ------------------------------------------------------------------------------


def walk(component: Any):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            yield from walk(child)
    elif children is not None and hasattr(children, "to_plotly_json"):
        yield from walk(children)


def component_ids(component: Any) -> list[str]:
    """Every id in the tree, as the DOM id Dash renders (pattern-matching ids as JSON)."""
    return [
        c.id if isinstance(c.id, str) else json.dumps(c.id, sort_keys=True)
        for c in walk(component)
        if getattr(c, "id", None) is not None
    ]


def test_the_page_is_found_at_smoothness_after_the_explorer():
    assert page_at("/smoothness") is page.PAGE
    assert (page.PAGE.nav_key, page.PAGE.order) == ("nav.smoothness", 20)
    assert translator("en")("nav.smoothness") == "The ReLU kink"
    assert translator("ja")("nav.smoothness") == "ReLU の折れ目"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_builds_in_every_language_with_every_control(lang):
    main = page.create_smoothness(translator(lang), lang)
    found = component_ids(main)
    for component_id in (
        page.URL,
        page.BETA,
        page.GAIN,
        page.MORPH_GRAPH,
        page.DISTANCE_GRAPH,
        page.SIGMOID_GRAPH,
        page.SUBGRADIENT_GRAPH,
        page.DATASET,
        page.SEED_INPUT,
        page.LEARNING_RATE_INPUT,
        page.LOSS_GRAPH,
        page.RESULTS,
        page.MORPH_DOWNLOAD,
        page.TRAIN_DOWNLOAD,
    ):
        assert component_id in found
    assert len(found) == len(set(found))


def test_no_id_of_this_page_is_used_by_another():
    mine = set(component_ids(page.create_smoothness(translator("en"), "en")))
    for other in all_pages():
        if other is not page.PAGE:
            assert mine.isdisjoint(component_ids(other.build(translator("en"), "en")))


def test_this_pages_keys_are_its_own_and_in_both_languages():
    assert set(en_smoothness.TEXT) == set(ja_smoothness.TEXT)
    for key in en_smoothness.TEXT:
        assert key == "nav.smoothness" or key.startswith(("smoothness.", "field.smoothness."))
        assert CATALOGUES["ja"][key] == ja_smoothness.TEXT[key]  # merged, not shadowed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_markdown_texts_have_no_accidental_links(lang):
    # "[0, 1]" in Markdown is a reference link; the texts escape it.
    for key in ("smoothness.kink.text", "smoothness.train.explain"):
        text = translator(lang)(key)
        assert "[" not in text.replace("\\[", "")


GRAPHS = (
    page.MORPH_GRAPH,
    page.DISTANCE_GRAPH,
    page.SIGMOID_GRAPH,
    page.SUBGRADIENT_GRAPH,
    page.LOSS_GRAPH,
)
DOWNLOADS = {
    page.MORPH_GRAPH: page.MORPH_DOWNLOAD,
    page.DISTANCE_GRAPH: page.DISTANCE_DOWNLOAD,
    page.SIGMOID_GRAPH: page.SIGMOID_DOWNLOAD,
    page.SUBGRADIENT_GRAPH: page.SUBGRADIENT_DOWNLOAD,
    page.LOSS_GRAPH: page.TRAIN_DOWNLOAD,
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_graph_is_a_figure_described_by_its_summary_with_its_numbers_and_csv(lang):
    main = page.create_smoothness(translator(lang), lang)
    figures = [c for c in walk(main) if type(c).__name__ == "Figure"]
    assert len(figures) == len(GRAPHS)
    for figure, graph_id in zip(figures, GRAPHS, strict=True):
        inside = list(walk(figure))
        names = [type(c).__name__ for c in inside]
        assert graph_id in component_ids(figure)
        described_by = figure.to_plotly_json()["props"]["aria-describedby"]
        (caption,) = [c for c in inside if type(c).__name__ == "Figcaption"]
        assert described_by == caption.id == page.summary_id(graph_id)
        assert "Details" in names and "Summary" in names and "Loading" in names
        assert page.table_id(graph_id) in component_ids(figure)
        assert DOWNLOADS[graph_id] in component_ids(figure)  # the CSV sits under its chart
    loading = [c for c in walk(main) if type(c).__name__ == "Loading"]
    assert {c.delay_show for c in loading} == {300}


def test_the_kink_figure_is_described_and_tabulated_from_the_start():
    main = page.create_smoothness(translator("en"), "en")
    (caption,) = [
        c for c in walk(main) if getattr(c, "id", None) == page.summary_id(page.SUBGRADIENT_GRAPH)
    ]
    assert "g = 0, 0.25, 0.5, 0.75, 1" in caption.children
    assert "relu′(0) = 0, the value the frameworks use, and softplus′(0) = 0.5" in caption.children
    (box,) = [
        c for c in walk(main) if getattr(c, "id", None) == page.table_id(page.SUBGRADIENT_GRAPH)
    ]
    table = box.children
    caption, head, body = table.children
    assert caption.children.startswith("ReLU and the lines g·x at 7 of the 301 samples")
    assert [th.scope for th in head.children.children] == ["col"] * 7
    assert [row.children[0].scope for row in body.children] == ["row"] * 7
    assert [row.children[0].children for row in body.children] == [
        "-1.5",
        "-1",
        "-0.5",
        "0",
        "0.5",
        "1",
        "1.5",
    ]


def test_the_tables_sample_evenly_and_keep_both_ends():
    assert sample_rows(151) == list(range(0, 151, 15))
    assert sample_rows(301, 7) == [0, 50, 100, 150, 200, 250, 300]
    assert sample_rows(3) == [0, 1, 2] and sample_rows(1) == [0]
    assert len(distance_rows()) == len(BETA_STEPS)
    diverged = KinkRun("relu", np.array([0.7, 0.5]), 1.0, 0.0, 0, 32, 0, 6400, True)
    rows = loss_rows((diverged,))
    assert rows[0] == ["0", "0.7000"] and rows[-1] == ["150", "—"]


def test_no_page_element_has_an_inline_style():
    for lang in LANGUAGES:
        main = page.create_smoothness(translator(lang), lang)
        styled = [c for c in walk(main) if getattr(c, "style", None)]
        assert not styled, [getattr(c, "id", type(c).__name__) for c in styled]
        labelled = [c for c in walk(main) if getattr(c, "labelStyle", None)]
        assert not labelled


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_table_scrolls_in_its_own_named_box_reachable_by_keyboard(lang):
    main = page.create_smoothness(translator(lang), lang)
    boxes = [c for c in walk(main) if "table-scroll" in (getattr(c, "className", "") or "")]
    assert len(boxes) == len(GRAPHS) + 1  # one per chart, and the results
    props = [box.to_plotly_json()["props"] for box in boxes]
    assert all(p["tabIndex"] == "0" and p["role"] == "region" for p in props)
    labels = [p["aria-label"] for p in props]
    assert len(set(labels)) == len(labels)  # regions can be told apart
