"""The nonlinearity lab: why a network needs a nonlinear activation.

A random deep network of one input, drawn with the chosen activation. With
``identity`` every depth collapses to one straight line ``w·x + b`` (shown
exactly); with ReLU the output is piecewise linear and its pieces are
counted; with sigmoid or tanh it is a smooth curve. One callback owns the
view, as on the explorer: the URL restores the controls, the controls write
the URL, and both go through :func:`parse_nonlinearity_query`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from flask import Flask, Response, request

import activations
from components import ids
from components.callbacks import REPLACE_URL_JS
from components.controls import range_input, select
from components.downloads import csv_download, invalid_query
from components.figures import fmt
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translate, translator
from components.nonlinearity_lab import (
    DEFAULT_DEPTH,
    DEFAULT_FN,
    DEFAULT_POINTS,
    DEFAULT_SEED,
    DEFAULT_WIDTH,
    DEFAULT_XMAX,
    DEFAULT_XMIN,
    FEATURED,
    MAX_POINTS,
    MIN_POINTS,
    LabResult,
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
    problem_line,
    problem_reason,
    query_from_controls,
    table_rows,
)
from components.pages import Page
from components.state import Problem, format_number, query_from_search
from components.theme import for_display
from networks.limits import (
    INTERVAL,
    MAX_REGIONS,
    NONLINEARITY_DEPTH,
    NONLINEARITY_WIDTH,
    SEED,
    IntRange,
)

PATH = "/nonlinearity"
EXPORT_PATH = "/export/nonlinearity.csv"
COMPARISON_EXPORT_PATH = "/export/nonlinearity-comparison.csv"
COMPARISON_CHART = "nonlinearity-comparison"

# Component ids (the browser tests use them).
URL = "nonlinearity-url"
QUERY_STORE = "nonlinearity-query"
URL_SYNC_SINK = "nonlinearity-url-sync"
FN = "nonlinearity-fn"
DEPTH = "nonlinearity-depth"
DEPTH_VALUE = "nonlinearity-depth-value"
WIDTH = "nonlinearity-width"
WIDTH_VALUE = "nonlinearity-width-value"
SEED_INPUT = "nonlinearity-seed"
RESEED = "nonlinearity-reseed"
XMIN = "nonlinearity-xmin"
XMAX = "nonlinearity-xmax"
POINTS = "nonlinearity-n"
NOTICE = "nonlinearity-notice"
VERDICT = "nonlinearity-verdict"
PIECE_COUNT = "nonlinearity-piece-count"
COLLAPSE = "nonlinearity-collapse"
GRAPH = "nonlinearity-graph"
COMPARISON_GRAPH = "nonlinearity-comparison-graph"
SUMMARY = "nonlinearity-summary"
TABLE = "nonlinearity-table"
COMPARISON_SUMMARY = "nonlinearity-comparison-summary"
COMPARISON_TABLE = "nonlinearity-comparison-table"
DOWNLOAD = "nonlinearity-download"
COMPARISON_DOWNLOAD = "nonlinearity-comparison-download"

INPUT_DEBOUNCE_SECONDS = 0.5

OUTPUTS = {
    "figure": Output(GRAPH, "figure"),
    "comparison": Output(COMPARISON_GRAPH, "figure"),
    "summary": Output(SUMMARY, "children"),
    "table": Output(TABLE, "children"),
    "comparison_summary": Output(COMPARISON_SUMMARY, "children"),
    "comparison_table": Output(COMPARISON_TABLE, "children"),
    "verdict": Output(VERDICT, "children"),
    "notice": Output(NOTICE, "children"),
    "query": Output(QUERY_STORE, "data"),
    "download_href": Output(DOWNLOAD, "href"),
    "download_name": Output(DOWNLOAD, "download"),
    "comparison_href": Output(COMPARISON_DOWNLOAD, "href"),
    "comparison_name": Output(COMPARISON_DOWNLOAD, "download"),
    "fn": Output(FN, "value"),
    "depth": Output(DEPTH, "value"),
    "width": Output(WIDTH, "value"),
    "seed": Output(SEED_INPUT, "value"),
    "xmin": Output(XMIN, "value"),
    "xmax": Output(XMAX, "value"),
    "n": Output(POINTS, "value"),
}
INPUTS = {
    "search": Input(URL, "search"),
    "fn": Input(FN, "value"),
    "depth": Input(DEPTH, "value"),
    "width": Input(WIDTH, "value"),
    "seed": Input(SEED_INPUT, "value"),
    "reseed": Input(RESEED, "n_clicks"),
    "xmin": Input(XMIN, "value"),
    "xmax": Input(XMAX, "value"),
    "n": Input(POINTS, "value"),
    # Theme and presentation mode change how the charts look, not the view.
    "display": Input(ids.DISPLAY_STORE, "data"),
}
FIGURES = ("figure", "comparison")
CONTROLS = ("fn", "depth", "width", "seed", "xmin", "xmax", "n")

# A slider's number beside its label follows the slider in the browser.
SHOW_VALUE_JS = """
function (value) {
    if (value === null || value === undefined || value === "") {
        return window.dash_clientside.no_update;
    }
    return String(value);
}
"""


# --- layout ---------------------------------------------------------------------------


def build(tr: Translate, lang: str) -> html.Main:
    return html.Main(
        className="explorer nonlinearity",
        children=[
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=QUERY_STORE),
            html.Div(id=URL_SYNC_SINK, hidden=True),
            create_controls(tr, lang),
            create_results(tr),
        ],
    )


def activation_options(lang: str) -> list[dict[str, str]]:
    """The featured activations first (identity, ReLU, sigmoid, tanh, ...), then the rest."""
    rest = [name for name in activations.names() if name not in FEATURED]
    return [
        {"label": activations.get(name).label(lang), "value": name} for name in (*FEATURED, *rest)
    ]


def create_controls(tr: Translate, lang: str) -> html.Aside:
    return html.Aside(
        className="controls",
        **{"aria-label": tr("controls.label")},
        children=[
            _field(
                tr("nonlinearity.fn.label"),
                FN,
                select(FN, activation_options(lang), DEFAULT_FN),
                tr("nonlinearity.fn.hint"),
            ),
            _range_field(
                tr("nonlinearity.depth.label"),
                DEPTH,
                DEPTH_VALUE,
                NONLINEARITY_DEPTH,
                DEFAULT_DEPTH,
                tr(
                    "nonlinearity.depth.hint",
                    low=NONLINEARITY_DEPTH.low,
                    high=NONLINEARITY_DEPTH.high,
                ),
            ),
            _range_field(
                tr("nonlinearity.width.label"),
                WIDTH,
                WIDTH_VALUE,
                NONLINEARITY_WIDTH,
                DEFAULT_WIDTH,
                tr(
                    "nonlinearity.width.hint",
                    low=NONLINEARITY_WIDTH.low,
                    high=NONLINEARITY_WIDTH.high,
                ),
            ),
            html.Div(
                className="field",
                children=[
                    html.Label(tr("nonlinearity.seed.label"), htmlFor=SEED_INPUT),
                    html.Div(
                        className="inline-field lab-wrap",
                        children=[
                            dcc.Input(
                                id=SEED_INPUT,
                                type="number",
                                value=DEFAULT_SEED,
                                min=SEED.low,
                                max=SEED.high,
                                step=1,
                                debounce=INPUT_DEBOUNCE_SECONDS,
                                # Ten digits and the steppers.
                                className="number-input lab-number-wide",
                            ),
                            html.Button(
                                tr("nonlinearity.seed.next"),
                                id=RESEED,
                                n_clicks=0,
                                type="button",
                                className="button",
                            ),
                        ],
                    ),
                    html.P(tr("nonlinearity.seed.hint"), className="hint"),
                ],
            ),
            html.Fieldset(
                className="range",
                children=[
                    html.Legend(tr("range.legend")),
                    *_range_inputs(tr),
                    html.P(
                        tr(
                            "nonlinearity.range.hint",
                            low=format_number(INTERVAL.low),
                            high=format_number(INTERVAL.high),
                        ),
                        className="hint",
                    ),
                ],
            ),
            _field(
                tr("points.label"),
                POINTS,
                dcc.Input(
                    id=POINTS,
                    type="number",
                    value=DEFAULT_POINTS,
                    min=MIN_POINTS,
                    max=MAX_POINTS,
                    step=1,
                    debounce=INPUT_DEBOUNCE_SECONDS,
                    className="number-input lab-number",
                ),
                tr("points.hint", low=MIN_POINTS, high=f"{MAX_POINTS:,}"),
            ),
        ],
    )


def _range_field(
    label: str, component_id: str, value_id: str, bounds: IntRange, value: int, hint: str
) -> html.Div:
    """A labelled ``<input type=range>`` with its value written beside the label.

    The number is hidden from screen readers, which read the slider's own value.
    """
    return html.Div(
        className="field",
        children=[
            html.Div(
                className="range-heading",
                children=[
                    html.Label(label, htmlFor=component_id),
                    html.Span(
                        str(value), id=value_id, className="range-value", **{"aria-hidden": "true"}
                    ),
                ],
            ),
            # No debounce: dcc.Input's debounced path selects text, which a
            # range input cannot (a console error); each step is a cheap view.
            range_input(component_id, bounds.low, bounds.high, 1, value),
            html.P(hint, className="hint"),
        ],
    )


def _range_inputs(tr: Translate) -> list[Any]:
    """One labelled input per end, each on its own line (the column is narrow)."""
    children: list[Any] = []
    for text, component_id, value in (
        (tr("range.min"), XMIN, DEFAULT_XMIN),
        (tr("range.max"), XMAX, DEFAULT_XMAX),
    ):
        children.append(
            html.Label(
                className="inline-field",
                children=[
                    html.Span(text),
                    dcc.Input(
                        id=component_id,
                        type="number",
                        value=value,
                        min=INTERVAL.low,
                        max=INTERVAL.high,
                        step="any",
                        debounce=INPUT_DEBOUNCE_SECONDS,
                        className="number-input",
                    ),
                ],
            )
        )
    return children


def _field(label: str, component_id: str, control: Any, hint: str = "") -> html.Div:
    children: list[Any] = [html.Label(label, htmlFor=component_id), control]
    if hint:
        children.append(html.P(hint, className="hint"))
    return html.Div(className="field", children=children)


def _graph(component_id: str) -> dcc.Loading:
    # dcc.Graph fills its parent (an inline height of 100%): the loading
    # wrapper's class gives it the height the stylesheet asks for.
    return dcc.Loading(
        type="dot",
        delay_show=300,
        parent_className="lab-graph-box",
        children=dcc.Graph(
            id=component_id,
            className="graph",
            config={"displaylogo": False, "responsive": True},
        ),
    )


def _chart(graph_id: str, summary_id: str, table_id: str, tr: Translate) -> html.Figure:
    """A chart with its text alternative: a summary it is described by, and the numbers."""
    return html.Figure(
        className="graph-figure",
        **{"aria-describedby": summary_id},
        children=[
            _graph(graph_id),
            html.Figcaption(id=summary_id, className="graph-summary"),
            html.Details(
                className="data-table",
                children=[
                    html.Summary(tr("table.show")),
                    # Scrolls sideways on a phone: a named stop for the keyboard.
                    html.Div(
                        id=table_id,
                        className="table-scroll",
                        tabIndex="0",
                        role="region",
                        **{"aria-labelledby": caption_id(table_id)},
                    ),
                ],
            ),
        ],
    )


def _download(component_id: str, tr: Translate, href: str) -> html.A:
    return html.A(
        tr("download"), id=component_id, className="button", href=href, download="nonlinearity.csv"
    )


def create_results(tr: Translate) -> html.Section:
    return html.Section(
        className="results",
        children=[
            html.Div(id=NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            html.Section(
                className="panel",
                **{"aria-labelledby": "nonlinearity-verdict-title"},
                children=[
                    html.H2(tr("nonlinearity.verdict.title"), id="nonlinearity-verdict-title"),
                    html.Div(id=VERDICT, role="status", **{"aria-live": "polite"}),
                ],
            ),
            _chart(GRAPH, SUMMARY, TABLE, tr),
            _download(DOWNLOAD, tr, EXPORT_PATH),
            html.Section(
                className="panel",
                **{"aria-labelledby": "nonlinearity-comparison-title"},
                children=[
                    html.H2(
                        tr("nonlinearity.comparison.title"), id="nonlinearity-comparison-title"
                    ),
                    html.P(tr("nonlinearity.comparison.hint"), className="hint"),
                    _chart(COMPARISON_GRAPH, COMPARISON_SUMMARY, COMPARISON_TABLE, tr),
                    _download(COMPARISON_DOWNLOAD, tr, COMPARISON_EXPORT_PATH),
                ],
            ),
            create_explanation(tr),
        ],
    )


def create_explanation(tr: Translate) -> html.Section:
    """Why depth adds nothing without a nonlinear activation, in the note's words."""
    return html.Section(
        className="panel",
        **{"aria-labelledby": "nonlinearity-why-title"},
        children=[
            html.H2(tr("nonlinearity.why.title"), id="nonlinearity-why-title"),
            html.P(tr("nonlinearity.why.note")),
            html.P(tr("nonlinearity.why.line")),
            html.P(tr("nonlinearity.why.stack")),
            html.Pre(
                html.Code("w₂(w₁x + b₁) + b₂ = (w₂w₁)·x + (w₂b₁ + b₂)"),
                className="code",
            ),
            html.P(tr("nonlinearity.why.depth")),
            html.P(tr("nonlinearity.why.relu")),
            html.P(tr("nonlinearity.why.smooth")),
        ],
    )


