"""The vanishing-gradient lab's validator, numbers, figures and training logic (no server)."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import numpy as np
import pytest
from dash.exceptions import PreventUpdate

import activations
from components import gradients_lab as lab
from components import ids as frame_ids
from components import theme
from components.gradients_lab import (
    HE_FAMILY,
    INIT_RECOMMENDED,
    NetworkQuery,
    StoreError,
    TrainingQuery,
    advance,
    all_done,
    bound_csv,
    bound_figure,
    bound_table,
    chunk_epochs,
    csv_epoch_cap,
    gradient_csv,
    gradient_figure,
    gradient_table,
    grid_points,
    new_runs,
    parse_bound_query,
    parse_gradient_query,
    parse_training_query,
    ratio_sentences,
    raw_from_controls,
    resolved_init,
    runs_from_store,
    runs_to_store,
    training_csv,
    training_losses,
    training_view,
)
from components.i18n import translator
from components.pages import gradients as page
from components.pages.gradients import Ids, training_step
from networks import (
    ActivationSpec,
    bound_product,
    init_gradient_norms,
    limits,
    measured_product,
    new_state,
    state_to_json,
    train_chunk,
)

EN = translator("en")
TRANSPARENT = "rgba(0,0,0,0)"
DARK = {"theme": "dark", "large": False}


def raw(query: dict[str, str]) -> dict[str, list[str]]:
    return {k: [v] for k, v in query.items()}


def keys(problems) -> list[tuple[str, str]]:
    return [(p.field, p.key) for p in problems]


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def text_of(component: Any) -> str:
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


# --- the validator --------------------------------------------------------------------


def test_empty_queries_are_the_defaults():
    assert parse_gradient_query({}) == (NetworkQuery(depth=8), ())
    assert parse_bound_query({}) == (NetworkQuery(depth=10), ())
    assert parse_training_query({}) == (TrainingQuery(), ())
    assert TrainingQuery().functions == ("sigmoid", "relu")
    assert TrainingQuery().epochs <= csv_epoch_cap(TrainingQuery().configs())


def test_a_full_gradient_query_reads_back_exactly():
    query, problems = parse_gradient_query(
        raw(
            {
                "fn": "tanh,gelu,relu",
                "depth": "30",
                "width": "64",
                "init": "normal",
                "sigma": "0.05",
                "seed": str(limits.SEED.high),
                "lang": "ja",
            }
        )
    )
    assert problems == ()
    assert query == NetworkQuery(("tanh", "gelu", "relu"), 30, 64, "normal", 0.05, 2**32 - 1, "ja")
    again, problems = parse_gradient_query(
        {k: [v] for k, v in (p.split("=") for p in query.to_query().split("&"))}
    )
    assert again == query and problems == ()


def test_the_bound_accepts_depths_to_50_and_the_gradients_to_30():
    assert parse_bound_query(raw({"depth": "50"}))[0].depth == 50
    assert keys(parse_bound_query(raw({"depth": "51"}))[1]) == [("depth", "int_range")]
    assert keys(parse_gradient_query(raw({"depth": "31"}))[1]) == [("depth", "int_range")]
    assert keys(parse_gradient_query(raw({"depth": "0"}))[1]) == [("depth", "int_range")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"fn": "sigmoyd"}, ("fn", "unknown_function")),
        ({"fn": ""}, ("fn", "no_function")),
        ({"fn": "relu,relu"}, ("fn", "listed_twice")),
        ({"fn": ",".join(activations.names()[:9])}, ("fn", "too_many")),
        ({"depth": "8.5"}, ("depth", "whole")),
        ({"depth": "abc"}, ("depth", "not_number")),
        ({"depth": "nan"}, ("depth", "not_number")),
        ({"depth": "1e400"}, ("depth", "not_number")),
        ({"depth": ""}, ("depth", "empty")),
        ({"width": "3"}, ("width", "int_range")),
        ({"width": "65"}, ("width", "int_range")),
        ({"init": "glorot"}, ("init", "choice")),
        ({"sigma": "0"}, ("sigma", "range")),
        ({"seed": "-1"}, ("seed", "int_range")),
        ({"seed": str(2**32)}, ("seed", "int_range")),
        ({"lang": "fr"}, ("lang", "language")),
        ({"foo": "bar"}, ("foo", "unknown_key")),
        ({"epochs": "10"}, ("epochs", "unknown_key")),
        ({"depth": "1" * 3000}, ("query", "too_long")),
    ],
)
def test_every_invalid_gradient_value_is_a_problem(query, expected):
    _, problems = parse_gradient_query(raw(query))
    assert keys(problems) == [expected]
    assert problems[0].text("en") and problems[0].text("ja") != problems[0].text("en")


def test_a_repeated_key_is_a_problem():
    _, problems = parse_gradient_query({"fn": ["relu"], "depth": ["3", "4"]})
    assert keys(problems) == [("depth", "repeated")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"fn": "relu,tanh,gelu,elu"}, ("fn", "too_many")),
        ({"dataset": "blobs"}, ("dataset", "choice")),
        ({"points": "19"}, ("points", "int_range")),
        ({"noise": "0.6"}, ("noise", "range")),
        ({"depth": "7"}, ("depth", "int_range")),
        ({"width": "1"}, ("width", "int_range")),
        ({"optimiser": "rmsprop"}, ("optimiser", "choice")),
        ({"lr": "2"}, ("lr", "range")),
        ({"lr": "0"}, ("lr", "range")),
        ({"batch": "16"}, ("batch", "batch")),
        ({"batch": "300"}, ("batch", "batch_points")),
        ({"epochs": "0"}, ("epochs", "int_range")),
        ({"epochs": "2001"}, ("epochs", "int_range")),
    ],
)
def test_every_invalid_training_value_is_a_problem(query, expected):
    _, problems = parse_training_query(raw(query))
    assert keys(problems) == [expected]


def test_the_training_csv_caps_the_epochs_by_the_time_they_cost():
    cap = csv_epoch_cap(TrainingQuery().configs())
    assert cap == 300  # sigmoid and ReLU: 10 chunks of 30 epochs
    assert parse_training_query(raw({"epochs": "300"}), cap_epochs=True)[1] == ()
    _, problems = parse_training_query(raw({"epochs": "301"}), cap_epochs=True)
    assert keys(problems) == [("epochs", "epochs_cap")]
    assert "300" in problems[0].text("en")
    # The page itself trains further; only the download is capped.
    assert parse_training_query(raw({"epochs": "2000"}))[1] == ()


def test_controls_become_the_same_text_a_url_carries():
    assert raw_from_controls({"fn": ["sigmoid", "relu"], "lr": 0.5, "depth": 4}, "ja") == {
        "fn": ["sigmoid,relu"],
        "lr": ["0.5"],
        "depth": ["4"],
        "lang": ["ja"],
    }
    _, problems = parse_training_query(raw_from_controls({"depth": None}, "en"))
    assert keys(problems) == [("depth", "empty")]
    # A whole number typed as 4.0 is still a whole number.
    assert parse_training_query(raw_from_controls({"depth": 4.0}, "en"))[0].depth == 4


def test_recommended_init_is_xavier_for_saturating_and_he_for_relu_like():
    assert resolved_init(INIT_RECOMMENDED, "sigmoid") == "xavier"
    assert resolved_init(INIT_RECOMMENDED, "tanh") == "xavier"
    assert resolved_init(INIT_RECOMMENDED, "relu") == "he"
    assert resolved_init(INIT_RECOMMENDED, "gelu") == "he"
    assert resolved_init("normal", "relu") == "normal"
    assert set(HE_FAMILY) <= set(activations.names())


# --- part 1: the bound ------------------------------------------------------------------


def test_the_bound_is_the_engines_bound_and_measured_product_bit_for_bit():
    query = NetworkQuery(("sigmoid", "relu", "tanh", "gelu"), depth=50, width=16, seed=3)
    table = bound_table(query)
    for name in query.functions:
        spec = ActivationSpec.of(name)
        for depth in (1, 2, 7, 10, 33, 50):
            assert table.bound[name][depth - 1] == bound_product(spec, depth)
            assert table.measured[name][depth - 1] == measured_product(spec, depth, 16, "xavier", 3)


def test_sigmoid_bound_is_a_quarter_per_layer_and_relu_stays_one():
    table = bound_table(NetworkQuery(depth=10))
    assert table.bound["sigmoid"][9] == 0.25**10
    assert table.bound["sigmoid"][9] == pytest.approx(9.5367431640625e-07)
    assert np.all(table.bound["relu"] == 1.0)
    # The measured product never exceeds the bound.
    assert np.all(table.measured["sigmoid"] <= table.bound["sigmoid"])
    assert np.all(table.measured["relu"] <= 1.0)


def test_the_bound_csv_names_its_columns_and_keeps_full_precision():
    table = bound_table(NetworkQuery(depth=50))
    header, *data = rows(bound_csv(table))
    assert header == ["depth", "sigmoid_bound", "sigmoid_measured", "relu_bound", "relu_measured"]
    assert [row[0] for row in data] == [str(d) for d in range(1, 51)]
    assert float(data[9][1]) == 0.25**10
    assert [float(v) for v in (row[2] for row in data)] == table.measured["sigmoid"].tolist()


def test_the_bound_figure_is_log_scale_and_leaves_a_gap_for_zero():
    table = bound_table(NetworkQuery(functions=("step", "sigmoid"), depth=5))
    figure = bound_figure(table, EN, "en")
    assert figure["layout"]["yaxis"]["type"] == "log"
    step_bound = figure["data"][0]
    assert step_bound["y"] == [None] * 5  # max |step′| = 0: nothing to draw on a log axis
    assert len(figure["data"]) == 4


def test_the_bound_lesson_says_what_to_see():
    lesson = EN("gradients.bound.lesson")
    assert "0.25" in lesson and "ReLU" in lesson
    assert "0.25" in translator("ja")("gradients.bound.lesson")


# --- part 2: gradient norms at initialisation ------------------------------------------


def test_gradient_norms_are_the_engines_hidden_layers():
    query = NetworkQuery(("sigmoid", "relu"), depth=8, width=32, init="xavier", seed=0)
    table = gradient_table(query)
    for name in query.functions:
        expected = init_gradient_norms(ActivationSpec.of(name), 8, 32, "xavier", 0)[:8]
        assert table.norms[name].tolist() == expected.tolist()
    assert table.layers.tolist() == list(range(1, 9))


def test_sigmoid_with_xavier_vanishes_and_relu_with_he_does_not():
    table = gradient_table(NetworkQuery(depth=8, width=32, init=INIT_RECOMMENDED, seed=0))
    assert table.inits == {"sigmoid": "xavier", "relu": "he"}
    assert table.ratio("sigmoid") < 1e-3
    assert table.ratio("relu") > 1e-2
    lines = ratio_sentences(table, EN, "en")
    assert "times smaller" in lines[0] and "Sigmoid (Xavier)" in lines[0]
    assert "W₈" in lines[0]


def test_the_gradient_csv_reads_back_to_the_same_floats():
    table = gradient_table(NetworkQuery(depth=8, width=32, init="xavier", seed=0))
    header, *data = rows(gradient_csv(table))
    assert header == ["layer", "sigmoid", "relu"]
    assert len(data) == 8
    assert [float(row[1]) for row in data] == table.norms["sigmoid"].tolist()
    ratio = float(data[0][1]) / float(data[-1][1])
    assert ratio == table.ratio("sigmoid") < 1e-3


def test_the_gradient_figure_has_one_log_line_per_activation():
    table = gradient_table(NetworkQuery(("sigmoid", "relu", "tanh"), depth=5))
    figure = gradient_figure(table, EN, "en")
    assert [len(t["y"]) for t in figure["data"]] == [5, 5, 5]
    assert figure["layout"]["yaxis"]["type"] == "log"


# --- part 3: budgets --------------------------------------------------------------------


def configs(*names: str, batch: int | None = None, **settings: Any):
    return TrainingQuery(functions=names, batch_size=batch, **settings).configs()


def test_a_chunk_splits_the_calibrated_budget_between_the_runs():
    assert chunk_epochs(configs("relu")) == limits.max_chunk_epochs("relu", False)
    assert chunk_epochs(configs("sigmoid", "relu")) == 30
    assert chunk_epochs(configs("gelu", "relu")) == 5  # 1 / (1/6 + 1/60)
    assert chunk_epochs(configs("gelu", "mish", "squareplus")) >= 1
    for names in (("sigmoid", "relu", "tanh"), ("gelu",), ("mish", "relu")):
        for batch in (None, 32):
            cfgs = configs(*names, batch=batch)
            step = chunk_epochs(cfgs)
            # Every run's epochs, each at its share, fit in one calibrated chunk.
            share = sum(
                step / limits.max_chunk_epochs(c.activation, batch is not None) for c in cfgs
            )
            assert share <= 1 or step == 1


def test_decision_grids_shrink_for_costly_activations():
    assert grid_points(configs("relu")) == limits.DECISION_GRID
    assert grid_points(configs("sigmoid", "relu")) == 54
    assert grid_points(configs("gelu")) == 24
    assert grid_points(configs("gelu", "mish", "squareplus")) >= lab.MIN_GRID


# --- part 3: training ----------------------------------------------------------------------


def test_advancing_in_chunks_is_training_in_one_go():
    query = TrainingQuery(depth=3, width=8, points=60, epochs=70)
    runs = new_runs(query)
    while not all_done(runs, query.epochs):
        runs = runs_from_store(runs_to_store(advance(runs, query.epochs)))
    for run, config in zip(runs, query.configs(), strict=True):
        direct = new_state(config)
        for _ in range(7):
            direct = train_chunk(direct, 10)
        assert run.epoch == 70
        assert run.loss_history.tolist() == direct.loss_history.tolist()
        assert [layer.weight.tolist() for layer in run.network] == [
            layer.weight.tolist() for layer in direct.network
        ]


def test_a_chunk_never_passes_the_target():
    runs = new_runs(TrainingQuery(epochs=40))
    runs = advance(runs, 40)
    assert [r.epoch for r in runs] == [30, 30]
    runs = advance(runs, 40)
    assert [r.epoch for r in runs] == [40, 40]
    assert all_done(runs, 40)
    assert advance(runs, 40) == runs


def test_the_default_run_shows_a_stuck_sigmoid_and_a_learning_relu():
    losses = training_losses(TrainingQuery(epochs=300))
    assert losses["sigmoid"][-1] == pytest.approx(math.log(2), abs=0.01)
    assert losses["relu"][-1] < 0.05


def test_training_losses_are_the_pages_history_and_reproducible():
    query = TrainingQuery(
        functions=("tanh", "relu"), optimiser="adam", learning_rate=0.01, epochs=45
    )
    first = training_losses(query)
    assert {k: v.tolist() for k, v in first.items()} == {
        k: v.tolist() for k, v in training_losses(query).items()
    }
    header, *data = rows(training_csv(first, 45))
    assert header == ["epoch", "tanh", "relu"]
    assert [row[0] for row in data] == [str(e) for e in range(45)]
    assert [float(row[2]) for row in data] == first["relu"].tolist()


def test_a_diverged_run_is_padded_with_nan_in_the_csv():
    text = training_csv({"relu": np.array([0.7, 0.6])}, 4)
    assert rows(text)[1:] == [["0", "0.7"], ["1", "0.6"], ["2", "nan"], ["3", "nan"]]


def test_the_training_view_draws_every_run():
    query = TrainingQuery(functions=("sigmoid", "relu", "tanh"), depth=2)
    runs = advance(new_runs(query), 50)
    view = training_view(runs, 50, EN, "en")
    assert view.epoch == chunk_epochs(query.configs()) == 20  # 60 epochs split three ways
    assert [t["name"] for t in view.loss["data"]] == [
        "Sigmoid",
        "ReLU",
        "Hyperbolic tangent (tanh)",
    ]
    contours = [t for t in view.boundary["data"] if t["type"] == "contour"]
    assert len(contours) == 3  # one per run: P(y = 1), with the line at 0.5
    assert contours[0]["contours"]["start"] == contours[0]["contours"]["end"] == 0.5
    assert contours[0]["z"].shape == (grid_points(query.configs()),) * 2
    # Two hidden layers and the output layer, per run.
    assert len(view.norms["data"]) == 3 * 3
    assert "layout" in view.norms and view.norms["layout"]["yaxis3"]["type"] == "log"
    # Epoch 0 draws empty curves, not an error.
    empty = training_view(new_runs(query), 50, EN, "en")
    assert empty.epoch == 0 and len(empty.loss["data"][0]["y"]) == 0


def _colours(node: Any, key: str = ""):
    """Every colour a figure names (under Plotly's colour keys), with where."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _colours(v, k)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _colours(item, key)
    elif isinstance(node, str) and key in theme._COLOUR_KEYS:
        yield node


def _every_chart() -> dict[str, dict[str, Any]]:
    network = NetworkQuery(functions=tuple(activations.names()[:8]), depth=6)
    query = TrainingQuery(functions=("sigmoid", "relu", "tanh"), depth=6)
    view = training_view(advance(new_runs(query), 20), 20, EN, "en")
    return {
        "bound": bound_figure(bound_table(network), EN, "en"),
        "norms": gradient_figure(gradient_table(network), EN, "en"),
        "loss": view.loss,
        "training norms": view.norms,
        "boundary": view.boundary,
    }


def test_every_chart_uses_only_colours_the_dark_theme_knows():
    for name, figure in _every_chart().items():
        unknown = {
            c for c in _colours(figure) if c.lower() not in theme._DARK_COLOURS and c != TRANSPARENT
        }
        assert not unknown, f"{name}: {unknown}"
        dark = theme.for_display(figure, {"theme": "dark", "large": False})
        assert dark["layout"]["plot_bgcolor"] == theme.PLOT_BACKGROUND["dark"]
        light = set(_colours(figure)) - {TRANSPARENT, "#ffffff", "#000000"}
        assert not light & set(_colours(dark)), f"{name} kept light colours in the dark theme"
        assert "template" not in figure["layout"]  # a template's colours would not be themed


def test_curves_differ_in_marker_as_well_as_colour_and_measured_is_dashed():
    charts = _every_chart()
    bound = charts["bound"]["data"]
    symbols = [t["marker"]["symbol"] for t in bound[::2]]
    assert len(set(symbols)) == len(symbols) == 8
    assert {t["line"]["dash"] for t in bound[::2]} == {"solid"}
    assert {t["line"]["dash"] for t in bound[1::2]} == {"dash"}
    assert [t["marker"]["symbol"] for t in bound[1::2]] == symbols  # same function, same mark
    for name in ("norms", "loss"):
        marks = [(t["line"]["color"], t["marker"]["symbol"]) for t in charts[name]["data"]]
        assert len({m[0] for m in marks}) == len({m[1] for m in marks}) == len(marks)
    layers = charts["training norms"]["data"][:7]  # the first panel: 6 hidden layers and output
    assert len({t["marker"]["symbol"] for t in layers}) == 7
    assert [t["line"]["dash"] for t in layers] == ["solid"] * 6 + ["dot"]
    classes = [t for t in charts["boundary"]["data"] if t["type"] == "scatter"][:2]
    assert {t["marker"]["symbol"] for t in classes} == {"circle", "diamond"}


# --- the saved runs ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def stored() -> dict[str, Any]:
    return runs_to_store(advance(new_runs(TrainingQuery(depth=2, width=4)), 300))


def test_the_store_reads_back_exactly(stored):
    runs = runs_from_store(stored)
    assert [r.config.activation for r in runs] == ["sigmoid", "relu"]
    assert runs_to_store(runs) == stored


def tampered(stored: dict[str, Any], change) -> dict[str, Any]:
    import copy

    data = copy.deepcopy(stored)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(extra=1), "single key"),
        (lambda d: d.update(runs=[]), "1 to 3"),
        (lambda d: d.update(runs=d["runs"] * 2), "1 to 3"),
        (lambda d: d["runs"][0].update(version=2), "version"),
        (lambda d: d["runs"][1]["config"].update(depth=99), "depth"),
        (lambda d: d["runs"][1]["config"].update(seed=5), "seed differs"),
        (lambda d: d["runs"].__setitem__(1, d["runs"][0]), "twice"),
        (lambda d: d["runs"][0]["network"][0]["weight"].update(data="AAAA"), "base64"),
        (lambda d: d["runs"][0].update(epoch=-1), "epoch"),
        (lambda d: d["runs"][0]["config"].update(activation="__import__('os')"), "unknown"),
    ],
)
def test_a_tampered_store_is_refused_with_a_reason(stored, change, words):
    with pytest.raises(StoreError, match=words):
        runs_from_store(tampered(stored, change))


