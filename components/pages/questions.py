"""The study note's questions, answered, each with a demonstration computed live.

The page has no controls: its whole view is ``/questions?lang=<en|ja>``. Every
number and every output block is computed when the page is built, by the
pure functions in :mod:`components.questions_demos`. One CSV route,
``/export/study-note.csv?lang=..``, serves the note's three plots.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from dash import Dash, Input, Output, State, dcc, html
from flask import Flask, Response, request

import activations
from components import ids
from components import questions_demos as demos
from components.callbacks import REPLACE_URL_JS
from components.downloads import csv_download, invalid_query
from components.figures import fmt
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translate, translator
from components.pages import Page
from components.state import Problem, query_from_search
from components.theme import for_display

URL = "questions-url"
QUERY_STORE = "questions-query"
URL_SYNC_SINK = "questions-url-sync-sink"
NOTICE = "questions-notice"
CELLS = "questions-cells"
COLLAPSE_TABLE = "questions-collapse"
VANISHING_TABLE = "questions-vanishing"
KINK_DEMO = "questions-kink"
PRESET = "questions-preset"
CSV_LINK = "questions-csv"
CHART_PREFIX = "questions-chart-"

EXPORT_RULE = "/export/study-note.csv"
CSV_FILENAME = "study-note_step_sigmoid_relu.csv"


def chart_id(name: str) -> str:
    return f"{CHART_PREFIX}{name}"


# --- small builders ------------------------------------------------------------------------


def inline(text: str) -> list[Any]:
    """Plain text with `backticked` parts as <code> (for headings)."""
    parts = text.split("`")
    return [html.Code(part) if i % 2 else part for i, part in enumerate(parts) if part]


def markdown(text: str) -> dcc.Markdown:
    return dcc.Markdown(text, className="questions-text")


def section(section_id: str, title: str, children: list[Any]) -> html.Section:
    return html.Section(
        id=section_id,
        className="panel",
        children=[html.H2(inline(title)), *children],
    )


def table(header: list[str], rows: list[list[str]], table_id: str, caption: str) -> html.Div:
    """A table that scrolls on its own when narrow; each row is named by its first cell.

    The scroll box is a keyboard stop named by the caption, so a table wider
    than a phone can be scrolled without a pointer.
    """
    body = [html.Tr([html.Th(row[0], scope="row"), *(html.Td(c) for c in row[1:])]) for row in rows]
    caption_id = f"{table_id}-caption"
    return html.Div(
        className="table-scroll",
        tabIndex="0",
        role="region",
        **{"aria-labelledby": caption_id},
        children=html.Table(
            id=table_id,
            className="properties numbers",
            children=[
                html.Caption(caption, id=caption_id),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
                html.Tbody(body),
            ],
        ),
    )


def link(text: str, path: str, lang: str) -> html.P:
    return html.P(dcc.Link(text, href=f"{path}?lang={lang}"))


def cell_block(number: int, cell: demos.Cell, tr: Translate) -> html.Div:
    """A notebook cell: the code, then what it printed (an error in red)."""
    return html.Div(
        className="questions-cell",
        children=[
            html.Div(f"{tr('questions.in')} [{number}]:", className="hint"),
            html.Pre(html.Code(cell.code), className="code"),
            html.Div(f"{tr('questions.out')} [{number}]:", className="hint"),
            html.Pre(
                cell.output,
                className="code questions-output" + (" questions-error" if cell.error else ""),
            ),
        ],
    )


# --- the five answers ----------------------------------------------------------------------


def truth_value_section(tr: Translate) -> html.Section:
    cells = demos.truth_value_cells()
    x50 = repr(float(demos.study_note_x()[50]))
    return section(
        "questions-q1",
        tr("questions.q1.title"),
        [
            markdown(tr("questions.q1.answer")),
            html.P(tr("questions.q1.run", version=np.__version__)),
            html.Div(
                id=CELLS,
                children=[cell_block(i, cell, tr) for i, cell in enumerate(cells, start=1)],
            ),
            markdown(tr("questions.q1.np_int")),
            markdown(tr("questions.q1.floats", x50=x50)),
        ],
    )


def nonlinear_section(tr: Translate, lang: str) -> html.Section:
    result = demos.linear_collapse()
    layers = (
        f"W1 = np.array({demos.W1.tolist()}); b1 = np.array({demos.B1.tolist()})\n"
        f"W2 = np.array({demos.W2.tolist()}); b2 = np.array({demos.B2.tolist()})\n"
        "two = W2 @ (W1 @ x + b1) + b2\n"
        "with_relu = W2 @ np.maximum(0, W1 @ x + b1) + b2"
    )
    rows = [
        [fmt(x), fmt(two), fmt(one), fmt(bent)]
        for x, two, one, bent in zip(
            result.x, result.two_layers, result.one_layer, result.with_relu, strict=True
        )
    ]
    header = [
        tr("questions.q2.col_x"),
        tr("questions.q2.col_two"),
        tr("questions.q2.col_one"),
        tr("questions.q2.col_relu"),
    ]
    slopes = ", ".join(fmt(s) for s in result.relu_slopes)
    return section(
        "questions-q2",
        tr("questions.q2.title"),
        [
            markdown(tr("questions.q2.answer")),
            html.P(tr("questions.q2.demo")),
            html.Pre(html.Code(layers), className="code"),
            table(header, rows, COLLAPSE_TABLE, tr("questions.q2.caption")),
            html.P(
                tr(
                    "questions.q2.collapse",
                    w=fmt(result.w),
                    b=fmt(result.b),
                    diff=fmt(result.max_difference),
                )
            ),
            html.P(tr("questions.q2.bent", slopes=slopes)),
            link(tr("questions.q2.link"), "/nonlinearity", lang),
        ],
    )


def vanishing_section(tr: Translate, lang: str) -> html.Section:
    result = demos.vanishing()
    peak, relu = fmt(result.sigmoid_peak), fmt(result.relu_peak)
    rows = [[str(depth), fmt(s), fmt(r)] for depth, s, r in result.rows]
    header = [
        tr("questions.q3.col_depth"),
        tr("questions.q3.col_sigmoid"),
        tr("questions.q3.col_relu"),
    ]
    deepest, deepest_value, _ = result.rows[-1]
    return section(
        "questions-q3",
        tr("questions.q3.title"),
        [
            markdown(tr("questions.q3.answer", peak=peak, relu=relu)),
            table(header, rows, VANISHING_TABLE, tr("questions.q3.caption")),
            html.P(tr("questions.q3.caveat", depth=deepest, value=fmt(deepest_value))),
            link(tr("questions.q3.link"), "/gradients", lang),
        ],
    )


def kink_section(tr: Translate, lang: str) -> html.Section:
    result = demos.kink()
    rows = [[fmt(beta), fmt(bound), fmt(measured)] for beta, bound, measured in result.softplus]
    header = [
        tr("questions.q4.col_beta"),
        tr("questions.q4.col_bound"),
        tr("questions.q4.col_measured"),
    ]
    values = ", ".join(fmt(v) for v in result.grad)
    return section(
        "questions-q4",
        tr("questions.q4.title"),
        [
            markdown(tr("questions.q4.answer")),
            html.Ul(
                id=KINK_DEMO,
                children=[
                    html.Li(
                        markdown(
                            tr(
                                "questions.q4.zero",
                                zeros=f"{result.exact_zeros:,}",
                                draws=f"{result.draws:,}",
                            )
                        )
                    ),
                    html.Li(markdown(tr("questions.q4.convention", values=values))),
                    html.Li(markdown(tr("questions.q4.active"))),
                    html.Li(markdown(tr("questions.q4.softplus"))),
                ],
            ),
            table(header, rows, "questions-softplus", tr("questions.q4.caption")),
            link(tr("questions.q4.link"), "/smoothness", lang),
        ],
    )


def note_figures(lang: str) -> dict[str, dict[str, Any]]:
    """The note's three plots in ``lang``, in the light theme, by function name."""
    tr = translator(lang)
    x = demos.study_note_x()
    curves = demos.study_note_curves()
    return {
        name: demos.study_note_figure(
            name,
            x,
            curves[name],
            demos.NOTE_INDEX[name],
            activations.get(name).label(lang),
            tr("questions.q5.axis_x"),
            tr("questions.q5.axis_y"),
        )
        for name in demos.NOTE_FUNCTIONS
    }


