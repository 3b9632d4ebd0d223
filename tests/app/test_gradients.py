"""The vanishing-gradient lab over HTTP: its CSV routes and its callbacks through Dash."""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from typing import Any

import numpy as np
import pytest

from components import gradients_lab as lab
from components import ids as frame_ids
from components.frame import route
from components.gradients_lab import TrainingQuery, new_runs, runs_from_store, runs_to_store
from components.i18n import translator
from components.pages import gradients as page
from components.pages.gradients import Ids
from components.theme import PLOT_BACKGROUND
from networks import ActivationSpec, init_gradient_norms


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def column(data: list[list[str]], index: int) -> list[float]:
    return [float(row[index]) for row in data]


# --- /export/gradients.csv --------------------------------------------------------------


def test_the_issue_example_gives_the_per_layer_norms_at_full_precision(client):
    response = client.get(
        "/export/gradients.csv?fn=sigmoid,relu&depth=8&width=32&init=xavier&seed=0"
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="gradients.csv"' in response.headers["Content-Disposition"]
    header, *data = rows(response)
    assert header == ["layer", "sigmoid", "relu"]
    assert [row[0] for row in data] == [str(layer) for layer in range(1, 9)]
    for index, name in ((1, "sigmoid"), (2, "relu")):
        expected = init_gradient_norms(ActivationSpec.of(name), 8, 32, "xavier", 0)[:8]
        assert column(data, index) == expected.tolist()  # repr reads back exactly


def test_sigmoid_with_xavier_vanishes_and_relu_with_he_does_not(client):
    query = "depth=8&width=32&seed=0"
    _, *sigmoid = rows(client.get(f"/export/gradients.csv?fn=sigmoid&init=xavier&{query}"))
    _, *relu = rows(client.get(f"/export/gradients.csv?fn=relu&init=he&{query}"))
    assert float(sigmoid[0][1]) / float(sigmoid[-1][1]) < 1e-3
    assert float(relu[0][1]) / float(relu[-1][1]) > 1e-2
    # "recommended" gives each its own in one request: the same numbers.
    header, *both = rows(
        client.get(f"/export/gradients.csv?fn=sigmoid,relu&init=recommended&{query}")
    )
    assert header == ["layer", "sigmoid", "relu"]
    assert column(both, 1) == column(sigmoid, 1) and column(both, 2) == column(relu, 1)


# --- /export/gradient-bound.csv -----------------------------------------------------------


def test_the_bound_csv_has_the_bound_and_the_measured_product_per_depth(client):
    response = client.get("/export/gradient-bound.csv?fn=sigmoid,relu&depth=50")
    assert response.status_code == 200
    header, *data = rows(response)
    assert header == ["depth", "sigmoid_bound", "sigmoid_measured", "relu_bound", "relu_measured"]
    assert len(data) == 50
    assert float(data[9][1]) == 0.25**10  # ≈ 9.5e-7
    assert column(data, 3) == [1.0] * 50
    for row in data:
        assert 0 < float(row[2]) <= float(row[1])
        assert 0 < float(row[4]) <= float(row[3])


# --- /export/training.csv ------------------------------------------------------------------

TRAINING = (
    "fn=sigmoid,relu&dataset=circles&points=200&noise=0.1&depth=4&width=16"
    "&init=recommended&optimiser=sgd&lr=0.5&batch=full&seed=0"
)


def test_the_training_csv_is_the_loss_the_page_trains(client):
    response = client.get(f"/export/training.csv?{TRAINING}&epochs=60")
    assert response.status_code == 200
    header, *data = rows(response)
    assert header == ["epoch", "sigmoid", "relu"]
    assert [row[0] for row in data] == [str(e) for e in range(60)]
    # The page: Start, then one tick (30 epochs each), through the callback itself.
    store = runs_to_store(new_runs(TrainingQuery()))
    for trigger in (Ids.START, Ids.INTERVAL):
        store = page.training_step([trigger], CONTROLS, 0, store, False)["store"]
    runs = runs_from_store(store)
    assert column(data, 1) == runs[0].loss_history.tolist()
    assert column(data, 2) == runs[1].loss_history.tolist()
    # Seeded: the same request gives the same bytes.
    assert client.get(f"/export/training.csv?{TRAINING}&epochs=60").data == response.data


def test_the_default_training_run_downloads_in_full(client):
    _, *data = rows(client.get("/export/training.csv?epochs=300"))
    assert len(data) == 300
    assert math.isclose(float(data[-1][1]), math.log(2), abs_tol=0.01)  # sigmoid is stuck
    assert float(data[-1][2]) < 0.05  # ReLU has learnt


def test_too_many_epochs_for_the_training_csv_get_400_with_the_limit(client):
    response = client.get(f"/export/training.csv?{TRAINING}&epochs=301")
    assert response.status_code == 400
    assert "at most 300 epochs" in response.get_data(as_text=True)
    slow = client.get("/export/training.csv?fn=gelu,relu&depth=6&width=32&points=400&epochs=100")
    assert slow.status_code == 400
    assert "at most 54 epochs" in slow.get_data(as_text=True)


# --- /export/training-gradients.csv, /export/decision-boundary.csv, /export/training-data.csv


def page_runs_after_60_epochs():
    """The page: Start, then one tick (30 epochs each), through the callback itself."""
    store = runs_to_store(new_runs(TrainingQuery()))
    out: dict[str, Any] = {}
    for trigger in (Ids.START, Ids.INTERVAL):
        out = page.training_step([trigger], CONTROLS, 0, store, False)
        store = out["store"]
    return runs_from_store(store), out


def test_the_training_gradients_csv_is_the_norms_chart(client):
    response = client.get(f"/export/training-gradients.csv?{TRAINING}&epochs=60")
    assert response.status_code == 200
    assert 'filename="training-gradients.csv"' in response.headers["Content-Disposition"]
    header, *data = rows(response)
    layers = ["layer1", "layer2", "layer3", "layer4", "output"]
    assert header == ["epoch", *(f"{fn}_{layer}" for fn in ("sigmoid", "relu") for layer in layers)]
    assert [row[0] for row in data] == [str(e) for e in range(60)]
    runs, out = page_runs_after_60_epochs()
    for panel, run in enumerate(runs):
        for layer in range(5):
            expected = np.asarray(run.grad_norm_history)[:, layer].tolist()
            assert column(data, 1 + 5 * panel + layer) == expected
    # the chart draws the same numbers (every epoch up to 60 is kept)
    trace = out["norms"]["data"][0]
    assert np.asarray(trace["y"])[: len(data)].tolist() == column(data, 1)[: len(trace["y"])]
    assert client.get(f"/export/training-gradients.csv?{TRAINING}&epochs=60").data == response.data


def test_the_decision_boundary_csv_is_the_boundary_chart(client):
    response = client.get(f"/export/decision-boundary.csv?{TRAINING}&epochs=60")
    assert response.status_code == 200
    assert 'filename="decision-boundary.csv"' in response.headers["Content-Disposition"]
    header, *data = rows(response)
    assert header == ["x1", "x2", "sigmoid", "relu"]
    runs, out = page_runs_after_60_epochs()
    contour = out["boundary"]["data"][0]
    xs, ys = np.asarray(contour["x"]), np.asarray(contour["y"])
    assert len(data) == len(xs) * len(ys)
    assert column(data, 0)[: len(xs)] == xs.tolist()
    assert column(data, 1)[:: len(xs)] == ys.tolist()
    grids = lab.decision_grids(runs)
    assert column(data, 2) == np.asarray(grids[0].probability).ravel().tolist()
    assert column(data, 3) == np.asarray(grids[1].probability).ravel().tolist()
    # the chart shows them rounded to 4 decimals
    assert np.round(np.asarray(column(data, 3)), 4).reshape(len(ys), len(xs)).tolist() == (
        np.asarray(out["boundary"]["data"][3]["z"]).tolist()
    )


def test_the_training_data_csv_is_the_points_of_the_chart(client):
    response = client.get("/export/training-data.csv?dataset=circles&points=200&noise=0.1&seed=0")
    assert response.status_code == 200
    assert 'filename="training-data.csv"' in response.headers["Content-Disposition"]
    header, *data = rows(response)
    assert header == ["x1", "x2", "label"]
    assert len(data) == 200
    _, out = page_runs_after_60_epochs()
    class0, class1 = out["boundary"]["data"][1:3]
    zeros = [row for row in data if row[2] == "0"]
    ones = [row for row in data if row[2] == "1"]
    assert column(zeros, 0) == np.asarray(class0["x"]).tolist()
    assert column(zeros, 1) == np.asarray(class0["y"]).tolist()
    assert column(ones, 0) == np.asarray(class1["x"]).tolist()
    assert column(ones, 1) == np.asarray(class1["y"]).tolist()


def test_the_training_links_follow_the_settings():
    controls = {**CONTROLS, "fn": ["tanh"], "dataset": "moons", "epochs": 50}
    out = page.training_step([Ids.TRAIN_DATASET], controls, 0, None, True)
    assert out["norms_href"].startswith("/export/training-gradients.csv?fn=tanh&dataset=moons")
    assert out["boundary_href"].startswith("/export/decision-boundary.csv?fn=tanh&dataset=moons")
    assert out["norms_href"].endswith("&epochs=50&lang=en")
    assert out["data_href"] == (
        "/export/training-data.csv?dataset=moons&points=200&noise=0.1&seed=0&lang=en"
    )


def test_too_many_epochs_for_the_new_training_csvs_get_400_with_the_limit(client):
    for path in ("training-gradients", "decision-boundary"):
        response = client.get(f"/export/{path}.csv?{TRAINING}&epochs=301&lang=ja")
        assert response.status_code == 400
        assert "300 エポックまで" in response.get_data(as_text=True)


# --- invalid queries ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("gradients", "fn=sigmoyd"),
        ("gradients", "fn="),
        ("gradients", "depth=31"),
        ("gradients", "depth=abc"),
        ("gradients", "width=3"),
        ("gradients", "init=glorot"),
        ("gradients", "seed=-1"),
        ("gradients", "init=normal&sigma=0"),
        ("gradients", "depth=8&depth=9"),
        ("gradients", "foo=bar"),
        ("gradients", "depth=" + "9" * 5000),
        ("gradient-bound", "depth=51"),
        ("gradient-bound", "depth=0"),
        ("gradient-bound", "fn=relu,relu"),
        ("gradient-bound", "lang=fr"),
        ("training", "fn=relu,tanh,elu,gelu"),
        ("training", "dataset=blobs"),
        ("training", "epochs=0"),
        ("training", "epochs=1.5"),
        ("training", "lr=10"),
        ("training", "batch=8"),
        ("training", "depth=7"),
        ("training", "optimiser=rmsprop"),
        ("training", "noise=inf"),
        ("training-gradients", "fn=relu,tanh,elu,gelu"),
        ("training-gradients", "epochs=0"),
        ("training-gradients", "batch=8"),
        ("decision-boundary", "dataset=blobs"),
        ("decision-boundary", "lr=10"),
        ("decision-boundary", "epochs=301"),
        ("training-data", "dataset=blobs"),
        ("training-data", "points=5000"),
        ("training-data", "noise=inf"),
        ("training-data", "seed=-1"),
        ("training-data", "depth=4"),
        ("training-data", "seed=1&seed=2"),
    ],
)
def test_invalid_queries_get_400_with_a_reason(client, path, query):
    response = client.get(f"/export/{path}.csv?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("Invalid query:\n- ")
    assert len(text) < 1_000


def test_a_400_reads_in_the_requested_language(client):
    text = client.get("/export/gradients.csv?depth=99&lang=ja").get_data(as_text=True)
    assert text.startswith(translator("ja")("gradients.export.invalid"))
    assert "1〜30 の整数" in text


@pytest.mark.parametrize(
    "path",
    [
        "gradients",
        "gradient-bound",
        "training",
        "training-gradients",
        "decision-boundary",
        "training-data",
    ],
)
def test_the_csv_routes_only_answer_get(client, path):
    assert client.post(f"/export/{path}.csv").status_code == 405


# --- the page through Dash's HTTP endpoint -------------------------------------------------

CONTROLS: dict[str, Any] = {
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


def callback_body(client, outputs, inputs, state, values, changed) -> dict[str, Any]:
    dependencies = client.get("/_dash-dependencies").get_json()
    first = next(iter(outputs.values()))
    (callback,) = [
        c for c in dependencies if f"{first.component_id}.{first.component_property}" in c["output"]
    ]
    return {
        "output": callback["output"],
        "outputs": [
            {"id": d.component_id, "property": d.component_property} for d in outputs.values()
        ],
        "inputs": [
            {"id": d.component_id, "property": d.component_property, "value": values[name]}
            for name, d in inputs.items()
        ],
        "changedPropIds": changed,
        "state": [
            {"id": d.component_id, "property": d.component_property, "value": values[name]}
            for name, d in state.items()
        ],
    }


def post_training(
    client, changed: str, store: Any, stopped: bool = False, lang: str = "en", display: Any = None
):
    values: dict[str, Any] = {"start": 1, "pause": 0, "reset": 0, "tick": 4, "display": display}
    values |= {f"control_{key}": value for key, value in CONTROLS.items()}
    values |= {"store": store, "stopped": stopped, "lang": lang}
    body = callback_body(
        client, page.TRAIN_OUTPUTS, page.TRAIN_INPUTS, page.TRAIN_STATE, values, [changed]
    )
    return client.post("/_dash-update-component", json=body)


@pytest.fixture(scope="module")
def fresh_store() -> dict[str, Any]:
    return runs_to_store(new_runs(TrainingQuery()))


def test_a_tick_over_http_trains_a_chunk_and_arms_the_next(client, fresh_store):
    response = post_training(client, f"{Ids.INTERVAL}.n_intervals", fresh_store)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    runs = runs_from_store(answer[Ids.STORE]["data"])
    assert [run.epoch for run in runs] == [30, 30]
    # One more tick; "disabled" is left alone, so a late answer cannot undo Pause.
    assert answer[Ids.INTERVAL] == {"max_intervals": 5}
    assert answer[Ids.COUNTER]["children"] == "Epoch 30 / 300"
    bar = answer[Ids.PROGRESS]["children"]["props"]
    assert (bar["value"], bar["max"]) == ("30", "300")


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["runs"][0]["network"][0]["weight"].update(data="A" * 8),
        lambda d: d["runs"][0]["history"]["loss"].update(shape=[5]),
        lambda d: d["runs"][1]["config"].update(learning_rate=99.0),
        lambda d: d["runs"][0].update(epoch=True),
        lambda d: d.update(runs="nope"),
        lambda d: d.clear(),
    ],
)
def test_a_tampered_store_gets_a_message_and_no_exception(client, fresh_store, change):
    store = copy.deepcopy(fresh_store)
    change(store)
    response = post_training(client, f"{Ids.INTERVAL}.n_intervals", store, lang="ja")
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert Ids.STORE not in answer  # the store is left as it was: Reset starts again
    assert answer[Ids.INTERVAL]["disabled"] is True  # training stops
    status = json.dumps(answer[Ids.STATUS]["children"], ensure_ascii=False)
    assert translator("ja")("gradients.train.bad_store") in status