@pytest.mark.parametrize("data", [None, [], "runs", {"runs": None}, {"runs": [1]}, {"runs": [{}]}])
def test_garbage_is_refused_too(data):
    with pytest.raises(StoreError):
        runs_from_store(data)


# --- the training callback, called directly ---------------------------------------------------


def controls(**changes: Any) -> dict[str, Any]:
    values = {
        "fn": ["sigmoid", "relu"],
        "dataset": "circles",
        "points": 200,
        "noise": 0.1,
        "depth": 4,
        "width": 16,
        "init": "recommended",
        "sigma": 1.0,
        "optimiser": "sgd",
        "lr": 0.5,
        "batch": "full",
        "seed": 0,
        "epochs": 300,
    }
    return values | changes


def test_start_trains_one_chunk_and_asks_for_the_next(stored):
    store = runs_to_store(new_runs(TrainingQuery()))
    out = training_step([Ids.START], controls(), 7, store, True)
    assert out["stopped"] is False and out["max_intervals"] == 8
    assert out["start_disabled"] is True and out["pause_disabled"] is False
    assert [r.epoch for r in runs_from_store(out["store"])] == [30, 30]
    assert out["counter"] == "Epoch 30 / 300"
    bar = out["progress"]
    # A native <progress>: its role and value come with it, no inline width.
    props = bar.to_plotly_json()["props"]
    assert type(bar).__name__ == "Progress" and (bar.value, bar.max) == ("30", "300")
    assert props["aria-valuetext"] == "Epoch 30 / 300" and "style" not in props

    tick = training_step([Ids.INTERVAL], controls(), 8, out["store"], False)
    assert tick["max_intervals"] == 9
    # Only Start switches training on: a tick's answer that lands after Pause must not.
    for name in ("stopped", "start_disabled", "pause_disabled", "status"):
        assert tick[name] is page.no_update
    assert [r.epoch for r in runs_from_store(tick["store"])] == [60, 60]


