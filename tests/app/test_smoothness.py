"""The kink lab through HTTP: its callbacks, as the renderer calls them, and its CSV routes."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import mpmath
import numpy as np
import pytest
from dash import no_update

import activations
from components import ids as frame_ids
from components import theme
from components.i18n import translator
from components.pages import smoothness as page
from components.smoothness_lab import (
    BETA_STEPS,
    FAN_SLOPES,
    GAIN_STEPS,
    TrainingSettings,
    distance_table,
    kink_runs,
)
from networks import measured_sup_distance, sup_distance_softplus_relu
from tests.app.conftest import decode


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def _outputs(spec: str) -> list[dict[str, str]] | dict[str, str]:
    """``..a.b...c.d..`` as the renderer's list of outputs, ``a.b`` as its single output."""
    parts = spec.strip(".").split("...") if spec.startswith("..") else [spec]
    outputs = [dict(zip(("id", "property"), part.rsplit(".", 1), strict=True)) for part in parts]
    return outputs if spec.startswith("..") else outputs[0]


def post_callback(client, output: str, lang: str = "en", **values: Any) -> dict[str, Any]:
    """POST the callback whose outputs include ``output`` (``id.prop``); ``values`` by input id.

    Returns ``{output id.prop: value}`` from the response.
    """
    values.setdefault(frame_ids.DISPLAY_STORE, None)  # the light theme, as on a first visit
    dependencies = client.get("/_dash-dependencies").get_json()
    (callback,) = [c for c in dependencies if output in c["output"]]
    inputs = [
        {"id": dep["id"], "property": dep["property"], "value": values[dep["id"]]}
        for dep in callback["inputs"]
    ]
    body = {
        "output": callback["output"],
        "outputs": _outputs(callback["output"]),
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": [{"id": frame_ids.LANG_STORE, "property": "data", "value": lang}],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:500]
    if response.status_code == 204:
        return {}
    answer = response.get_json()["response"]
    return {f"{i}.{p}": v for i, props in answer.items() for p, v in props.items()}


def trace(figure: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [t for t in figure["data"] if t["name"] == name]
    return found


# --- callbacks ---------------------------------------------------------------------------


def test_moving_beta_redraws_the_morph_and_the_distance(client):
    out = post_callback(client, f"{page.MORPH_GRAPH}.figure", **{page.BETA: BETA_STEPS.index(10.0)})
    figure = out[f"{page.MORPH_GRAPH}.figure"]
    softplus = decode(trace(figure, "Softplus")["y"])
    relu = decode(trace(figure, "ReLU")["y"])
    assert np.max(softplus - relu) == pytest.approx(math.log(2) / 10, rel=1e-12)
    assert out[f"{page.BETA_VALUE}.children"] == "β = 10"
    assert "ln 2 / β = 0.0693147" in out[f"{page.DISTANCE_TEXT}.children"]
    assert out[f"{page.MORPH_DOWNLOAD}.href"] == (
        "/export/softplus-morph.csv?beta=10&xmin=-3&xmax=3&n=601&lang=en"
    )
    assert out[f"{page.DISTANCE_DOWNLOAD}.href"] == "/export/softplus-distance.csv?beta=10&lang=en"
    current = trace(out[f"{page.DISTANCE_GRAPH}.figure"], "β = 10")
    assert current["x"] == [10.0]
    # The camera button's PNG is named like the CSV; nothing is sent to Plotly's cloud.
    config = out[f"{page.MORPH_GRAPH}.config"]
    assert config["toImageButtonOptions"]["filename"] == "softplus-morph_beta-10_-3_3"
    assert "sendChartToCloud" in config["modeBarButtonsToRemove"]
    distance = out[f"{page.DISTANCE_GRAPH}.config"]["toImageButtonOptions"]["filename"]
    assert distance == "softplus-distance_beta-10"


def cells(table: dict[str, Any]) -> list[list[str]]:
    """The text of every row of a table as the renderer receives it (JSON)."""
    _caption, head, body = table["props"]["children"]
    rows = [head["props"]["children"]] + body["props"]["children"]
    return [[cell["props"]["children"] for cell in row["props"]["children"]] for row in rows]


def test_each_chart_gets_a_summary_and_a_table_of_its_numbers(client):
    out = post_callback(client, f"{page.MORPH_GRAPH}.figure", **{page.BETA: BETA_STEPS.index(10.0)})
    summary = out[f"{page.summary_id(page.MORPH_GRAPH)}.children"]
    assert summary.startswith("The graph shows Softplus, ReLU for x from -3 to 3 (601 points).")
    assert summary.endswith("largest at x = 0: ln 2 / β = 0.0693147.")
    table = out[f"{page.table_id(page.MORPH_GRAPH)}.children"]
    assert table["props"]["children"][0]["props"]["children"].startswith("The plotted values at 11")
    rows = cells(table)
    assert rows[0] == ["x", "Softplus: f(x)", "ReLU: f(x)", "Softplus: f′(x)", "ReLU: f′(x)"]
    assert rows[6][:3] == ["0", "0.0693147", "0"]  # the gap, at x = 0

    distance = out[f"{page.summary_id(page.DISTANCE_GRAPH)}.children"]
    assert "current β = 10, where the gap is 0.0693147" in distance
    rows = cells(out[f"{page.table_id(page.DISTANCE_GRAPH)}.children"])
    assert len(rows) == 1 + len(BETA_STEPS)
    assert rows[0] == ["β", "ln 2 / β (formula)", "measured"]

    values = {page.DATASET: "circles", page.SEED_INPUT: 0, page.LEARNING_RATE_INPUT: 0.3}
    out = post_callback(client, f"{page.LOSS_GRAPH}.figure", lang="ja", **values)
    runs = kink_runs(TrainingSettings())
    summary = out[f"{page.summary_id(page.LOSS_GRAPH)}.children"]
    labels = [activations.get(run.name).label("ja") for run in runs]
    finals = "、".join(
        f"{label}：{run.losses[-1]:.3f}" for label, run in zip(labels, runs, strict=True)
    )
    assert f"最後の損失は {finals} です。" in summary
    rows = cells(out[f"{page.table_id(page.LOSS_GRAPH)}.children"])
    assert rows[0] == ["エポック", *labels]
    assert [row[0] for row in rows[1:]] == [str(e) for e in range(0, 151, 15)]
    assert rows[-1][1] == f"{runs[0].losses[150]:.4f}"


def test_moving_a_redraws_only_the_sigmoid(client):
    out = post_callback(
        client, f"{page.SIGMOID_GRAPH}.figure", lang="ja", **{page.GAIN: GAIN_STEPS.index(40.0)}
    )
    assert set(out) == {
        f"{page.SIGMOID_GRAPH}.figure",
        f"{page.summary_id(page.SIGMOID_GRAPH)}.children",
        f"{page.table_id(page.SIGMOID_GRAPH)}.children",
        f"{page.GAIN_VALUE}.children",
        f"{page.SIGMOID_TEXT}.children",
        f"{page.SIGMOID_DOWNLOAD}.href",
        f"{page.SIGMOID_GRAPH}.config",
    }
    summary = out[f"{page.summary_id(page.SIGMOID_GRAPH)}.children"]
    assert "シグモイド" in summary and "|f′| の最大 = 10（x = 0）" in summary
    assert out[f"{page.SIGMOID_DOWNLOAD}.href"] == (
        "/export/sigmoid-morph.csv?a=40&xmin=-3&xmax=3&n=601&lang=ja"
    )
    assert out[f"{page.GAIN_VALUE}.children"] == "a = 40"
    assert out[f"{page.SIGMOID_TEXT}.children"].startswith("a = 40：f′ の山の高さは a/4 = 10")


@pytest.mark.parametrize("position", ["7", 7, 7.0])
def test_a_slider_position_counts_whether_sent_as_a_number_or_as_text(client, position):
    out = post_callback(client, f"{page.MORPH_GRAPH}.figure", **{page.BETA: position})
    assert out[f"{page.BETA_VALUE}.children"] == f"β = {BETA_STEPS[7]:g}"


@pytest.mark.parametrize("position", ["7.5", "x", "", None, -1, 99, [3]])
def test_a_position_that_is_not_one_changes_nothing(client, position):
    assert post_callback(client, f"{page.MORPH_GRAPH}.figure", **{page.BETA: position}) == {}


def test_the_training_callback_returns_the_three_curves_and_the_table(client):
    values = {page.DATASET: "xor", page.SEED_INPUT: 2, page.LEARNING_RATE_INPUT: 0.2}
    out = post_callback(client, f"{page.LOSS_GRAPH}.figure", **values)
    figure = out[f"{page.LOSS_GRAPH}.figure"]
    assert [t["name"] for t in figure["data"]] == ["ReLU", "Softplus", "Sigmoid"]
    runs = kink_runs(TrainingSettings("xor", 2, 0.2))
    for t, run in zip(figure["data"], runs, strict=True):
        np.testing.assert_array_equal(decode(t["y"]), run.losses)
    assert out[f"{page.TRAIN_DOWNLOAD}.href"] == (
        "/export/kink-training.csv?dataset=xor&lang=en&lr=0.2&seed=2"
    )
    png = out[f"{page.LOSS_GRAPH}.config"]["toImageButtonOptions"]["filename"]
    assert png == "kink-training_xor_seed-2_lr-0.2"
    assert out[f"{page.TRAIN_NOTICE}.children"] is None
    table = str(out[f"{page.RESULTS}.children"])
    assert "Dead units" in table and "of 32" in table
    # The same request again gives the same numbers.
    again = post_callback(client, f"{page.LOSS_GRAPH}.figure", **values)
    assert again[f"{page.LOSS_GRAPH}.figure"] == figure


def test_a_bad_training_value_keeps_the_last_curves_and_says_why(client):
    values = {page.DATASET: "xor", page.SEED_INPUT: None, page.LEARNING_RATE_INPUT: 7}
    out = post_callback(client, f"{page.LOSS_GRAPH}.figure", **values)
    assert set(out) == {f"{page.TRAIN_NOTICE}.children"}  # nothing else changes
    notice = str(out[f"{page.TRAIN_NOTICE}.children"])
    assert "Not updated" in notice and "seed (seed): enter a number" in notice
    assert "learning rate (lr): must be between 0.0001 and 1" in notice
    assert "using" not in notice  # nothing was repaired


def test_opening_a_link_sets_every_control_and_reports_repairs(client):
    out = post_callback(
        client, f"{page.BETA}.value", **{page.URL: "?beta=3.3&a=100&dataset=moons&seed=3&lr=x"}
    )
    assert out[f"{page.BETA}.value"] == BETA_STEPS.index(3.0)
    assert out[f"{page.GAIN}.value"] == GAIN_STEPS.index(100.0)
    assert out[f"{page.DATASET}.value"] == "moons"
    assert out[f"{page.SEED_INPUT}.value"] == 3
    assert out[f"{page.LEARNING_RATE_INPUT}.value"] == 0.3
    notice = str(out[f"{page.NOTICE}.children"])
    assert "β (beta): must be one of the slider's values, from 0.5 to 50; using 3" in notice
    assert "learning rate (lr): 'x' is not a number; using 0.3" in notice


DARK = {"theme": "dark", "large": False}


@pytest.mark.parametrize(
    ("output", "values"),
    [
        (f"{page.MORPH_GRAPH}.figure", {page.BETA: 3}),
        (f"{page.DISTANCE_GRAPH}.figure", {page.BETA: 3}),
        (f"{page.SIGMOID_GRAPH}.figure", {page.GAIN: 10}),
        (f"{page.SUBGRADIENT_GRAPH}.figure", {}),
        (
            f"{page.LOSS_GRAPH}.figure",
            {page.DATASET: "circles", page.SEED_INPUT: 0, page.LEARNING_RATE_INPUT: 0.3},
        ),
    ],
)
def test_every_figure_follows_the_theme_and_presentation_mode(client, output, values):
    light = post_callback(client, output, **values)[output]
    dark = post_callback(client, output, **values, **{frame_ids.DISPLAY_STORE: DARK})[output]
    assert light["layout"]["plot_bgcolor"] == theme.PLOT_BACKGROUND[theme.LIGHT]
    assert dark["layout"]["plot_bgcolor"] == theme.PLOT_BACKGROUND[theme.DARK]
    assert dark["layout"]["font"]["color"] == theme.TEXT[theme.DARK]
    large = {"theme": "light", "large": True}
    big = post_callback(client, output, **values, **{frame_ids.DISPLAY_STORE: large})[output]
    assert big["layout"]["font"]["size"] == 13 * theme.LARGE_FONT_SCALE


def test_the_address_bar_follows_valid_controls_only():
    assert page.update_query(3, 10, "spiral", 9, 0.05, "ja") == (
        "beta=1&a=1&dataset=spiral&seed=9&lr=0.05&lang=ja"
    )
    assert page.update_query(3, 10, "spiral", -9, 0.05, "ja") is no_update
    assert page.update_query(99, 10, "spiral", 9, 0.05, "en") is no_update


# --- /export/softplus-morph.csv ------------------------------------------------------------


def test_the_morph_csv_has_softplus_relu_and_their_derivatives(client):
    response = client.get("/export/softplus-morph.csv?beta=4&xmin=-2&xmax=2&n=9")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="softplus-morph_beta-4_-2_2.csv"' in response.headers["Content-Disposition"]
    header, *data = rows(response)
    assert header == ["x", "softplus", "relu", "d_softplus", "d_relu"]
    assert [float(r[0]) for r in data] == np.linspace(-2, 2, 9).tolist()
    beta = mpmath.mpf(4)
    for x_text, sp, r, dsp, dr in data:
        x = mpmath.mpf(x_text)
        assert float(sp) == pytest.approx(
            float(mpmath.log1p(mpmath.exp(beta * x)) / beta), rel=1e-14
        )
        assert float(dsp) == pytest.approx(float(1 / (1 + mpmath.exp(-beta * x))), rel=1e-14)
        assert float(r) == max(float(x), 0.0)
        assert float(dr) == (1.0 if x > 0 else 0.0)  # relu′(0) = 0, as the frameworks
    assert float(data[4][1]) == pytest.approx(math.log(2) / 4, rel=1e-15)


def test_the_pages_download_link_gives_the_numbers_it_plots(client):
    out = post_callback(client, f"{page.MORPH_GRAPH}.figure", **{page.BETA: BETA_STEPS.index(2.5)})
    header, *data = rows(client.get(out[f"{page.MORPH_DOWNLOAD}.href"]))
    assert header == ["x", "softplus", "relu", "d_softplus", "d_relu"]
    figure = out[f"{page.MORPH_GRAPH}.figure"]
    columns = np.array(data, dtype=float).T
    assert len(data) == 601
    np.testing.assert_array_equal(columns[1], decode(trace(figure, "Softplus")["y"]))
    np.testing.assert_array_equal(columns[4], decode(trace(figure, "ReLU f′")["y"]))


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("beta=0", "β (beta): must be between 0.01 and 100"),
        ("beta=abc", "β (beta): 'abc' is not a number"),
        ("beta=1&beta=2", "given more than once"),
        ("xmin=3&xmax=1", "must be less than x max"),
        ("n=1", "sample points (n)"),
        ("fn=gelu", "functions (fn): unknown query parameter"),
        ("softplus.beta=2", "unknown query parameter"),
        ("a=2", "a: unknown query parameter"),
    ],
)
def test_a_bad_morph_query_gets_400_with_the_reason(client, query, reason):
    response = client.get("/export/softplus-morph.csv?" + query)
    assert response.status_code == 400 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("Invalid query:") and reason in text
    assert "using" not in text and "clamped" not in text