def test_a_store_that_is_not_json_state_at_all_is_refused_too(client):
    response = post_training(client, f"{Ids.START}.n_clicks", [1, 2, 3])
    assert response.status_code == 200
    assert response.get_json()["response"][Ids.INTERVAL]["disabled"] is True


def test_the_network_callback_answers_over_http(client):
    values = {
        "functions": ["sigmoid", "tanh"],
        "bound_depth": 25,
        "depth": 12,
        "width": 16,
        "init": "xavier",
        "sigma": 1.0,
        "seed": 1,
        "display": {"theme": "dark", "large": False},
        "lang": "ja",
    }
    body = callback_body(
        client,
        page.NETWORK_OUTPUTS,
        page.NETWORK_INPUTS,
        {"lang": page.State(frame_ids.LANG_STORE, "data")},
        values,
        [f"{Ids.BOUND_DEPTH}.value"],
    )
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    figure = answer[Ids.BOUND_GRAPH]["figure"]
    assert len(figure["data"][0]["x"]) == 25
    assert figure["layout"]["title"]["text"] == translator("ja")("gradients.bound.chart_title")
    assert figure["layout"]["plot_bgcolor"] == PLOT_BACKGROUND["dark"]  # the visitor's theme
    assert answer[Ids.BOUND_DOWNLOAD]["href"] == (
        "/export/gradient-bound.csv?fn=sigmoid,tanh&depth=25&width=16&init=xavier&seed=1&lang=ja"
    )
    assert Ids.NORMS_GRAPH not in answer  # its depth did not change