def test_a_tick_after_pause_is_ignored_and_pause_stops():
    store = runs_to_store(new_runs(TrainingQuery()))
    with pytest.raises(PreventUpdate):
        training_step([Ids.INTERVAL], controls(), 3, store, True)
    out = training_step([Ids.PAUSE], controls(), 3, store, False)
    assert out["stopped"] is True and out["store"] is page.no_update
    assert "Paused" in text_of(out["status"])


def test_reaching_the_target_stops_training():
    store = runs_to_store(advance(new_runs(TrainingQuery(epochs=30)), 30))
    out = training_step([Ids.INTERVAL], controls(epochs=40), 1, store, False)
    assert [r.epoch for r in runs_from_store(out["store"])] == [40, 40]
    assert out["stopped"] is True and out["max_intervals"] is page.no_update
    assert "target" in text_of(out["status"])
    again = training_step([Ids.START], controls(epochs=40), 1, out["store"], True)
    assert again["stopped"] is True and again["store"] is page.no_update


def test_a_changed_setting_or_reset_starts_again_from_epoch_zero(stored):
    for trigger, values in ((Ids.RESET, controls()), (Ids.TRAIN_DEPTH, controls(depth=2))):
        out = training_step([trigger], values, 0, stored, False)
        runs = runs_from_store(out["store"])
        assert [r.epoch for r in runs] == [0, 0]
        assert out["stopped"] is True and out["counter"] == "Epoch 0 / 300"
    assert runs[0].config.depth == 2