# --- /export/kink-training.csv ---------------------------------------------------------------


def test_the_training_csv_is_the_runs_losses_recomputed_from_the_seed(client):
    kink_runs.cache_clear()  # recomputed, not remembered
    response = client.get("/export/kink-training.csv?dataset=moons&seed=5&lr=0.1")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert 'filename="kink-training_moons_seed-5_lr-0.1.csv"' in disposition
    header, *data = rows(response)
    assert header == ["epoch", "loss_relu", "loss_softplus", "loss_sigmoid"]
    assert len(data) == 151
    kink_runs.cache_clear()
    runs = kink_runs(TrainingSettings("moons", 5, 0.1))
    for column, run in enumerate(runs, start=1):
        assert [float(r[column]) for r in data] == run.losses.tolist()
    assert client.get("/export/kink-training.csv?dataset=moons&seed=5&lr=0.1").data == response.data


def test_the_training_csv_defaults_to_the_pages_defaults(client):
    default = client.get("/export/kink-training.csv").data
    assert default == client.get("/export/kink-training.csv?dataset=circles&seed=0&lr=0.3").data


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("dataset=blobs", "data set (dataset): 'blobs' is not one of the data sets"),
        ("seed=-1", "seed (seed): must be between 0 and 4,294,967,295"),
        ("seed=1.5", "seed (seed): must be a whole number"),
        ("seed=99999999999", "seed (seed): must be between"),
        ("lr=0", "learning rate (lr): must be between 0.0001 and 1"),
        ("lr=inf", "learning rate (lr): 'inf' is not a number"),
        ("beta=2", "beta: unknown query parameter"),
        ("lr=0.1&lr=0.2", "given more than once"),
    ],
)
def test_a_bad_training_query_gets_400_with_the_reason(client, query, reason):
    response = client.get("/export/kink-training.csv?" + query)
    assert response.status_code == 400 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("Invalid query:") and reason in text
    assert "using" not in text


