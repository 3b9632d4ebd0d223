"""The nonlinearity lab's callbacks (called directly and over HTTP) and its CSV routes."""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np
import pytest
from dash import no_update

from components import ids
from components.figures import fmt
from components.i18n import translator
from components.nonlinearity_lab import NonlinearityState, affine_text, compute_lab
from components.pages import nonlinearity as page
from components.state import format_number
from components.theme import DARK_PALETTE, MARKERS, PALETTE, PLOT_BACKGROUND
from networks import ActivationSpec, affine_collapse, linear_pieces, random_network_1d
from tests.app.conftest import decode


def text_of(component: Any) -> str:
    """All the text in a Dash component tree, joined."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def find(component: Any, component_id: str) -> Any:
    if isinstance(component, list | tuple):
        for child in component:
            found = find(child, component_id)
            if found is not None:
                return found
        return None
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    return find(children, component_id) if children is not None else None


def controls(**changes: Any) -> dict[str, Any]:
    values = {"fn": "relu", "depth": 3, "width": 8, "seed": 0, "xmin": -5, "xmax": 5, "n": 401}
    return values | changes


# --- callbacks, called directly ----------------------------------------------------------


def test_identity_link_shows_the_exact_single_weight_and_bias():
    out = page.view_from_url("?fn=identity&depth=9&width=12&seed=4")
    w, b = affine_collapse(random_network_1d(9, 12, 4))
    formula = find(out["verdict"], page.COLLAPSE)
    sign = "−" if b < 0 else "+"
    assert formula.children == f"y = {format_number(w)}·x {sign} {format_number(abs(b))}"
    output, line = out["figure"]["data"]
    assert line["line"]["dash"] == "dash"
    np.testing.assert_allclose(output["y"], line["y"], atol=1e-12)
    assert out["notice"] is None
    # Opening a link sets every control.
    assert (out["fn"], out["depth"], out["width"], out["seed"]) == ("identity", 9, 12, 4)


def test_relu_piece_count_is_the_one_linear_pieces_finds():
    out = page.view_from_url("?fn=relu&depth=5&width=20&seed=2&xmin=-4&xmax=6")
    expected = linear_pieces(random_network_1d(5, 20, 2), ActivationSpec.of("relu"), -4.0, 6.0)
    assert find(out["verdict"], page.PIECE_COUNT).children == f"{expected.pieces} linear pieces."
    marks = out["figure"]["data"][1]
    assert len(decode(marks["x"])) == expected.pieces - 1


@pytest.mark.parametrize("fn", ["sigmoid", "tanh"])
def test_smooth_activations_say_no_linear_pieces(fn):
    out = page.view_from_url(f"?fn={fn}")
    assert "no linear pieces are found" in text_of(out["verdict"])
    assert find(out["verdict"], page.PIECE_COUNT) is None


def test_the_page_language_is_used_when_the_link_names_none():
    out = page.view_from_url("?fn=tanh", lang="ja")
    assert "直線の部分は見つかりません" in text_of(out["verdict"])
    assert out["query"].endswith("lang=ja")


def test_a_bad_link_is_repaired_and_explained():
    out = page.view_from_url("?depth=50&fn=rleu&lang=ja")
    assert out["depth"] == 20 and out["fn"] == "relu"
    notice = text_of(out["notice"])
    assert "深さ (depth): 1 以上 20 以下にしてください" in notice
    assert "'relu' のことですか" in notice


def test_changing_depth_redraws_writes_the_url_and_leaves_the_controls_alone():
    out = page.view_from_controls(page.DEPTH, controls(depth=1))
    assert "depth=1" in out["query"]
    assert out["download_href"] == f"{page.EXPORT_PATH}?{out['query']}"
    assert out["comparison_href"] == f"{page.COMPARISON_EXPORT_PATH}?{out['query']}"
    assert out["depth"] is no_update and out["fn"] is no_update
    pieces = compute_lab(NonlinearityState(depth=1)).pieces.pieces
    assert find(out["verdict"], page.PIECE_COUNT).children == f"{pieces} linear pieces."


def test_an_invalid_control_keeps_the_last_view_and_says_why():
    out = page.view_from_controls(page.XMIN, controls(xmin=7), lang="en")
    assert out["figure"] is no_update and out["query"] is no_update
    assert "must be less than x max" in text_of(out["notice"])
    out = page.view_from_controls(page.SEED_INPUT, controls(seed=None))
    assert "seed (seed): enter a number" in text_of(out["notice"])


def test_new_weights_moves_to_the_next_seed():
    out = page.view_from_controls(page.RESEED, controls(seed=41))
    assert out["seed"] == 42 and "seed=42" in out["query"]
    assert page.next_seed(2**32 - 1) == 0
    assert page.next_seed("x") == "x"


# --- themes --------------------------------------------------------------------------------

DARK = {"theme": "dark", "large": False}


def test_the_figures_follow_the_theme_and_presentation_mode():
    light = page.update_view(None, "?fn=identity", controls(), {"theme": "light"})
    dark = page.update_view(None, "?fn=identity", controls(), DARK)
    for key in page.FIGURES:
        assert light[key]["layout"]["plot_bgcolor"] == PLOT_BACKGROUND["light"]
        assert dark[key]["layout"]["plot_bgcolor"] == PLOT_BACKGROUND["dark"]
    assert light["figure"]["data"][0]["line"]["color"] == PALETTE[0]
    assert dark["figure"]["data"][0]["line"]["color"] == DARK_PALETTE[0]
    large = page.update_view(None, "?fn=identity", controls(), {"theme": "light", "large": True})
    assert large["figure"]["layout"]["font"]["size"] > light["figure"]["layout"]["font"]["size"]


def test_a_theme_change_redraws_only_the_figures_of_the_view_on_show():
    shown = "fn=tanh&depth=4&width=8&seed=0&xmin=-5&xmax=5&n=401&lang=en"
    # A mistake waiting in a control is not drawn: the last good view is.
    out = page.update_view(ids.DISPLAY_STORE, "", controls(xmin=99), DARK, shown)
    assert out["figure"]["layout"]["plot_bgcolor"] == PLOT_BACKGROUND["dark"]
    assert out["figure"]["data"][0]["name"] == "network with Hyperbolic tangent (tanh)"
    assert out["notice"] is no_update and out["query"] is no_update and out["fn"] is no_update
    assert page.update_view(ids.DISPLAY_STORE, "", controls(), DARK, None)["figure"]["data"]


def test_curves_differ_by_marker_as_well_as_colour():
    out = page.view_from_url("?fn=gelu")
    compared = out["comparison"]["data"]
    assert [t["marker"]["symbol"] for t in compared] == list(MARKERS[:4])
    assert len({t["line"]["color"] for t in compared}) == 4
    # The lab's output looks as it does in the comparison.
    (output, *_rest) = out["figure"]["data"]
    assert (output["line"]["color"], output["marker"]["symbol"]) == (
        compared[3]["line"]["color"],
        compared[3]["marker"]["symbol"],
    )
    marks = page.view_from_url("?fn=relu")["figure"]["data"][1]
    assert marks["marker"]["symbol"] == "diamond"
    assert marks["marker"]["color"] not in {t["line"]["color"] for t in compared}


# --- the page and its callback over HTTP ----------------------------------------------------


def test_the_page_is_in_the_navigation(client):
    assert client.get("/nonlinearity").status_code == 200
    assert page.PAGE.nav_key == "nav.nonlinearity" and page.PAGE.order == 30


def test_the_registered_callback_answers_over_http(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    (callback,) = [c for c in dependencies if f"{page.GRAPH}.figure" in c["output"]]
    values = {"search": "?fn=identity&depth=4", "reseed": 0, "display": DARK} | controls()
    inputs = [
        {"id": dep.component_id, "property": dep.component_property, "value": values[name]}
        for name, dep in page.INPUTS.items()
    ]
    body = {
        "output": callback["output"],
        "outputs": [
            {"id": dep.component_id, "property": dep.component_property}
            for dep in page.OUTPUTS.values()
        ],
        "inputs": inputs,
        "changedPropIds": [f"{page.URL}.search"],
        "state": [
            {"id": ids.LANG_STORE, "property": "data", "value": "ja"},
            {"id": page.QUERY_STORE, "property": "data", "value": None},
        ],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    answer = response.get_json()["response"]
    assert answer[page.QUERY_STORE]["data"].endswith("lang=ja")
    for graph in (page.GRAPH, page.COMPARISON_GRAPH):
        assert answer[graph]["figure"]["layout"]["plot_bgcolor"] == PLOT_BACKGROUND["dark"]
    assert answer[page.DEPTH]["value"] == 4
    w, _b = affine_collapse(random_network_1d(4, 8, 0))
    assert format_number(w) in str(answer[page.VERDICT]["children"])


# --- CSV ------------------------------------------------------------------------------------


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_identity_csv_holds_the_output_and_the_exact_line(client):
    response = client.get("/export/nonlinearity.csv?fn=identity&depth=5&width=6&seed=9&n=11")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == (
        'attachment; filename="nonlinearity_identity_depth5_width6_seed9_-5_5.csv"'
    )
    header, *data = rows(response)
    assert header == ["x", "identity", "affine"]
    assert len(data) == 11
    w, b = affine_collapse(random_network_1d(5, 6, 9))
    xs = np.linspace(-5, 5, 11)
    assert [row[0] for row in data] == [repr(float(v)) for v in xs]
    for row, x in zip(data, xs, strict=True):
        assert float(row[2]) == w * x + b  # full float64 repr: reads back exactly
        assert float(row[1]) == pytest.approx(w * x + b, abs=1e-12)


def test_relu_csv_matches_the_page(client):
    header, *data = rows(client.get("/export/nonlinearity.csv?depth=2&n=7&xmin=-1&xmax=2"))
    assert header == ["x", "relu"]
    expected = compute_lab(NonlinearityState(depth=2, n=7, xmin=-1, xmax=2)).y
    assert [float(row[1]) for row in data] == expected.tolist()


def test_comparison_csv_has_one_column_per_activation(client):
    response = client.get("/export/nonlinearity-comparison.csv?fn=sigmoid&n=4")
    assert response.status_code == 200
    assert "nonlinearity-comparison_sigmoid" in response.headers["Content-Disposition"]
    header, *data = rows(response)
    assert header == ["x", "identity", "relu", "tanh", "sigmoid"]
    assert len(data) == 4


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("fn=sigmoyd", "unknown function 'sigmoyd' — did you mean 'sigmoid'?"),
        ("depth=0", "depth (depth): must be between 1 and 20"),
        ("width=1000", "width (width): must be between 1 and 64"),
        ("seed=-3", "seed (seed): must be between 0 and 4294967295"),
        ("seed=abc", "seed (seed): 'abc' is not a number"),
        ("xmin=3&xmax=1", "x min (3) must be less than x max (1)"),
        ("xmax=11", "x max (xmax): must be between -10 and 10"),
        ("n=1", "sample points (n): must be between 2 and 801"),
        ("n=5000", "sample points (n): must be between 2 and 801"),
        ("depth=2.5", "depth (depth): must be a whole number"),
        ("depth=1&depth=2", "given more than once"),
        ("lang=xx", "'xx' is not a language"),
        ("foo=1", "foo: unknown query parameter"),
    ],
)
@pytest.mark.parametrize("path", [page.EXPORT_PATH, page.COMPARISON_EXPORT_PATH])
def test_invalid_csv_queries_get_400_with_the_reason(client, path, query, reason):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    body = response.get_data(as_text=True)
    assert body.startswith("Invalid query:")
    assert reason in body


def test_the_400_reason_is_in_the_querys_language(client):
    response = client.get("/export/nonlinearity.csv?width=0&lang=ja")
    assert response.status_code == 400
    assert "幅 (width): 1 以上 64 以下にしてください" in response.get_data(as_text=True)


# --- the controls -----------------------------------------------------------------------------


def test_string_values_from_the_select_and_the_sliders_are_read_like_numbers():
    # <select> and <input type=range> hand their values over as text.
    out = page.view_from_controls(page.WIDTH, controls(fn="tanh", depth="4", width="16", n="401"))
    assert out["notice"] is None
    assert "fn=tanh&depth=4&width=16" in out["query"]
    out = page.view_from_controls(page.DEPTH, controls(depth="4.5"))
    assert "depth (depth): must be a whole number" in text_of(out["notice"])


def walk(component: Any):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_control_is_native_and_labelled(lang):
    main = page.build(translator(lang), lang)
    nodes = list(walk(main))
    kinds = {type(n).__name__ for n in nodes}
    assert not kinds & {"Dropdown", "Slider", "RangeSlider", "Checklist", "RadioItems"}
    labelled = {getattr(n, "htmlFor", None) for n in nodes if type(n).__name__ == "Label"}
    assert {page.FN, page.DEPTH, page.WIDTH, page.SEED_INPUT, page.POINTS} <= labelled
    ranges = {n.id: n for n in nodes if getattr(n, "type", None) == "range"}
    assert set(ranges) == {page.DEPTH, page.WIDTH}


# --- the charts' text alternatives -----------------------------------------------------------


def table_cells(table: Any) -> tuple[str, list[str], list[list[str]]]:
    """Caption, column headers and rows (row header first) of an html.Table."""
    caption, head, body = table.children
    header = [th.children for th in head.children.children]
    for row in body.children:
        assert row.children[0].scope == "row"
    rows = [[cell.children for cell in row.children] for row in body.children]
    return caption.children, header, rows


def test_each_chart_is_described_by_a_summary_and_has_its_numbers_as_a_table():
    nodes = list(walk(page.build(translator("en"), "en")))
    figures = [n for n in nodes if type(n).__name__ == "Figure"]
    described = [getattr(f, "aria-describedby") for f in figures]
    assert described == [page.SUMMARY, page.COMPARISON_SUMMARY]
    ids_in_page = {getattr(n, "id", None) for n in nodes}
    assert {page.TABLE, page.COMPARISON_TABLE, page.GRAPH, page.COMPARISON_GRAPH} <= ids_in_page
    loading = [n for n in nodes if type(n).__name__ == "Loading"]
    assert len(loading) == 2 and all(n.delay_show == 300 for n in loading)


def test_the_identity_summary_gives_the_line_and_the_table_has_it_too():
    out = page.view_from_url("?fn=identity&depth=5&width=6&seed=9&n=101")
    w, b = affine_collapse(random_network_1d(5, 6, 9))
    assert "5 hidden layers of 6 units" in out["summary"]
    assert f"the straight line y = {affine_text(w, b, fmt)}" in out["summary"]
    caption, header, rows = table_cells(out["table"])
    assert caption == "The output at 11 of the 101 sample points (the CSV has them all)"
    assert header == ["x", "y (Identity (linear))", "w·x + b"]
    assert len(rows) == 11 and rows[0][0] == "-5" and rows[-1][0] == "5"


def test_the_relu_summary_counts_pieces_and_the_comparison_gives_each_span():
    out = page.view_from_url("?fn=relu&lang=ja")
    pieces = compute_lab(NonlinearityState()).pieces.pieces
    assert f"{pieces} 本の短い直線" in out["summary"]
    assert "ReLU" in out["comparison_summary"] and "から" in out["comparison_summary"]
    caption, header, rows = table_cells(out["comparison_table"])
    assert "CSV" in caption and len(header) == 4 and len(rows) == 11
    out = page.view_from_url("?fn=tanh&n=3")
    assert "no straight pieces" in out["summary"]
    assert len(table_cells(out["table"])[2]) == 3


def test_the_page_has_no_inline_styles_and_its_table_boxes_are_keyboard_stops():
    nodes = list(walk(page.build(translator("ja"), "ja")))
    assert [n for n in nodes if getattr(n, "style", None)] == []
    boxes = [n for n in nodes if getattr(n, "id", None) in (page.TABLE, page.COMPARISON_TABLE)]
    for box in boxes:
        assert (box.tabIndex, box.role) == ("0", "region")
        assert getattr(box, "aria-labelledby") == page.caption_id(box.id)
    out = page.view_from_url("?fn=relu")
    assert out["table"].children[0].id == page.caption_id(page.TABLE)