def test_the_router_serves_the_page_in_either_language(client):
    assert client.get("/gradients").status_code == 200
    children, lang = route("/gradients", "?lang=ja")
    assert lang == "ja"
    text = json.dumps([c.to_plotly_json() for c in children], default=str, ensure_ascii=False)
    assert "勾配消失" in text and translator("ja")("gradients.train.title") in text
    store = next(c for c in _walk(children) if getattr(c, "id", None) == Ids.STORE).data
    assert [run.epoch for run in runs_from_store(store)] == [0, 0]


def _walk(component: Any):
    if isinstance(component, list | tuple):
        for child in component:
            yield from _walk(child)
        return
    yield component
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str | int | float):
        yield from _walk(children)


def test_bound_figure_numbers_survive_plotlys_encoding(client):
    # plotly 7 may send arrays as base64; the bound figure uses plain lists on purpose
    # (a log axis needs None for zero), so the numbers in the JSON are the numbers.
    children, _ = route("/gradients", "")
    graph = next(c for c in _walk(children) if getattr(c, "id", None) == Ids.BOUND_GRAPH)
    assert np.isclose(graph.figure["data"][0]["y"][9], 0.25**10)


# --- the page's address --------------------------------------------------------------

LINK = (
    "?fn=tanh,relu&bdepth=30&gdepth=20&width=16&init=normal&sigma=0.5&seed=7"
    "&tfn=relu&dataset=xor&points=100&noise=0.2&tdepth=2&twidth=8&tinit=he"
    "&optimiser=adam&lr=0.01&batch=64&tseed=3&epochs=120&lang=ja"
)