# --- what the view shows -------------------------------------------------------------------


def verdict(result: LabResult, state: NonlinearityState) -> list[Any]:
    """In words: one straight line (and which), how many linear pieces, or a smooth curve."""
    tr = translator(state.lang)
    label = activations.get(state.fn).label(state.lang)
    interval = {"xmin": format_number(state.xmin), "xmax": format_number(state.xmax)}
    if result.collapse is not None:
        c = result.collapse
        formula = f"y = {affine_text(c.w, c.b)}"
        return [
            html.P(tr("nonlinearity.verdict.identity", depth=state.depth, width=state.width)),
            html.P(html.Code(formula, id=COLLAPSE), className="collapse-formula"),
            html.P(tr("nonlinearity.verdict.identity_gap", gap=fmt(c.max_gap), **interval)),
        ]
    pieces = result.pieces
    if pieces.kind == "piecewise_linear" and pieces.pieces is not None:
        count_key = "nonlinearity.pieces.one" if pieces.pieces == 1 else "nonlinearity.pieces.count"
        lines = [
            html.P(
                [
                    tr("nonlinearity.verdict.pieces", fn=label, **interval),
                    " ",
                    html.Strong(tr(count_key, count=pieces.pieces), id=PIECE_COUNT),
                ]
            )
        ]
        if pieces.breakpoints.size:
            lines.append(
                html.P(
                    tr("nonlinearity.verdict.breakpoints", count=int(pieces.breakpoints.size)),
                    className="hint",
                )
            )
        lines.append(html.P(tr("nonlinearity.verdict.grows"), className="hint"))
        return lines
    if pieces.kind == "too_many":
        return [html.P(tr("nonlinearity.verdict.too_many", max=f"{MAX_REGIONS:,}"))]
    if pieces.kind == "curved":
        return [html.P(tr("nonlinearity.verdict.curved", fn=label))]
    return [html.P(tr("nonlinearity.verdict.smooth", fn=label))]