def plot_summary(name: str, tr: Translate, lang: str) -> str:
    """One note plot in words: the grid, the span of y, a jump, what the y-limits hide."""
    x = demos.study_note_x()
    y = demos.study_note_curves()[name]
    facts = demos.plot_facts(x, y)
    parts = [
        tr(
            "questions.q5.summary",
            label=activations.get(name).label(lang),
            count=len(x),
            first=fmt(float(x[0])),
            last=fmt(float(x[-1])),
            ymin=fmt(facts.ymin),
            ymax=fmt(facts.ymax),
        )
    ]
    if facts.jump is not None:
        a, b, low, high = facts.jump
        parts.append(
            tr("questions.q5.summary_jump", a=fmt(a), b=fmt(b), low=fmt(low), high=fmt(high))
        )
    if facts.above:
        top = fmt(demos.NOTE_YLIM[1])
        parts.append(
            tr("questions.q5.summary_above", top=top, count=facts.above, ymax=fmt(facts.ymax))
        )
    return tr("summary.join").join(parts)


def plot_table(name: str, tr: Translate, lang: str) -> html.Div:
    """A note plot's numbers at a few evenly spaced points (the CSV has all of them)."""
    x = demos.study_note_x()
    y = demos.study_note_curves()[name]
    rows = demos.table_rows(len(x))
    caption = tr(
        "questions.q5.table_caption",
        label=activations.get(name).label(lang),
        rows=len(rows),
        count=len(x),
    )
    body = [[fmt(float(x[i])), fmt(float(y[i]))] for i in rows]
    return table(["x", "y"], body, f"{chart_id(name)}-table", caption)