def network_values(controls: dict[str, Any]) -> dict[str, Any]:
    """The network callback's arguments from the link callback's control values."""
    return {
        "functions": controls["fn"],
        "bound_depth": controls["bdepth"],
        "depth": controls["gdepth"],
        "width": controls["width"],
        "init": controls["init"],
        "sigma": controls["sigma"],
        "seed": controls["seed"],
    }


def training_controls(controls: dict[str, Any]) -> dict[str, Any]:
    """The training callback's controls (query keys) from the link callback's values."""
    return {
        key: controls[page_key]
        for key, page_key in (
            ("fn", "tfn"),
            ("dataset", "dataset"),
            ("points", "points"),
            ("noise", "noise"),
            ("depth", "tdepth"),
            ("width", "twidth"),
            ("init", "tinit"),
            ("sigma", "tsigma"),
            ("optimiser", "optimiser"),
            ("lr", "lr"),
            ("batch", "batch"),
            ("seed", "tseed"),
            ("epochs", "epochs"),
        )
    }


def test_a_deep_link_restores_every_control_and_the_charts():
    out = page.view_from_url(LINK, "en")
    assert out["notice"] is None
    controls = {key: out[key] for key in page.PAGE_CONTROLS}
    assert controls == {
        "fn": ["tanh", "relu"],
        "bdepth": 30,
        "gdepth": 20,
        "width": 16,
        "init": "normal",
        "sigma": 0.5,
        "seed": 7,
        "tfn": ["relu"],
        "dataset": "xor",
        "points": 100,
        "noise": 0.2,
        "tdepth": 2,
        "twidth": 8,
        "tinit": "he",
        "tsigma": 1.0,
        "optimiser": "adam",
        "lr": 0.01,
        "batch": "64",
        "tseed": 3,
        "epochs": 120,
    }
    # The charts the restored controls draw (the controls' own callbacks).
    triggers = [page.PAGE_CONTROLS[key] for key in page.PAGE_CONTROLS]
    network = page.network_view(triggers, lang="ja", **network_values(controls))
    assert network["notice"] is None
    assert [len(t["x"]) for t in network["bound_figure"]["data"]] == [30] * 4
    assert [len(t["x"]) for t in network["norms_figure"]["data"]] == [20, 20]
    assert network["norms_href"] == (
        "/export/gradients.csv?fn=tanh,relu&depth=20&width=16&init=normal&sigma=0.5&seed=7&lang=ja"
    )
    training = page.training_step(triggers, training_controls(controls), 0, None, True, "ja")
    runs = runs_from_store(training["store"])
    assert [run.config.activation for run in runs] == ["relu"]
    assert runs[0].config.depth == 2 and runs[0].config.batch_size == 64
    assert runs[0].epoch == 0  # a link restores the settings; training starts from the seed
    assert training["counter"] == translator("ja")(
        "gradients.train.counter", epoch="0", target="120"
    )
    # ... and the address the controls then write is the link itself.
    assert page.address_query(controls, "ja") == LINK[1:]