def test_a_bad_query_is_explained_in_japanese_when_asked(client):
    text = client.get("/export/kink-training.csv?lr=5&lang=ja").get_data(as_text=True)
    assert text == "クエリに誤りがあります:\n- 学習率 (lr): 0.0001 以上 1 以下にしてください\n"


# --- /export/softplus-distance.csv -------------------------------------------------------


def test_the_distance_csv_has_formula_and_measurement_at_every_step(client):
    response = client.get("/export/softplus-distance.csv?beta=2&lang=ja")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="softplus-distance_beta-2.csv"' in response.headers["Content-Disposition"]
    header, *data = rows(response)
    assert header == ["beta", "formula", "measured"]
    assert [float(r[0]) for r in data] == list(BETA_STEPS)
    for beta, formula, measured in data:
        assert float(formula) == sup_distance_softplus_relu(float(beta))
        assert float(measured) == measured_sup_distance(float(beta))[0]
    assert client.get("/export/softplus-distance.csv").status_code == 200


def test_the_distance_link_gives_the_points_the_chart_plots(client):
    out = post_callback(client, f"{page.MORPH_GRAPH}.figure", **{page.BETA: BETA_STEPS.index(5.0)})
    _, *data = rows(client.get(out[f"{page.DISTANCE_DOWNLOAD}.href"]))
    measured = trace(out[f"{page.DISTANCE_GRAPH}.figure"], "measured")
    assert [float(r[2]) for r in data] == list(decode(measured["y"]))
    assert [float(r[2]) for r in data] == [row.measured for row in distance_table()]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("beta=3.3", "β (beta): must be one of the slider's values, from 0.5 to 50"),
        ("beta=x", "β (beta): 'x' is not a number"),
        ("beta=1&beta=2", "given more than once"),
        ("a=2", "a: unknown query parameter"),
        ("xmin=0", "(xmin): unknown query parameter"),
    ],
)
def test_a_bad_distance_query_gets_400_with_the_reason(client, query, reason):
    response = client.get("/export/softplus-distance.csv?" + query)
    assert response.status_code == 400 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("Invalid query:") and reason in text
    assert "using" not in text