def caption_id(table_id: str) -> str:
    """The id of the caption of the table shown in ``table_id`` (it names the scroll box)."""
    return f"{table_id}-caption"


def numbers_table(
    caption: str, header: Sequence[str], columns: Sequence[Any], table_id: str
) -> html.Table:
    """The first column (x) as row headers, the others as cells, at the table's sample rows."""
    rows = []
    for values in zip(*columns, strict=True):
        cells = [html.Th(fmt(float(values[0])), scope="row")]
        cells += [html.Td(fmt(float(v))) for v in values[1:]]
        rows.append(html.Tr(cells))
    return html.Table(
        className="properties numbers",
        children=[
            html.Caption(caption, id=caption_id(table_id)),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(rows),
        ],
    )


def lab_table(result: LabResult, state: NonlinearityState) -> html.Table:
    """The output (and for identity the line w·x + b) at a few evenly spaced samples."""
    tr = translator(state.lang)
    rows = table_rows(state.n)
    header = ["x", tr("nonlinearity.table.output", fn=activations.get(state.fn).label(state.lang))]
    columns = [result.x[rows], result.y[rows]]
    if result.collapse is not None:
        header.append(tr("nonlinearity.table.line"))
        columns.append(result.collapse.line[rows])
    caption = tr("nonlinearity.table.caption", rows=len(rows), n=f"{state.n:,}")
    return numbers_table(caption, header, columns, TABLE)