def plot_figure(name: str, tr: Translate, lang: str) -> html.Figure:
    """A note plot with its text alternative: a summary it is described by, and a table."""
    summary_id = f"{chart_id(name)}-summary"
    return html.Figure(
        className="graph-figure",
        **{"aria-describedby": summary_id},
        children=[
            # dcc.Graph fills its parent (an inline height of 100%): the box
            # has the height the stylesheet asks for. The figure is drawn by
            # draw_note_figures, in the visitor's theme.
            html.Div(
                className="questions-graph-box",
                children=dcc.Graph(
                    id=chart_id(name),
                    className="questions-graph",
                    config={"displayModeBar": False, "responsive": True},
                ),
            ),
            html.Figcaption(plot_summary(name, tr, lang), id=summary_id, className="graph-summary"),
            html.Details(
                className="data-table",
                children=[html.Summary(tr("table.show")), plot_table(name, tr, lang)],
            ),
        ],
    )


def preset_section(tr: Translate, lang: str) -> html.Section:
    x = demos.study_note_x()
    differences = demos.note_vs_library()
    cards = []
    for name in demos.NOTE_FUNCTIONS:
        cards.append(
            html.Div(
                className="questions-plot",
                children=[
                    html.Div(
                        className="questions-plot-chart",
                        children=[
                            plot_figure(name, tr, lang),
                            html.P(
                                dcc.Link(
                                    tr("questions.q5.explore"),
                                    href="/?" + demos.explorer_query(name, lang),
                                )
                            ),
                        ],
                    ),
                    html.Div(
                        className="questions-plot-code",
                        children=[
                            html.Div(tr("questions.q5.code"), className="hint"),
                            html.Pre(html.Code(demos.NOTE_CODE[name]), className="code"),
                            html.P(
                                tr("questions.q5.match", diff=fmt(differences[name])),
                                className="hint",
                            ),
                        ],
                    ),
                ],
            )
        )
    return section(
        PRESET,
        tr("questions.q5.title"),
        [
            markdown(tr("questions.q5.intro")),
            html.P(
                tr(
                    "questions.q5.grid",
                    count=len(x),
                    first=repr(float(x[0])),
                    last=repr(float(x[-1])),
                )
            ),
            *cards,
            html.A(
                tr("questions.q5.csv"),
                id=CSV_LINK,
                className="button",
                href=f"{EXPORT_RULE}?lang={lang}",
                download=CSV_FILENAME,
            ),
        ],
    )