def test_a_new_epochs_target_redraws_without_training(stored):
    out = training_step([Ids.TRAIN_EPOCHS], controls(depth=2, width=4, epochs=600), 0, stored, True)
    assert out["store"] is page.no_update
    assert out["counter"] == "Epoch 30 / 600"
    assert out["loss"]["layout"]["xaxis"]["range"] == [0, 600]


@pytest.mark.parametrize("trigger", [Ids.START, Ids.INTERVAL, Ids.TRAIN_EPOCHS])
def test_a_tampered_store_stops_training_with_a_message(stored, trigger):
    bad = tampered(stored, lambda d: d["runs"][0]["network"][0].update(weight="x"))
    out = training_step([trigger], controls(depth=2, width=4), 0, bad, False, "ja")
    assert out["stopped"] is True
    assert out["store"] is page.no_update
    text = text_of(out["status"])
    assert translator("ja")("gradients.train.bad_store") in text
    assert "network[0].weight" in text


def test_invalid_controls_stop_training_and_say_why():
    out = training_step([Ids.TRAIN_LR], controls(lr=None), 0, None, False)
    assert out["stopped"] is True and out["store"] is page.no_update
    assert "learning rate (lr): enter a number" in text_of(out["status"])
    # σ only counts with the normal initialisation.
    ok = training_step([Ids.TRAIN_SIGMA], controls(sigma=None), 0, None, False)
    assert ok["store"] is not page.no_update and ok["sigma_hidden"] is True