def comparison_table(
    x: Any, outputs: Sequence[tuple[str, Any]], state: NonlinearityState
) -> html.Table:
    """Each compared activation's output at a few evenly spaced samples."""
    tr = translator(state.lang)
    rows = table_rows(state.n)
    header = ["x", *(activations.get(name).label(state.lang) for name, _ in outputs)]
    columns = [x[rows], *(y[rows] for _, y in outputs)]
    caption = tr("nonlinearity.table.comparison_caption", rows=len(rows), n=f"{state.n:,}")
    return numbers_table(caption, header, columns, COMPARISON_TABLE)


def notice_box(title_key: str, problems: Sequence[Problem], lang: str) -> Any:
    if not problems:
        return None
    return html.Div(
        className="notice-box",
        children=[
            html.Strong(translator(lang)(title_key)),
            html.Ul([html.Li(problem_line(problem, lang)) for problem in problems]),
        ],
    )


def render_view(
    state: NonlinearityState,
    notice: Any,
    export_path: str = EXPORT_PATH,
    comparison_path: str = COMPARISON_EXPORT_PATH,
) -> dict[str, Any]:
    """Everything the page shows for one valid state (the controls aside)."""
    result = compute_lab(state)
    x, outputs = compute_comparison(state, result)
    query = state.to_query()
    return {
        "figure": lab_figure(result, state),
        "comparison": comparison_figure(x, outputs, state),
        "summary": lab_summary(result, state),
        "table": lab_table(result, state),
        "comparison_summary": comparison_summary(x, outputs, state),
        "comparison_table": comparison_table(x, outputs, state),
        "verdict": verdict(result, state),
        "notice": notice,
        "query": query,
        "download_href": f"{export_path}?{query}",
        "download_name": csv_filename(state),
        "comparison_href": f"{comparison_path}?{query}",
        "comparison_name": csv_filename(state, COMPARISON_CHART),
    }