def create_questions(tr: Translate, lang: str) -> html.Main:
    """The page: five questions from the note, each answered with a live demonstration."""
    return html.Main(
        className="questions",
        children=[
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=QUERY_STORE),
            html.Div(id=URL_SYNC_SINK, hidden=True),
            html.H2(tr("questions.title")),
            html.P(tr("questions.intro", version=np.__version__)),
            html.Div(id=NOTICE, className="notice", **{"aria-live": "polite"}),
            truth_value_section(tr),
            nonlinear_section(tr, lang),
            vanishing_section(tr, lang),
            kink_section(tr, lang),
            preset_section(tr, lang),
        ],
    )


# --- callbacks and routes ----------------------------------------------------------------


def notice_box(problems: tuple[Problem, ...], lang: str) -> Any:
    if not problems:
        return None
    return html.Div(
        className="notice-box",
        children=[
            html.Strong(translator(lang)("questions.notice")),
            html.Ul([html.Li(problem.text(lang)) for problem in problems]),
        ],
    )


def update_questions(search: str | None, lang: Any) -> tuple[Any, str]:
    """The link's problems (if any) and the canonical query ``lang=<lang>``."""
    page_lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    try:
        raw = query_from_search(search)
    except ValueError:  # more fields than parse_qs accepts
        raw = {"query": ["…"]}
    state, problems = demos.parse_questions_query(raw, page_lang)
    return notice_box(problems, state.lang), state.to_query()


def draw_note_figures(search: Any, display: Any, lang: Any) -> list[dict[str, Any]]:
    """The note's plots in the page's language and the visitor's theme (step, sigmoid, relu).

    ``search`` only makes the first call happen when the page is built.
    """
    figures = note_figures(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    return [for_display(figures[name], display) for name in demos.NOTE_FUNCTIONS]


def register_callbacks(app: Dash) -> None:
    app.callback(
        Output(NOTICE, "children"),
        Output(QUERY_STORE, "data"),
        Input(URL, "search"),
        State(ids.LANG_STORE, "data"),
    )(update_questions)
    app.callback(
        [Output(chart_id(name), "figure") for name in demos.NOTE_FUNCTIONS],
        Input(URL, "search"),
        Input(ids.DISPLAY_STORE, "data"),
        State(ids.LANG_STORE, "data"),
    )(draw_note_figures)
    app.clientside_callback(
        REPLACE_URL_JS,
        Output(URL_SYNC_SINK, "children"),
        Input(QUERY_STORE, "data"),
    )


def export_study_note() -> Response:
    """``GET /export/study-note.csv?lang=..``: x, step, sigmoid, relu on np.arange(-5, 5, 0.1)."""
    state, problems = demos.parse_questions_query(
        request.args.to_dict(flat=False), DEFAULT_LANGUAGE
    )
    if problems:
        heading = translator(state.lang)("questions.csv_invalid")
        return invalid_query(heading, (p.reason(state.lang) for p in problems))
    return csv_download(demos.study_note_csv(), CSV_FILENAME)


def register_routes(server: Flask) -> None:
    server.add_url_rule(EXPORT_RULE, "questions_study_note_csv", export_study_note, methods=["GET"])


PAGE = Page(
    path="/questions",
    nav_key="nav.questions",
    order=40,
    build=create_questions,
    register_callbacks=register_callbacks,
    register_routes=register_routes,
)