def test_the_same_seed_gives_the_same_run():
    store = runs_to_store(new_runs(TrainingQuery()))
    first = training_step([Ids.START], controls(), 0, store, True)
    second = training_step([Ids.START], controls(), 0, store, True)
    assert first["store"] == second["store"]
    other = training_step([Ids.START], controls(seed=1), 0, store, True)
    assert other["store"] != first["store"]  # Start with new settings trains new runs


def test_the_network_view_redraws_only_the_part_whose_depth_changed():
    args = dict(functions=["sigmoid", "relu"], bound_depth=20, depth=5, width=32)
    args |= dict(init="xavier", sigma=1.0, seed=0)
    bound_only = page.network_view(Ids.BOUND_DEPTH, **args)
    assert len(bound_only["bound_figure"]["data"][0]["x"]) == 20
    assert bound_only["norms_figure"] is page.no_update
    norms_only = page.network_view(Ids.DEPTH, **args)
    assert len(norms_only["norms_figure"]["data"][0]["x"]) == 5
    assert norms_only["bound_figure"] is page.no_update
    assert norms_only["norms_href"].startswith("/export/gradients.csv?fn=sigmoid,relu&depth=5")
    bad = page.network_view(Ids.WIDTH, **(args | {"width": 100}))
    assert bad["bound_figure"] is page.no_update and bad["norms_figure"] is page.no_update
    assert "width (width): must be a whole number from 4 to 64" in text_of(bad["notice"])
    assert text_of(bad["notice"]).count("width (width)") == 1


def test_the_network_view_draws_in_the_visitors_display():
    args = dict(functions=["sigmoid", "relu"], bound_depth=5, depth=5, width=32)
    args |= dict(init="xavier", sigma=1.0, seed=0)
    out = page.network_view(
        frame_ids.DISPLAY_STORE, **args, display={"theme": "dark", "large": True}
    )
    for figure in (out["bound_figure"], out["norms_figure"]):
        assert figure["layout"]["plot_bgcolor"] == theme.PLOT_BACKGROUND["dark"]
        assert figure["data"][0]["line"]["color"] == theme.DARK_PALETTE[0]
        assert figure["layout"]["font"]["size"] == 13 * theme.LARGE_FONT_SCALE
    light = page.network_view(Ids.WIDTH, **args)
    assert light["bound_figure"]["layout"]["plot_bgcolor"] == "#ffffff"


def test_a_display_change_restyles_the_training_charts_and_leaves_training_alone(stored):
    out = training_step(
        [frame_ids.DISPLAY_STORE], controls(depth=2, width=4), 5, stored, False, "en", DARK
    )
    for name in ("loss", "norms", "boundary"):
        assert out[name]["layout"]["plot_bgcolor"] == theme.PLOT_BACKGROUND["dark"]
    untouched = set(page.TRAIN_OUTPUTS) - {"loss", "norms", "boundary"}
    assert all(out[name] is page.no_update for name in untouched)
    # The page's first call: nothing to do in the display it was built in...
    with pytest.raises(PreventUpdate):
        training_step([], controls(), 0, stored, True, "en", {"theme": "light", "large": False})
    # ... the charts in another one.
    first = training_step([], controls(depth=2, width=4), 0, stored, True, "en", DARK)
    assert first["boundary"]["layout"]["plot_bgcolor"] == theme.PLOT_BACKGROUND["dark"]
    # Invalid controls or a broken store: the charts wait (the other paths explain).
    with pytest.raises(PreventUpdate):
        training_step([frame_ids.DISPLAY_STORE], controls(lr=None), 0, stored, True, "en", DARK)
    with pytest.raises(PreventUpdate):
        training_step([frame_ids.DISPLAY_STORE], controls(), 0, {"runs": 1}, True, "en", DARK)


def test_the_strings_native_controls_send_are_read_like_numbers():
    # A <select> gives strings, and so does an <input type=range> through dcc.Input.
    args = dict(functions=["sigmoid", "relu"], bound_depth="20", depth="5", width=32)
    args |= dict(init="normal", sigma=1.0, seed=0)
    out = page.network_view(Ids.BOUND_DEPTH, **args)
    assert out["notice"] is None
    assert len(out["bound_figure"]["data"][0]["x"]) == 20
    assert "&init=normal&sigma=1&" in out["bound_href"]
    strings = controls(depth="2", batch="32", dataset="moons", optimiser="adam", init="he")
    trained = training_step([Ids.TRAIN_DEPTH], strings, 0, None, False)
    run = runs_from_store(trained["store"])[0]
    assert (run.config.depth, run.config.batch_size, run.config.optimiser) == (2, 32, "adam")
    assert run.config.dataset == "moons" and run.config.init == "he"
    values = page.control_values(page.GradientsView())
    assert "bdepth=33&" in page.address_query({**values, "bdepth": "33"}, "en")