def control_values(state: NonlinearityState) -> dict[str, Any]:
    return {
        "fn": state.fn,
        "depth": state.depth,
        "width": state.width,
        "seed": state.seed,
        "xmin": state.xmin,
        "xmax": state.xmax,
        "n": state.n,
    }


def unchanged_outputs() -> dict[str, Any]:
    return dict.fromkeys(OUTPUTS, no_update)


def view_from_url(
    search: str | None,
    lang: str = DEFAULT_LANGUAGE,
    export_path: str = EXPORT_PATH,
    comparison_path: str = COMPARISON_EXPORT_PATH,
) -> dict[str, Any]:
    """Opening a link: repair what is invalid, show the view, say what was changed."""
    state, problems = parse_nonlinearity_query(query_from_search(search), default_lang=lang)
    notice = notice_box("notice.link", problems, state.lang)
    return render_view(state, notice, export_path, comparison_path) | control_values(state)


def next_seed(seed: Any) -> Any:
    """The seed after ``seed`` (wrapping to 0 after the last); anything else is left as is."""
    if isinstance(seed, bool) or not isinstance(seed, (int, float)) or seed != int(seed):
        return seed
    return int(seed) + 1 if SEED.low <= seed < SEED.high else SEED.low


def view_from_controls(
    trigger: Any,
    values: dict[str, Any],
    lang: str = DEFAULT_LANGUAGE,
    export_path: str = EXPORT_PATH,
    comparison_path: str = COMPARISON_EXPORT_PATH,
) -> dict[str, Any]:
    """A control changed: the new view, or the last good one kept and the reason shown."""
    controls = {name: values.get(name) for name in CONTROLS}
    if trigger == RESEED:
        controls["seed"] = next_seed(controls["seed"])
    raw = query_from_controls(lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE, **controls)
    state, problems = parse_nonlinearity_query(raw)
    if problems:
        outputs = unchanged_outputs()
        outputs["notice"] = notice_box("notice.controls", problems, state.lang)
        return outputs
    outputs = unchanged_outputs() | render_view(state, None, export_path, comparison_path)
    if trigger == RESEED:
        outputs["seed"] = state.seed
    return outputs