# --- /export/sigmoid-morph.csv ------------------------------------------------------------


def test_the_sigmoid_csv_has_the_sigmoid_the_step_and_their_derivatives(client):
    response = client.get("/export/sigmoid-morph.csv?a=4&xmin=-2&xmax=2&n=9")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="sigmoid-morph_a-4_-2_2.csv"' in response.headers["Content-Disposition"]
    header, *data = rows(response)
    assert header == ["x", "sigmoid", "step", "d_sigmoid", "d_step"]
    x = np.linspace(-2, 2, 9)
    columns = np.array(data, dtype=float).T
    sigmoid, step = activations.get("sigmoid"), activations.get("step")
    assert columns[0].tolist() == x.tolist()
    np.testing.assert_array_equal(columns[1], sigmoid(x, a=4.0))
    np.testing.assert_array_equal(columns[2], step(x))
    np.testing.assert_array_equal(columns[3], sigmoid.derivative(x, a=4.0))
    np.testing.assert_array_equal(columns[4], step.derivative(x))
    assert float(data[4][3]) == 1.0  # the peak a/4 at x = 0


def test_the_sigmoid_link_gives_the_numbers_it_plots(client):
    out = post_callback(
        client, f"{page.SIGMOID_GRAPH}.figure", **{page.GAIN: GAIN_STEPS.index(20.0)}
    )
    _, *data = rows(client.get(out[f"{page.SIGMOID_DOWNLOAD}.href"]))
    figure = out[f"{page.SIGMOID_GRAPH}.figure"]
    columns = np.array(data, dtype=float).T
    assert len(data) == 601
    np.testing.assert_array_equal(columns[1], decode(trace(figure, "Sigmoid")["y"]))
    np.testing.assert_array_equal(columns[3], decode(trace(figure, "Sigmoid f′")["y"]))


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("a=0", "gain a (a): must be between 0.1 and 100"),
        ("a=abc", "gain a (a): 'abc' is not a number"),
        ("a=1&a=2", "given more than once"),
        ("xmin=3&xmax=1", "must be less than x max"),
        ("n=1", "sample points (n)"),
        ("beta=2", "beta: unknown query parameter"),
        ("sigmoid.a=2", "unknown query parameter"),
    ],
)
def test_a_bad_sigmoid_query_gets_400_with_the_reason(client, query, reason):
    response = client.get("/export/sigmoid-morph.csv?" + query)
    assert response.status_code == 400 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("Invalid query:") and reason in text
    assert "using" not in text and "clamped" not in text