def test_a_select_value_that_is_no_option_is_explained():
    out = page.network_view(Ids.INIT, ["relu"], 10, 8, 32, "glorot", 1.0, 0)
    assert out["bound_figure"] is page.no_update
    assert "initialisation (init): 'glorot' is not one of" in text_of(out["notice"])
    none = training_step([Ids.TRAIN_BATCH], controls(batch=None), 0, None, False)
    assert none["stopped"] is True and "batch (batch)" in text_of(none["status"])


def _components(node: Any):
    if isinstance(node, list | tuple):
        for child in node:
            yield from _components(child)
        return
    if node is None or isinstance(node, str | int | float):
        return
    yield node
    yield from _components(getattr(node, "children", None))


def test_every_control_is_a_native_labelled_element():
    main = page.create_gradients_page(EN, "en")
    found = list(_components(main))
    kinds = {type(c).__name__ for c in found}
    assert not kinds & {"Dropdown", "Slider", "RangeSlider", "RadioItems"}
    by_id = {getattr(c, "id", None): c for c in found}
    for function_list in (Ids.FUNCTIONS, Ids.TRAIN_FUNCTIONS):
        assert type(by_id[function_list]).__name__ == "Checklist"
        assert len(by_id[function_list].options) == len(activations.names())
    selects = (Ids.INIT, Ids.TRAIN_INIT, Ids.TRAIN_DATASET, Ids.TRAIN_OPTIMISER, Ids.TRAIN_BATCH)
    for select_id in selects:
        assert type(by_id[select_id]).__name__ == "Select"
        assert all(isinstance(o["value"], str) for o in by_id[select_id].options)
    labelled = {c.htmlFor for c in found if type(c).__name__ == "Label"}
    for range_id, value_id in page.RANGE_VALUES.items():
        assert by_id[range_id].type == "range" and range_id in labelled
        assert by_id[value_id].children == str(by_id[range_id].value)
    assert labelled >= set(selects)
    legends = [text_of(c) for c in found if type(c).__name__ == "Legend"]
    assert legends.count(EN("gradients.functions.label")) == 2


# --- the page ------------------------------------------------------------------------------


def test_the_page_builds_in_both_languages():
    for lang in ("en", "ja"):
        main = page.create_gradients_page(translator(lang), lang)
        assert translator(lang)("gradients.bound.lesson") in text_of(main)


def test_the_page_is_in_the_navigation_after_the_explorer():
    assert page.PAGE.path == "/gradients" and page.PAGE.order == 10
    assert EN(page.PAGE.nav_key) == "Vanishing gradients"
    assert translator("ja")(page.PAGE.nav_key) == "勾配消失"


def test_a_store_with_the_state_of_one_run_is_enough():
    runs = new_runs(TrainingQuery(functions=("relu",)))
    assert runs_from_store({"runs": [state_to_json(runs[0])]})[0].config.init == "he"


# --- the page's address: one validator -------------------------------------------------


def test_the_default_view_reads_back_from_its_own_address():
    view = lab.GradientsView()
    query = view.to_query()
    assert query == (
        "fn=sigmoid,relu&bdepth=10&gdepth=8&width=32&init=xavier&seed=0"
        "&tfn=sigmoid,relu&dataset=circles&points=200&noise=0.1&tdepth=4&twidth=16"
        "&tinit=recommended&optimiser=sgd&lr=0.5&batch=full&tseed=0&epochs=300&lang=en"
    )
    parsed, problems = lab.parse_gradients_query(
        {k: [v] for k, v in (p.split("=") for p in query.split("&"))}
    )
    assert problems == () and parsed == view


def test_an_empty_address_is_the_default_view_in_the_page_language():
    view, problems = lab.parse_gradients_query({}, default_lang="ja")
    assert problems == ()
    assert view == lab.GradientsView(
        bound=lab.NetworkQuery(depth=10, lang="ja"),
        norms=lab.NetworkQuery(depth=8, lang="ja"),
        training=lab.TrainingQuery(lang="ja"),
        lang="ja",
    )


def test_the_sections_keep_their_own_keys():
    view, problems = lab.parse_gradients_query(
        {
            "fn": ["tanh"],
            "bdepth": ["50"],
            "gdepth": ["30"],
            "init": ["normal"],
            "sigma": ["2"],
            "tfn": ["relu,elu,gelu"],
            "tdepth": ["6"],
            "twidth": ["2"],
            "tinit": ["normal"],
            "tsigma": ["0.3"],
            "tseed": ["4294967295"],
            "batch": ["128"],
            "epochs": ["2000"],
        }
    )
    assert problems == ()
    assert view.bound.depth == 50 and view.norms.depth == 30
    assert view.bound.functions == view.norms.functions == ("tanh",)
    assert view.norms.init == "normal" and view.norms.sigma == 2.0
    assert view.training.functions == ("relu", "elu", "gelu")
    assert (view.training.depth, view.training.width) == (6, 2)
    assert (view.training.init, view.training.sigma) == ("normal", 0.3)
    assert view.training.seed == 2**32 - 1
    assert view.training.batch_size == 128 and view.training.epochs == 2000
    assert "&sigma=2&" in view.to_query() and "&tsigma=0.3&" in view.to_query()