def view_from_display(shown: Any, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The theme or presentation mode changed: redraw the figures of the view on show.

    ``shown`` is the query of the last good view (the query store), so a
    mistake waiting in a control neither stops the redraw nor is drawn.
    """
    try:
        raw = query_from_search(shown if isinstance(shown, str) else "")
    except ValueError:  # more fields than a view has: the store was tampered with
        raw = {}
    state, _problems = parse_nonlinearity_query(raw, default_lang=lang)
    result = compute_lab(state)
    x, compared = compute_comparison(state, result)
    outputs = unchanged_outputs()
    outputs["figure"] = lab_figure(result, state)
    outputs["comparison"] = comparison_figure(x, compared, state)
    return outputs


def update_view(
    trigger: Any,
    search: Any,
    values: dict[str, Any],
    display: Any = None,
    shown: Any = None,
    lang: Any = DEFAULT_LANGUAGE,
    export_path: str = EXPORT_PATH,
    comparison_path: str = COMPARISON_EXPORT_PATH,
) -> dict[str, Any]:
    """Whatever changed (link, control, display), the outputs, figures in the visitor's theme."""
    page_lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    if trigger is None or trigger == URL:
        outputs = view_from_url(search, page_lang, export_path, comparison_path)
    elif trigger == ids.DISPLAY_STORE:
        outputs = view_from_display(shown, page_lang)
    else:
        outputs = view_from_controls(trigger, values, page_lang, export_path, comparison_path)
    for key in FIGURES:
        if outputs[key] is not no_update:
            outputs[key] = for_display(outputs[key], display)
    return outputs


def register_callbacks(app: Dash) -> None:
    export_path = app.get_relative_path(EXPORT_PATH)
    comparison_path = app.get_relative_path(COMPARISON_EXPORT_PATH)

    def callback(
        search: Any,
        fn: Any,
        depth: Any,
        width: Any,
        seed: Any,
        reseed: Any,
        xmin: Any,
        xmax: Any,
        n: Any,
        display: Any,
        lang: Any,
        shown: Any,
    ) -> dict[str, Any]:
        values = {"fn": fn, "depth": depth, "width": width, "seed": seed}
        values |= {"xmin": xmin, "xmax": xmax, "n": n}
        return update_view(
            ctx.triggered_id,
            search,
            values,
            display,
            shown,
            lang,
            export_path,
            comparison_path,
        )

    app.callback(
        output=OUTPUTS,
        inputs=INPUTS,
        state={"lang": State(ids.LANG_STORE, "data"), "shown": State(QUERY_STORE, "data")},
    )(callback)
    app.clientside_callback(
        REPLACE_URL_JS,
        Output(URL_SYNC_SINK, "children"),
        Input(QUERY_STORE, "data"),
    )
    for slider, shown in ((DEPTH, DEPTH_VALUE), (WIDTH, WIDTH_VALUE)):
        app.clientside_callback(SHOW_VALUE_JS, Output(shown, "children"), Input(slider, "value"))


# --- CSV routes ----------------------------------------------------------------------------


def _csv_response(chart: str) -> Response:
    state, problems = parse_nonlinearity_query(request.args.to_dict(flat=False))
    if problems:
        heading = translator(state.lang)("export.invalid")
        return invalid_query(heading, (problem_reason(p, state.lang) for p in problems))
    body = lab_csv(state) if chart == "nonlinearity" else comparison_csv(state)
    return csv_download(body, csv_filename(state, chart))


def export_nonlinearity_csv() -> Response:
    """``GET /export/nonlinearity.csv``: ``x,<fn>`` (and ``affine`` for identity)."""
    return _csv_response("nonlinearity")


def export_comparison_csv() -> Response:
    """``GET /export/nonlinearity-comparison.csv``: ``x,identity,relu,tanh[,<fn>]``."""
    return _csv_response(COMPARISON_CHART)


def register_routes(server: Flask) -> None:
    server.add_url_rule(EXPORT_PATH, "nonlinearity_csv", export_nonlinearity_csv, methods=["GET"])
    server.add_url_rule(
        COMPARISON_EXPORT_PATH,
        "nonlinearity_comparison_csv",
        export_comparison_csv,
        methods=["GET"],
    )


PAGE = Page(
    path=PATH,
    nav_key="nav.nonlinearity",
    order=30,
    build=build,
    register_callbacks=register_callbacks,
    register_routes=register_routes,
)