# --- /export/kink-subgradients.csv --------------------------------------------------------


def test_the_subgradient_csv_has_the_lines_drawn_and_the_interval(client):
    response = client.get("/export/kink-subgradients.csv?lang=ja")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="kink-subgradients.csv"' in response.headers["Content-Disposition"]
    lines, interval = response.get_data(as_text=True).split("\n\n")
    header, *data = list(csv.reader(io.StringIO(lines)))
    assert header == ["x", "relu", "slope_0", "slope_0.25", "slope_0.5", "slope_0.75", "slope_1"]
    columns = np.array(data, dtype=float).T
    np.testing.assert_array_equal(columns[1], activations.get("relu")(columns[0]))
    for g, column in zip(FAN_SLOPES, columns[2:], strict=True):
        np.testing.assert_array_equal(column, g * columns[0])
    figure = page.kink_figure("en")
    np.testing.assert_array_equal(columns[0], figure["data"][0]["x"])
    np.testing.assert_array_equal(columns[1], figure["data"][0]["y"])
    assert list(csv.reader(io.StringIO(interval))) == [
        ["x", "subgradient_low", "subgradient_high", "d_relu_framework", "d_softplus"],
        ["0.0", "0.0", "1.0", "0.0", "0.5"],
    ]


def _find(component: Any, component_id: str) -> Any:
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


def test_the_subgradient_link_carries_the_language(client):
    layout = page.create_smoothness(translator("ja"), "ja")
    link = _find(layout, page.SUBGRADIENT_DOWNLOAD)
    assert link.href == "/export/kink-subgradients.csv?lang=ja"
    assert "劣勾配" in link.children
    assert client.get(link.href).status_code == 200


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("beta=2", "beta: unknown query parameter"),
        ("lang=fr", "lang"),
        ("lang=en&lang=ja", "given more than once"),
    ],
)
def test_a_bad_subgradient_query_gets_400_with_the_reason(client, query, reason):
    response = client.get("/export/kink-subgradients.csv?" + query)
    assert response.status_code == 400 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("Invalid query:") and reason in text


@pytest.mark.parametrize(
    "rule",
    [
        page.MORPH_RULE,
        page.TRAINING_RULE,
        page.DISTANCE_RULE,
        page.SIGMOID_RULE,
        page.SUBGRADIENT_RULE,
    ],
)
def test_the_downloads_only_answer_get(client, rule):
    assert client.post(rule).status_code == 405


def test_the_page_itself_is_served(client):
    response = client.get("/smoothness?lang=ja")
    assert response.status_code == 200
    assert '<html lang="ja">' in response.get_data(as_text=True)