@pytest.mark.parametrize(
    ("raw", "field", "key"),
    [
        ({"bdepth": ["51"]}, "bdepth", "int_range"),
        ({"gdepth": ["0"]}, "gdepth", "int_range"),
        ({"gdepth": ["2.5"]}, "gdepth", "whole"),
        ({"tdepth": ["7"]}, "tdepth", "int_range"),
        ({"width": ["abc"]}, "width", "not_number"),
        ({"twidth": ["1"]}, "twidth", "int_range"),
        ({"fn": ["nope"]}, "fn", "unknown_function"),
        ({"fn": ["relu,relu"]}, "fn", "listed_twice"),
        ({"fn": [","]}, "fn", "no_function"),
        ({"tfn": ["relu,tanh,elu,gelu"]}, "tfn", "too_many"),
        ({"init": ["lecun"]}, "init", "choice"),
        ({"tinit": ["zero"]}, "tinit", "choice"),
        ({"sigma": ["9"]}, "sigma", "range"),
        ({"tsigma": ["nan"]}, "tsigma", "not_number"),
        ({"seed": ["-1"]}, "seed", "int_range"),
        ({"tseed": [""]}, "tseed", "empty"),
        ({"dataset": ["iris"]}, "dataset", "choice"),
        ({"points": ["10"]}, "points", "int_range"),
        ({"noise": ["0.6"]}, "noise", "range"),
        ({"optimiser": ["rmsprop"]}, "optimiser", "choice"),
        ({"lr": ["2"]}, "lr", "range"),
        ({"batch": ["50"]}, "batch", "choice"),
        ({"batch": ["128"], "points": ["100"]}, "batch", "batch_points"),
        ({"epochs": ["0"]}, "epochs", "int_range"),
        ({"depth": ["3"]}, "depth", "unknown_key"),
        ({"gdepth": ["3", "4"]}, "gdepth", "repeated"),
        ({"lang": ["fr"]}, "lang", "language"),
        ({"fn": ["x" * 2_001]}, "query", "too_long"),
    ],
)
def test_every_invalid_address_value_is_named_and_repaired(raw, field, key):
    view, problems = lab.parse_gradients_query(raw, default_lang="ja")
    assert [(p.field, p.key) for p in problems] == [(field, key)]
    defaults = lab.GradientsView(
        bound=lab.NetworkQuery(depth=10, lang="ja"),
        norms=lab.NetworkQuery(depth=8, lang="ja"),
        training=lab.TrainingQuery(lang="ja"),
        lang="ja",
    )
    if field == "batch" and key == "batch_points":
        assert view.training.batch_size is None and view.training.points == 100
    else:
        assert view == defaults  # the default stands in for the invalid value
    for lang in ("en", "ja"):
        assert problems[0].text(lang)  # every field and problem has its words


# --- the training CSVs for the norms and boundary charts and the data --------------------


def test_training_gradients_csv_has_a_column_per_layer_and_nan_after_divergence():
    query = TrainingQuery(functions=("relu",), depth=2, epochs=5)
    (run,) = lab.trained_runs(query)
    header, *data = rows(lab.training_gradients_csv([run], 7))
    assert header == ["epoch", "relu_layer1", "relu_layer2", "relu_output"]
    assert [row[0] for row in data] == [str(e) for e in range(7)]
    history = np.asarray(run.grad_norm_history)
    assert [[float(v) for v in row[1:]] for row in data[:5]] == history.tolist()
    assert data[5][1:] == ["nan", "nan", "nan"]


def test_decision_boundary_csv_is_the_grid_row_by_row():
    query = TrainingQuery(functions=("sigmoid", "relu"), depth=2, epochs=3)
    runs = lab.trained_runs(query)
    grids = lab.decision_grids(runs)
    header, *data = rows(lab.decision_boundary_csv(runs, grids))
    assert header == ["x1", "x2", "sigmoid", "relu"]
    xs, ys = np.asarray(grids[0].xs), np.asarray(grids[0].ys)
    assert len(data) == len(xs) * len(ys) == grid_points(query.configs()) ** 2
    i, j = 3, 5
    row = data[i * len(xs) + j]
    assert [float(v) for v in row] == [
        xs[j],
        ys[i],
        grids[0].probability[i, j],
        grids[1].probability[i, j],
    ]


def test_training_data_csv_is_the_data_set():
    from networks.datasets import make_dataset

    data = make_dataset("xor", 20, 0.2, 7)
    header, *body = rows(lab.training_data_csv(data))
    assert header == ["x1", "x2", "label"]
    assert [[float(a), float(b)] for a, b, _ in body] == data.x.tolist()
    assert [int(c) for *_, c in body] == data.y.astype(int).tolist()


def test_the_data_query_reads_only_the_data_keys():
    query, problems = lab.parse_data_query(
        raw({"dataset": "moons", "points": "50", "noise": "0.25", "seed": "3", "lang": "ja"})
    )
    assert problems == ()
    assert (query.dataset, query.points, query.noise, query.seed, query.lang) == (
        "moons",
        50,
        0.25,
        3,
        "ja",
    )
    assert lab.parse_data_query(raw({}))[0].data_query() == (
        "dataset=circles&points=200&noise=0.1&seed=0&lang=en"
    )
    assert lab.parse_data_query(raw({"dataset": "moons", "seed": "3"}))[0].data_query() == (
        "dataset=moons&points=200&noise=0.1&seed=3&lang=en"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"dataset": "blobs"}, ("dataset", "choice")),
        ({"points": "9999"}, ("points", "int_range")),
        ({"noise": "-1"}, ("noise", "range")),
        ({"seed": "x"}, ("seed", "not_number")),
        ({"depth": "3"}, ("depth", "unknown_key")),
        ({"epochs": "10"}, ("epochs", "unknown_key")),
        ({"lang": "fr"}, ("lang", "language")),
    ],
)
def test_the_data_query_names_every_invalid_key(query, expected):
    _, problems = lab.parse_data_query(raw(query))
    assert keys(problems) == [expected]


# --- text alternatives: each chart in words and as a table --------------------------------


def test_the_bound_in_words_and_a_capped_table():
    query = NetworkQuery(functions=("sigmoid", "relu"), depth=50)
    text = lab.bound_text(bound_table(query), query, EN, "en")
    assert "L = 1 to 50" in text.summary and "Sigmoid, ReLU" in text.summary
    assert "32 units wide (Xavier (Glorot), seed 0)" in text.summary
    assert text.lines == tuple(lab.bound_sentences(bound_table(query), EN, "en"))
    table = text.table
    assert table.header == (
        "L",
        "Sigmoid: bound",
        "Sigmoid: measured",
        "ReLU: bound",
        "ReLU: measured",
    )
    assert len(table.rows) == lab.TABLE_ROWS
    assert table.rows[0][0] == "1" and table.rows[-1][0] == "50"
    assert table.rows[-1][1] == f"{0.25**50:.4g}"
    assert "21 of 50 rows" in table.caption and "CSV" in table.caption
    short = lab.bound_text(bound_table(NetworkQuery(depth=10)), NetworkQuery(), EN, "en").table
    assert len(short.rows) == 10 and "all 10 rows" in short.caption