def test_a_link_with_only_the_language_leaves_the_drawn_page_alone():
    for search in ("", None, "?lang=ja"):
        out = page.view_from_url(search, "en")
        assert out["notice"] is None
        assert all(out[key] is page.no_update for key in page.PAGE_CONTROLS)


def test_an_invalid_link_is_repaired_with_a_translated_notice():
    out = page.view_from_url("?gdepth=99&tfn=relu,nope&batch=50&colour=red&lang=ja", "en")
    assert out["gdepth"] == 8 and out["tfn"] == ["sigmoid", "relu"] and out["batch"] == "full"
    notice = json.dumps(out["notice"].to_plotly_json(), ensure_ascii=False, default=str)
    ja = translator("ja")
    assert ja("gradients.notice.link") in notice
    assert ja("gradients.field.gdepth") in notice
    assert ja("gradients.field.tfn") in notice
    assert "colour" in notice
    # The address is rewritten from the repaired controls.
    query = page.address_query({key: out[key] for key in page.PAGE_CONTROLS}, "ja")
    assert "gdepth=8&" in query and "batch=full" in query and "colour" not in query


def test_the_address_follows_a_changed_depth_and_waits_for_valid_controls():
    controls = page.control_values(page.GradientsView())
    assert "gdepth=8&" in page.address_query(controls, "en")
    assert "gdepth=3&" in page.address_query({**controls, "gdepth": 3}, "en")
    assert "bdepth=42&" in page.address_query({**controls, "bdepth": 42}, "en")
    assert "tdepth=6&" in page.address_query({**controls, "tdepth": 6}, "en")
    # sigma only travels with the normal initialisation.
    assert "sigma" not in page.address_query({**controls, "sigma": 2.0}, "en")
    assert "&sigma=2&" in page.address_query({**controls, "init": "normal", "sigma": 2.0}, "en")
    # An empty or invalid box keeps the last good address.
    assert page.address_query({**controls, "width": None}, "en") is page.no_update
    assert page.address_query({**controls, "epochs": 0}, "en") is page.no_update


