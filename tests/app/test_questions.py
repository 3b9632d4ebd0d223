"""The questions page in the app: its content, its one callback and the study-note CSV."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

import activations
from components import ids
from components.frame import create_page, route
from components.i18n import translator
from components.pages import page_at
from components.pages import questions as page
from components.theme import DARK_PALETTE, PLOT_BACKGROUND


def flatten(component) -> list:
    """Every component in a tree, depth first."""
    found = [component]
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            found += flatten(child)
    elif children is not None and not isinstance(children, str):
        found += flatten(children)
    return found


def text_of(component) -> str:
    parts = []
    for node in flatten(component):
        children = getattr(node, "children", node)
        if isinstance(children, str):
            parts.append(children)
    return "\n".join(parts)


def test_the_page_is_registered_in_the_navigation():
    assert page_at("/questions") is page.PAGE
    assert page.PAGE.nav_key == "nav.questions" and page.PAGE.order == 40


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_page_shows_numpys_real_messages(lang):
    main = page.create_questions(translator(lang), lang)
    text = text_of(main)
    assert "ValueError: The truth value of an array with more than one element is ambiguous" in text
    assert "AttributeError: module 'numpy' has no attribute 'int'" in text
    assert "array([False,  True,  True])" in text
    assert np.__version__ in text
    assert translator(lang)("questions.q1.title").split("`")[0] in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_links_keep_the_language(lang):
    main = page.create_questions(translator(lang), lang)
    hrefs = [n.href for n in flatten(main) if type(n).__name__ == "Link"]
    assert f"/nonlinearity?lang={lang}" in hrefs
    assert f"/gradients?lang={lang}" in hrefs
    assert f"/smoothness?lang={lang}" in hrefs
    for name in ("step", "sigmoid", "relu"):
        assert f"/?fn={name}&xmin=-5&xmax=4.9&n=100&deriv=0&lang={lang}" in hrefs
    (csv_link,) = [n for n in flatten(main) if getattr(n, "id", None) == page.CSV_LINK]
    assert csv_link.href == f"/export/study-note.csv?lang={lang}"


def test_the_three_charts_plot_the_library_on_the_notes_grid():
    main = page.create_questions(translator("en"), "en")
    graphs = [n.id for n in flatten(main) if type(n).__name__ == "Graph"]
    assert graphs == [page.chart_id(name) for name in ("step", "sigmoid", "relu")]
    figures = page.draw_note_figures("?lang=en", None, "en")
    x = np.arange(-5, 5, 0.1)
    for name, figure in zip(("step", "sigmoid", "relu"), figures, strict=True):
        (trace,) = figure["data"]
        np.testing.assert_array_equal(trace["x"], x)
        np.testing.assert_array_equal(trace["y"], activations.get(name)(x))
        assert figure["layout"]["yaxis"]["range"] == [-0.1, 1.1]
        assert figure["layout"]["title"]["text"] == activations.get(name).label("en")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_charts_follow_the_theme_language_and_presentation_mode(lang):
    light = page.draw_note_figures("", {"theme": "light", "large": False}, lang)
    dark = page.draw_note_figures("", {"theme": "dark", "large": True}, lang)
    for bright, dim in zip(light, dark, strict=True):
        assert bright["layout"]["plot_bgcolor"] == PLOT_BACKGROUND["light"]
        assert dim["layout"]["plot_bgcolor"] == PLOT_BACKGROUND["dark"]
        assert dim["data"][0]["line"]["color"] in DARK_PALETTE
        assert dim["layout"]["font"]["size"] > bright["layout"]["font"]["size"]
    assert light[1]["layout"]["title"]["text"] == activations.get("sigmoid").label(lang)
    assert [f["data"][0]["marker"]["symbol"] for f in light] == ["square", "circle", "diamond"]


NOTE_ORDER = ("step", "sigmoid", "relu")


def test_the_chart_callback_answers_over_http(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    (callback,) = [c for c in dependencies if page.chart_id("step") in c["output"]]
    body = {
        "output": callback["output"],
        "outputs": [
            {"id": page.chart_id(name), "property": "figure"}
            for name in ("step", "sigmoid", "relu")
        ],
        "inputs": [
            {"id": page.URL, "property": "search", "value": "?lang=ja"},
            {"id": ids.DISPLAY_STORE, "property": "data", "value": {"theme": "dark"}},
        ],
        "changedPropIds": [f"{ids.DISPLAY_STORE}.data"],
        "state": [{"id": ids.LANG_STORE, "property": "data", "value": "ja"}],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    result = response.get_json()["response"]
    layout = result[page.chart_id("relu")]["figure"]["layout"]
    assert layout["plot_bgcolor"] == PLOT_BACKGROUND["dark"]
    assert layout["title"]["text"] == activations.get("relu").label("ja")


def test_numbers_in_the_answers_are_computed():
    text = text_of(page.create_questions(translator("en"), "en"))
    assert "0.000976562" in text and "9.09495e-13" in text  # 0.25**5, 0.25**20
    assert "0 of 1,000,000 random numbers" in text
    assert "relu′ at x = −1, 0, 2 is 0, 0, 1" in text
    assert "-1.7763568394002505e-14" in text  # arange's 51st point


def test_the_router_builds_the_page_in_japanese():
    children, lang = route("/questions", "?lang=ja")
    assert lang == "ja"
    assert translator("ja")("questions.title") in text_of(children[1])
    assert create_page("/questions", "en")


@pytest.mark.parametrize(
    ("search", "lang", "query", "notice"),
    [
        ("?lang=ja", "ja", "lang=ja", False),
        ("", "en", "lang=en", False),
        (None, "ja", "lang=ja", False),
        ("?lang=en&fn=relu", "en", "lang=en", True),
        ("?lang=zz", "ja", "lang=ja", True),
        ("?lang=ja&lang=en", "ja", "lang=ja", True),
        ("?" + "&".join(f"k{i}=1" for i in range(300)), "en", "lang=en", True),
    ],
)
def test_the_callback_canonicalises_the_url_and_reports_problems(search, lang, query, notice):
    box, canonical = page.update_questions(search, lang)
    assert canonical == query
    assert (box is not None) == notice


def test_the_notice_is_in_the_page_language():
    box, _ = page.update_questions("?lang=ja&fn=relu", "ja")
    assert translator("ja")("questions.notice") in text_of(box)


def test_the_callback_answers_over_http(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    (callback,) = [c for c in dependencies if f"{page.NOTICE}.children" in c["output"]]
    body = {
        "output": callback["output"],
        "outputs": [
            {"id": page.NOTICE, "property": "children"},
            {"id": page.QUERY_STORE, "property": "data"},
        ],
        "inputs": [{"id": page.URL, "property": "search", "value": "?lang=ja&x=1"}],
        "changedPropIds": [f"{page.URL}.search"],
        "state": [{"id": ids.LANG_STORE, "property": "data", "value": "ja"}],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    result = response.get_json()["response"]
    assert result[page.QUERY_STORE]["data"] == "lang=ja"
    assert result[page.NOTICE]["children"] is not None


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


@pytest.mark.parametrize("query", ["", "?lang=en", "?lang=ja"])
def test_study_note_csv_has_100_rows_equal_to_the_library(client, query):
    response = client.get(f"/export/study-note.csv{query}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="study-note_step_sigmoid_relu.csv"'
    )
    header, *rows = read_csv(response)
    assert header == ["x", "step", "sigmoid", "relu"]
    assert len(rows) == 100
    values = np.array(rows, dtype=np.float64)
    x = np.arange(-5, 5, 0.1)
    np.testing.assert_array_equal(values[:, 0], x)
    for column, name in enumerate(header[1:], start=1):
        np.testing.assert_array_equal(values[:, column], activations.get(name)(x))
    assert rows[51][0] == repr(float(x[51]))  # full float64 repr


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("?fn=relu", "unknown query parameter"),
        ("?lang=en&n=5", "unknown query parameter"),
        ("?lang=fr", "not a language"),
        ("?lang=en&lang=ja", "given more than once"),
        ("?lang=" + "x" * 5000, "longer than"),
    ],
)
def test_study_note_csv_rejects_other_keys(client, query, reason):
    response = client.get(f"/export/study-note.csv{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("Invalid query:") and reason in text


def test_study_note_csv_reason_is_in_the_querys_language(client):
    response = client.get("/export/study-note.csv?lang=ja&xmin=0")
    assert response.status_code == 400
    assert response.get_data(as_text=True).startswith(translator("ja")("questions.csv_invalid"))


def test_each_note_plot_is_described_by_a_summary_and_has_a_table():
    main = page.create_questions(translator("en"), "en")
    nodes = flatten(main)
    ids_in_page = {getattr(n, "id", None) for n in nodes}
    figures = [n for n in nodes if type(n).__name__ == "Figure"]
    assert len(figures) == 3
    for figure in figures:
        assert getattr(figure, "aria-describedby") in ids_in_page
    text = text_of(main)
    assert "It jumps from 0 to 1 between x = -1.77636e-14 and x = 0.1" in text
    assert "the 38 points above it (up to y = 4.9) are off the top of the chart" in text
    assert "Sigmoid at 11 of the 100 points (the CSV has them all)" in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_every_table_has_a_caption_and_row_and_column_headers(lang):
    nodes = flatten(page.create_questions(translator(lang), lang))
    tables = [n for n in nodes if type(n).__name__ == "Table"]
    assert len(tables) == 6  # Q2, Q3, Q4 and one per note plot
    for table in tables:
        kinds = [type(n).__name__ for n in flatten(table)]
        assert kinds.count("Caption") == 1
        headers = [n for n in flatten(table) if type(n).__name__ == "Th"]
        assert {h.scope for h in headers} == {"col", "row"}


def test_the_page_has_no_inline_styles_and_its_table_boxes_are_keyboard_stops():
    nodes = flatten(page.create_questions(translator("en"), "en"))
    assert [n for n in nodes if getattr(n, "style", None)] == []
    ids_in_page = {getattr(n, "id", None) for n in nodes}
    boxes = [n for n in nodes if getattr(n, "className", None) == "table-scroll"]
    assert len(boxes) == 6
    for box in boxes:
        assert (box.tabIndex, box.role) == ("0", "region")
        assert getattr(box, "aria-labelledby") in ids_in_page