def test_the_gradient_norms_in_words_name_the_first_and_last_layer():
    query = NetworkQuery(functions=("sigmoid", "relu"), depth=8)
    table = gradient_table(query)
    text = lab.norms_text(table, query, EN, "en")
    first, last = (
        lab.fmt(float(table.norms["sigmoid"][0])),
        lab.fmt(float(table.norms["sigmoid"][-1])),
    )
    assert f"Sigmoid (Xavier): {first} at layer 1, {last} at layer 8." in text.summary
    assert text.lines == tuple(ratio_sentences(table, EN, "en"))
    assert text.table.header == ("Layer l", "Sigmoid (Xavier)", "ReLU (Xavier)")
    assert [row[0] for row in text.table.rows] == [str(i) for i in range(1, 9)]


def test_the_training_charts_in_words_before_and_after_training():
    query = TrainingQuery(functions=("sigmoid", "relu"), depth=2, width=4, epochs=300)
    start = training_view(new_runs(query), 300, EN, "en")
    assert "empty until training starts" in start.loss_text.summary
    assert (
        start.loss_text.table.rows == () and "nothing trained yet" in start.loss_text.table.caption
    )
    assert start.loss_text.lines == start.norms_text.lines == start.boundary_text.lines == ()
    runs = advance(new_runs(query), 60)
    while not all_done(runs, 300):
        runs = advance(runs, 300)
    view = training_view(runs, 300, EN, "en")
    loss = view.loss_text
    assert "from epoch 0 to 299 (target 300)" in loss.summary
    assert loss.table.header == ("Epoch", "Sigmoid", "ReLU")
    assert loss.table.rows[-1] == (
        "299",
        f"{runs[0].loss_history[299]:.4g}",
        f"{runs[1].loss_history[299]:.4g}",
    )
    assert len(loss.table.rows) == lab.TABLE_ROWS and "21 of 300 rows" in loss.table.caption
    norms = view.norms_text
    assert len(norms.table.header) == 1 + 2 * 3  # epoch, then two hidden layers and the output
    assert norms.table.header[1:4] == (
        "Sigmoid: layer 1",
        "Sigmoid: layer 2",
        "Sigmoid: output layer",
    )
    assert norms.lines[0].startswith("Sigmoid: at epoch 0, ") and "at epoch 299" in norms.lines[0]
    boundary = view.boundary_text
    assert "200 training points of the Circles data set" in boundary.summary
    assert [row[0] for row in boundary.table.rows] == ["Sigmoid", "ReLU"]
    accuracy = 100 * runs[1].accuracy_history[-1]
    assert boundary.table.rows[1][1:] == (
        "300",
        f"{runs[1].loss_history[-1]:.4g}",
        f"{accuracy:.1f}",
    )
    assert f"{accuracy:.0f} % of the points on the right side after 300 epochs" in boundary.lines[1]


def test_the_text_alternatives_read_in_japanese_too():
    ja = translator("ja")
    query = NetworkQuery(functions=("sigmoid", "relu"), depth=30)
    text = lab.bound_text(bound_table(query), query, ja, "ja")
    assert "L = 1〜30 層" in text.summary and "シグモイド関数、ReLU" in text.summary
    assert "30 行から等間隔に 21 行" in text.table.caption
    view = training_view(new_runs(TrainingQuery()), 300, ja, "ja")
    assert "まだ学習していません" in view.loss_text.table.caption
    assert "「同心円」データセット" in view.boundary_text.summary


def _figures(main: Any) -> list[Any]:
    return [c for c in _components(main) if type(c).__name__ == "Figure"]


def test_every_chart_is_a_figure_described_by_its_summary_with_a_table():
    main = page.create_gradients_page(EN, "en")
    by_id = {getattr(c, "id", None): c for c in _components(main)}
    figures = _figures(main)
    graphs = [[g for g in _components(f) if type(g).__name__ == "Graph"] for f in figures]
    assert sorted(g[0].id for g in graphs) == sorted(
        [
            Ids.BOUND_GRAPH,
            Ids.NORMS_GRAPH,
            Ids.LOSS_GRAPH,
            Ids.TRAIN_NORMS_GRAPH,
            Ids.BOUNDARY_GRAPH,
        ]
    )
    for figure in figures:
        described = figure.to_plotly_json()["props"]["aria-describedby"]
        assert type(by_id[described]).__name__ == "Figcaption"
        assert text_of(by_id[described])
        (details,) = [c for c in _components(figure) if type(c).__name__ == "Details"]
        (table,) = [c for c in _components(details) if type(c).__name__ == "Table"]
        parts = list(_components(table))
        assert any(type(c).__name__ == "Caption" for c in parts)
        headers = [c for c in parts if type(c).__name__ == "Th"]
        assert headers and all(c.scope in ("col", "row") for c in headers)
    # The slow parts show a spinner after a while; training has its progress bar.
    loading = [c for c in _components(main) if type(c).__name__ == "Loading"]
    assert {c.children.id for c in loading} == {Ids.BOUND_GRAPH, Ids.NORMS_GRAPH}
    assert all(c.delay_show == 300 for c in loading)


def test_the_callbacks_keep_the_words_and_tables_in_step_with_the_charts(stored):
    args = dict(functions=["sigmoid", "relu"], bound_depth=12, depth=5, width=32)
    args |= dict(init="xavier", sigma=1.0, seed=0)
    out = page.network_view(Ids.WIDTH, **args)
    assert "L = 1 to 12" in text_of(out["bound_text"])
    assert "all 12 rows" in text_of(out["bound_table"])
    assert "at layer 5" in text_of(out["ratios"]) and "all 5 rows" in text_of(out["norms_table"])
    trained = training_step(
        [Ids.TRAIN_EPOCHS], controls(depth=2, width=4, epochs=600), 0, stored, True
    )
    assert "target 600" in text_of(trained["loss_summary"])
    for name in ("loss_table", "norms_table", "boundary_table"):
        assert text_of(trained[name])