def test_the_address_callback_answers_over_http(client):
    values = {**page.control_values(page.GradientsView()), "gdepth": 5, "lang": "ja"}
    body = callback_body(
        client,
        {"query": page.Output(Ids.QUERY_STORE, "data")},
        page.ADDRESS_INPUTS,
        {"lang": page.State(frame_ids.LANG_STORE, "data")},
        values,
        [f"{Ids.DEPTH}.value"],
    )
    body["outputs"] = body["outputs"][0]  # a single output, not a list of one
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    query = response.get_json()["response"][Ids.QUERY_STORE]["data"]
    assert "gdepth=5&" in query and query.endswith("lang=ja")


def test_a_new_theme_over_http_redraws_the_training_charts_and_nothing_else(client, fresh_store):
    dark = {"theme": "dark", "large": True}
    response = post_training(client, f"{frame_ids.DISPLAY_STORE}.data", fresh_store, display=dark)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert set(answer) == {Ids.LOSS_GRAPH, Ids.TRAIN_NORMS_GRAPH, Ids.BOUNDARY_GRAPH}
    for graph in answer.values():
        layout = graph["figure"]["layout"]
        assert layout["plot_bgcolor"] == PLOT_BACKGROUND["dark"]
        assert layout["font"]["size"] > 13  # presentation mode: large text
