"""The vanishing-gradient lab (``/gradients``): the bound, real backprop, and training.

The page is built with its default numbers already drawn (so its callbacks
skip the initial call), from the pure builders of :mod:`components.gradients_lab`.
Two callbacks serve it:

* :func:`network_view` — parts 1 and 2 (the bound and the gradient norms at
  initialisation) from their controls;
* :func:`training_step` — part 3: Start, Pause, Reset, a changed control and
  every tick of the ``dcc.Interval`` that drives training while it runs.

Training is stateless on the server. The runs live in the browser
(``dcc.Store``, JSON from :func:`networks.state_to_json`), come back with
each request and are checked again every time (:func:`runs_from_store`);
each request trains one chunk sized to stay within
:data:`networks.limits.CHUNK_SECONDS`. The interval fires once per answer:
every answer that keeps training sets ``max_intervals`` one past the current
count, so the next chunk is only asked for once the previous one is back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask import Flask, Response, request

import activations
from components import ids as frame_ids
from components.callbacks import REPLACE_URL_JS
from components.controls import checklist, fieldset, range_input, select
from components.downloads import csv_download, invalid_query
from components.gradients_lab import (
    BATCH_FULL,
    DEFAULT_BOUND_DEPTH,
    DEFAULT_DATASET,
    DEFAULT_DEPTH,
    DEFAULT_EPOCHS,
    DEFAULT_FUNCTIONS,
    DEFAULT_INIT,
    DEFAULT_LEARNING_RATE,
    DEFAULT_NOISE,
    DEFAULT_OPTIMISER,
    DEFAULT_POINTS,
    DEFAULT_SEED,
    DEFAULT_SIGMA,
    DEFAULT_TRAIN_DEPTH,
    DEFAULT_TRAIN_INIT,
    DEFAULT_TRAIN_WIDTH,
    DEFAULT_WIDTH,
    EPOCHS,
    INIT_CHOICES,
    KEY_BATCH,
    KEY_DATASET,
    KEY_DEPTH,
    KEY_EPOCHS,
    KEY_FUNCTIONS,
    KEY_INIT,
    KEY_LANGUAGE,
    KEY_LEARNING_RATE,
    KEY_NOISE,
    KEY_OPTIMISER,
    KEY_POINTS,
    KEY_SEED,
    KEY_SIGMA,
    KEY_WIDTH,
    MAX_FUNCTIONS,
    MAX_TRAIN_FUNCTIONS,
    PAGE_BATCH_CHOICES,
    PAGE_BOUND_DEPTH,
    PAGE_GRADIENT_DEPTH,
    PAGE_TRAIN_DEPTH,
    PAGE_TRAIN_FUNCTIONS,
    PAGE_TRAIN_INIT,
    PAGE_TRAIN_SEED,
    PAGE_TRAIN_SIGMA,
    PAGE_TRAIN_WIDTH,
    ChartText,
    GradientsView,
    LabProblem,
    NetworkQuery,
    NumberTable,
    StoreError,
    TrainingQuery,
    TrainingView,
    advance,
    all_done,
    bound_csv,
    bound_figure,
    bound_table,
    bound_text,
    csv_epoch_cap,
    decision_boundary_csv,
    decision_grids,
    gradient_csv,
    gradient_figure,
    gradient_table,
    new_runs,
    norms_text,
    parse_bound_query,
    parse_data_query,
    parse_gradient_query,
    parse_gradients_query,
    parse_training_query,
    query_matches_runs,
    raw_from_controls,
    runs_from_store,
    runs_to_store,
    trained_runs,
    training_csv,
    training_data_csv,
    training_gradients_csv,
    training_losses,
    training_view,
)
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translate, translator
from components.layout import function_option
from components.pages import Page
from components.state import query_from_search
from components.theme import LIGHT, for_display, parse_display
from networks import limits
from networks.training import TrainState, dataset_for

PATH = "/gradients"
BOUND_CSV = "/export/gradient-bound.csv"
GRADIENTS_CSV = "/export/gradients.csv"
TRAINING_CSV = "/export/training.csv"
TRAINING_GRADIENTS_CSV = "/export/training-gradients.csv"
BOUNDARY_CSV = "/export/decision-boundary.csv"
DATA_CSV = "/export/training-data.csv"

#: A slow redraw shows a spinner after this long (ms); a quick one shows nothing.
LOADING_DELAY_MS = 300
#: Pause between one chunk's answer and the next request (ms).
TICK_MS = 100
INPUT_DEBOUNCE_SECONDS = 0.5


class Ids:
    """Every component id of this page (the browser tests use them)."""

    FUNCTIONS = "grad-functions"
    BOUND_DEPTH = "grad-bound-depth"
    DEPTH = "grad-depth"
    WIDTH = "grad-width"
    INIT = "grad-init"
    SIGMA = "grad-sigma"
    SIGMA_FIELD = "grad-sigma-field"
    SEED = "grad-seed"
    NOTICE = "grad-notice"
    BOUND_GRAPH = "grad-bound-graph"
    BOUND_TEXT = "grad-bound-text"
    BOUND_DOWNLOAD = "grad-bound-download"
    NORMS_GRAPH = "grad-norms-graph"
    RATIOS = "grad-ratios"
    NORMS_DOWNLOAD = "grad-norms-download"

    TRAIN_FUNCTIONS = "train-functions"
    TRAIN_DATASET = "train-dataset"
    TRAIN_POINTS = "train-points"
    TRAIN_NOISE = "train-noise"
    TRAIN_DEPTH = "train-depth"
    TRAIN_WIDTH = "train-width"
    TRAIN_INIT = "train-init"
    TRAIN_SIGMA = "train-sigma"
    TRAIN_SIGMA_FIELD = "train-sigma-field"
    TRAIN_OPTIMISER = "train-optimiser"
    TRAIN_LR = "train-lr"
    TRAIN_BATCH = "train-batch"
    TRAIN_SEED = "train-seed"
    TRAIN_EPOCHS = "train-epochs"
    START = "train-start"
    PAUSE = "train-pause"
    RESET = "train-reset"
    INTERVAL = "train-interval"
    STORE = "train-store"
    PROGRESS = "train-progress"
    PROGRESS_BAR = "train-progress-bar"
    COUNTER = "train-counter"
    STATUS = "train-status"
    SUMMARY = "train-summary"
    LOSS_GRAPH = "train-loss-graph"
    TRAIN_NORMS_GRAPH = "train-norms-graph"
    BOUNDARY_GRAPH = "train-boundary-graph"
    TRAIN_DOWNLOAD = "train-download"
    TRAIN_DOWNLOAD_HINT = "train-download-hint"
    TRAIN_NORMS_DOWNLOAD = "train-norms-download"
    BOUNDARY_DOWNLOAD = "train-boundary-download"
    DATA_DOWNLOAD = "train-data-download"

    BOUND_TABLE = "grad-bound-table"
    NORMS_TABLE = "grad-norms-table"
    LOSS_SUMMARY = "train-loss-summary"
    LOSS_TABLE = "train-loss-table"
    TRAIN_NORMS_SUMMARY = "train-norms-summary"
    TRAIN_NORMS_TABLE = "train-norms-table"
    BOUNDARY_SUMMARY = "train-boundary-summary"
    BOUNDARY_TABLE = "train-boundary-table"

    BOUND_DEPTH_VALUE = "grad-bound-depth-value"
    DEPTH_VALUE = "grad-depth-value"
    TRAIN_DEPTH_VALUE = "train-depth-value"

    URL = "grad-url"
    QUERY_STORE = "grad-query"
    URL_SYNC_SINK = "grad-url-sync"
    LINK_NOTICE = "grad-link-notice"


#: Each chart's table -> the catalogue key of its title (names its scrolling box).
TABLE_TITLES: dict[str, str] = {
    Ids.BOUND_TABLE: "gradients.table.bound",
    Ids.NORMS_TABLE: "gradients.table.norms",
    Ids.LOSS_TABLE: "gradients.table.loss",
    Ids.TRAIN_NORMS_TABLE: "gradients.table.train_norms",
    Ids.BOUNDARY_TABLE: "gradients.table.boundary",
}

#: Each range input -> the text beside it that shows its value.
RANGE_VALUES: dict[str, str] = {
    Ids.BOUND_DEPTH: Ids.BOUND_DEPTH_VALUE,
    Ids.DEPTH: Ids.DEPTH_VALUE,
    Ids.TRAIN_DEPTH: Ids.TRAIN_DEPTH_VALUE,
}

# Training controls: query key -> component id (the callback reads them in this order).
TRAIN_CONTROLS: dict[str, str] = {
    KEY_FUNCTIONS: Ids.TRAIN_FUNCTIONS,
    KEY_DATASET: Ids.TRAIN_DATASET,
    KEY_POINTS: Ids.TRAIN_POINTS,
    KEY_NOISE: Ids.TRAIN_NOISE,
    KEY_DEPTH: Ids.TRAIN_DEPTH,
    KEY_WIDTH: Ids.TRAIN_WIDTH,
    KEY_INIT: Ids.TRAIN_INIT,
    KEY_SIGMA: Ids.TRAIN_SIGMA,
    KEY_OPTIMISER: Ids.TRAIN_OPTIMISER,
    KEY_LEARNING_RATE: Ids.TRAIN_LR,
    KEY_BATCH: Ids.TRAIN_BATCH,
    KEY_SEED: Ids.TRAIN_SEED,
    KEY_EPOCHS: Ids.TRAIN_EPOCHS,
}
BATCH_CHOICES = PAGE_BATCH_CHOICES

#: Page query key -> the control that shows it (see :class:`GradientsView`).
PAGE_CONTROLS: dict[str, str] = {
    KEY_FUNCTIONS: Ids.FUNCTIONS,
    PAGE_BOUND_DEPTH: Ids.BOUND_DEPTH,
    PAGE_GRADIENT_DEPTH: Ids.DEPTH,
    KEY_WIDTH: Ids.WIDTH,
    KEY_INIT: Ids.INIT,
    KEY_SIGMA: Ids.SIGMA,
    KEY_SEED: Ids.SEED,
    PAGE_TRAIN_FUNCTIONS: Ids.TRAIN_FUNCTIONS,
    KEY_DATASET: Ids.TRAIN_DATASET,
    KEY_POINTS: Ids.TRAIN_POINTS,
    KEY_NOISE: Ids.TRAIN_NOISE,
    PAGE_TRAIN_DEPTH: Ids.TRAIN_DEPTH,
    PAGE_TRAIN_WIDTH: Ids.TRAIN_WIDTH,
    PAGE_TRAIN_INIT: Ids.TRAIN_INIT,
    PAGE_TRAIN_SIGMA: Ids.TRAIN_SIGMA,
    KEY_OPTIMISER: Ids.TRAIN_OPTIMISER,
    KEY_LEARNING_RATE: Ids.TRAIN_LR,
    KEY_BATCH: Ids.TRAIN_BATCH,
    PAGE_TRAIN_SEED: Ids.TRAIN_SEED,
    KEY_EPOCHS: Ids.TRAIN_EPOCHS,
}

SHOW_VALUE_JS = """
function (value) {
    return value === null || value === undefined ? "" : String(value);
}
"""

# Layout classes (assets/gradients.css).
ROW = "gradients-row"
SECTION = "panel gradients-section"
# A column of controls beside the charts they drive (one column on a phone).
WORKSPACE = "gradients-workspace"
RESULTS = "gradients-results"
GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    # Save, zoom, pan and reset are what these charts need; fewer toolbar
    # buttons are fewer Tab stops between the controls.
    "modeBarButtonsToRemove": [
        "select2d",
        "lasso2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "hoverClosestCartesian",
        "hoverCompareCartesian",
        "toggleSpikelines",
    ],
}


# --- layout ------------------------------------------------------------------------


def create_gradients_page(tr: Translate, lang: str) -> html.Main:
    """The whole page, drawn for the default settings."""
    return html.Main(
        className="gradients-lab",
        children=[
            dcc.Location(id=Ids.URL, refresh=False),
            dcc.Store(id=Ids.QUERY_STORE),
            html.Div(id=Ids.URL_SYNC_SINK, hidden=True),
            html.Div(
                id=Ids.LINK_NOTICE, className="notice", role="status", **{"aria-live": "polite"}
            ),
            html.Section(
                className="panel",
                children=[
                    html.H2(tr("gradients.title")),
                    html.P(tr("gradients.intro")),
                ],
            ),
            html.Div(
                className=WORKSPACE,
                children=[
                    create_network_controls(tr, lang),
                    html.Div(
                        className=RESULTS,
                        children=[
                            html.Div(
                                id=Ids.NOTICE,
                                className="notice",
                                role="status",
                                **{"aria-live": "polite"},
                            ),
                            create_bound_part(tr, lang),
                            create_norms_part(tr, lang),
                        ],
                    ),
                ],
            ),
            create_training_part(tr, lang),
        ],
    )


def _field(label: str, component_id: str, control: Any, hint: str = "") -> html.Div:
    children: list[Any] = [html.Label(label, htmlFor=component_id), control]
    if hint:
        children.append(html.P(hint, className="hint"))
    return html.Div(className="field gradients-field", children=children)


def _number(component_id: str, value: float, step: float | str, low: float, high: float) -> Any:
    return dcc.Input(
        id=component_id,
        type="number",
        value=value,
        min=low,
        max=high,
        step=step,
        debounce=INPUT_DEBOUNCE_SECONDS,
        # room for the value and Dash's two stepper buttons
        className="number-input gradients-number",
    )


def _range(
    tr: Translate, label: str, component_id: str, span: limits.IntRange, value: int
) -> html.Div:
    """A labelled ``<input type=range>`` with its value beside it as text."""
    return html.Div(
        className="field gradients-range-field",
        children=[
            html.Label(label, htmlFor=component_id),
            html.Div(
                className="gradients-range",
                children=[
                    # No debounce: dcc.Input's debounce calls setSelectionRange,
                    # which a range input refuses with a console error. Each
                    # step is one cheap redraw.
                    range_input(component_id, span.low, span.high, 1, value),
                    html.Span(str(value), id=RANGE_VALUES[component_id], className="range-value"),
                ],
            ),
            html.P(tr("gradients.range_hint", low=span.low, high=span.high), className="hint"),
        ],
    )


def _functions_choice(
    tr: Translate, component_id: str, value: Sequence[str], hint: str
) -> html.Fieldset:
    """Every activation as a checkbox (one Tab stop each), in a scrolling grid."""
    return fieldset(
        tr("gradients.functions.label"),
        html.Div(
            className="function-list",
            children=checklist(
                component_id,
                [function_option(a) for a in activations.all_activations()],
                list(value),
            ),
        ),
        html.P(hint, className="hint"),
    )


def _select(
    tr: Translate, component_id: str, prefix: str, options: Sequence[str], value: str
) -> Any:
    """A native ``<select>`` of ``options``, each labelled ``tr(prefix.option)``."""
    return select(
        component_id,
        [{"label": tr(f"{prefix}.{o}"), "value": o} for o in options],
        value,
    )


def create_network_controls(tr: Translate, lang: str) -> html.Section:
    """Activations and the initialised network, shared by parts 1 and 2."""
    return html.Section(
        className="controls gradients-controls",
        **{"aria-labelledby": "grad-network-title"},
        children=[
            html.H2(
                tr("gradients.network.title"),
                id="grad-network-title",
                className="gradients-controls-title",
            ),
            _functions_choice(
                tr,
                Ids.FUNCTIONS,
                DEFAULT_FUNCTIONS,
                tr("gradients.functions.hint", max=MAX_FUNCTIONS),
            ),
            html.Div(
                className=ROW,
                children=[
                    _field(
                        tr("gradients.width.label"),
                        Ids.WIDTH,
                        _number(
                            Ids.WIDTH,
                            DEFAULT_WIDTH,
                            1,
                            limits.GRADIENT_WIDTH.low,
                            limits.GRADIENT_WIDTH.high,
                        ),
                        hint=tr(
                            "gradients.range_hint",
                            low=limits.GRADIENT_WIDTH.low,
                            high=limits.GRADIENT_WIDTH.high,
                        ),
                    ),
                    _field(
                        tr("gradients.seed.label"),
                        Ids.SEED,
                        _number(Ids.SEED, DEFAULT_SEED, 1, limits.SEED.low, limits.SEED.high),
                    ),
                ],
            ),
            _field(
                tr("gradients.init.label"),
                Ids.INIT,
                _select(tr, Ids.INIT, "gradients.init", INIT_CHOICES, DEFAULT_INIT),
                hint=tr("gradients.init.hint"),
            ),
            _sigma_field(tr, Ids.SIGMA_FIELD, Ids.SIGMA, hidden=DEFAULT_INIT != "normal"),
        ],
    )


def _sigma_field(tr: Translate, field_id: str, component_id: str, hidden: bool) -> html.Div:
    """σ of the normal initialisation: shown only while that initialisation is chosen."""
    return html.Div(
        id=field_id,
        hidden=hidden,
        children=_field(
            tr("gradients.sigma.label"),
            component_id,
            _number(component_id, DEFAULT_SIGMA, "any", limits.SIGMA.low, limits.SIGMA.high),
            hint=tr("gradients.range_hint", low=limits.SIGMA.low, high=limits.SIGMA.high),
        ),
    )


def _lines(lines: Sequence[str]) -> Any:
    return html.Ul([html.Li(line) for line in lines], className="gradients-lines")


def _plot(component_id: str, figure: dict[str, Any], size: str, loading: bool) -> Any:
    """A graph in a box whose height ``size`` (tall, medium, short) sets in
    assets/gradients.css: dcc.Graph's own inline height of 100% needs a parent
    with a height. ``loading`` shows a spinner there when a redraw is slow."""
    graph = dcc.Graph(
        id=component_id,
        figure=figure,
        className="graph gradients-graph",
        config=GRAPH_CONFIG,
    )
    box = f"gradients-plot gradients-plot-{size}"
    if loading:
        return dcc.Loading(graph, type="dot", delay_show=LOADING_DELAY_MS, parent_className=box)
    return html.Div(graph, className=box)


def chart_summary(text: ChartText) -> list[Any]:
    """A chart's summary: what it plots, then one line per activation."""
    children: list[Any] = [html.P(text.summary)]
    if text.lines:
        children.append(_lines(text.lines))
    return children


def number_table(table: NumberTable) -> html.Table:
    """A chart's numbers: captioned, with column and row headers."""
    return html.Table(
        className="properties gradients-table",
        children=[
            html.Caption(table.caption),
            html.Thead(html.Tr([html.Th(heading, scope="col") for heading in table.header])),
            html.Tbody(
                [
                    html.Tr([html.Th(row[0], scope="row"), *(html.Td(c) for c in row[1:])])
                    for row in table.rows
                ]
            ),
        ],
    )


def _chart(
    tr: Translate,
    plot: Any,
    text: ChartText,
    summary_id: str,
    table_id: str,
) -> html.Figure:
    """A chart (see :func:`_plot`) with its text alternative: the summary it is
    described by, and its numbers as a table on demand."""
    return html.Figure(
        className="graph-figure gradients-figure",
        **{"aria-describedby": summary_id},
        children=[
            plot,
            html.Figcaption(id=summary_id, className="graph-summary", children=chart_summary(text)),
            html.Details(
                className="data-table",
                children=[
                    html.Summary(tr("gradients.table.show")),
                    # A wide table scrolls in its own box, which keyboard users
                    # can focus and scroll with the arrow keys.
                    html.Div(
                        id=table_id,
                        className="table-scroll",
                        role="region",
                        tabIndex="0",
                        children=number_table(text.table),
                        **{"aria-label": tr(TABLE_TITLES[table_id])},
                    ),
                ],
            ),
        ],
    )


def _download(component_id: str, text: str, href: str, filename: str) -> html.A:
    return html.A(text, id=component_id, className="button", href=href, download=filename)


def create_bound_part(tr: Translate, lang: str) -> html.Section:
    query = NetworkQuery(depth=DEFAULT_BOUND_DEPTH, lang=lang)
    table = bound_table(query)
    return html.Section(
        className=SECTION,
        **{"aria-labelledby": "grad-bound-title"},
        children=[
            html.H2(tr("gradients.bound.title"), id="grad-bound-title"),
            html.P(tr("gradients.bound.lesson"), className="lesson"),
            _range(
                tr,
                tr("gradients.bound.depth"),
                Ids.BOUND_DEPTH,
                limits.BOUND_DEPTH,
                DEFAULT_BOUND_DEPTH,
            ),
            _chart(
                tr,
                _plot(Ids.BOUND_GRAPH, bound_figure(table, tr, lang), "tall", loading=True),
                bound_text(table, query, tr, lang),
                Ids.BOUND_TEXT,
                Ids.BOUND_TABLE,
            ),
            html.P(tr("gradients.bound.measured_note"), className="hint"),
            _download(
                Ids.BOUND_DOWNLOAD,
                tr("gradients.download.bound"),
                f"{BOUND_CSV}?{query.to_query()}",
                "gradient-bound.csv",
            ),
        ],
    )


def create_norms_part(tr: Translate, lang: str) -> html.Section:
    query = NetworkQuery(depth=DEFAULT_DEPTH, lang=lang)
    table = gradient_table(query)
    return html.Section(
        className=SECTION,
        **{"aria-labelledby": "grad-norms-title"},
        children=[
            html.H2(tr("gradients.norms.title"), id="grad-norms-title"),
            html.P(tr("gradients.norms.lesson")),
            _range(
                tr, tr("gradients.norms.depth"), Ids.DEPTH, limits.GRADIENT_DEPTH, DEFAULT_DEPTH
            ),
            _chart(
                tr,
                _plot(Ids.NORMS_GRAPH, gradient_figure(table, tr, lang), "medium", loading=True),
                norms_text(table, query, tr, lang),
                Ids.RATIOS,
                Ids.NORMS_TABLE,
            ),
            _download(
                Ids.NORMS_DOWNLOAD,
                tr("gradients.download.norms"),
                f"{GRADIENTS_CSV}?{query.to_query()}",
                "gradients.csv",
            ),
        ],
    )


def create_training_part(tr: Translate, lang: str) -> html.Section:
    query = TrainingQuery(lang=lang)
    runs = new_runs(query)
    view = training_view(runs, query.epochs, tr, lang)
    return html.Section(
        className=SECTION,
        **{"aria-labelledby": "train-title"},
        children=[
            html.H2(tr("gradients.train.title"), id="train-title"),
            html.P(tr("gradients.train.lesson")),
            html.Div(
                className=WORKSPACE,
                children=[
                    create_training_controls(tr),
                    html.Div(
                        className=RESULTS,
                        children=[
                            *create_training_run(tr, view),
                            dcc.Store(id=Ids.STORE, data=runs_to_store(runs)),
                            dcc.Interval(
                                id=Ids.INTERVAL,
                                interval=TICK_MS,
                                disabled=True,
                                n_intervals=0,
                                max_intervals=0,
                            ),
                            *create_training_charts(tr, view, query),
                        ],
                    ),
                ],
            ),
        ],
    )


def create_training_run(tr: Translate, view: TrainingView) -> list[Any]:
    """Start, Pause and Reset, the progress, and what the runs have reached."""
    return [
        html.Div(
            className=f"{ROW} gradients-buttons",
            children=[
                html.Button(
                    tr("gradients.train.start"), id=Ids.START, className="button", n_clicks=0
                ),
                html.Button(
                    tr("gradients.train.pause"),
                    id=Ids.PAUSE,
                    className="button",
                    n_clicks=0,
                    disabled=True,
                ),
                html.Button(
                    tr("gradients.train.reset"), id=Ids.RESET, className="button", n_clicks=0
                ),
            ],
        ),
        html.Div(id=Ids.PROGRESS, children=progress_bar(tr, view.epoch, view.target)),
        html.P(
            id=Ids.COUNTER,
            children=counter_text(tr, view.epoch, view.target),
            **{"aria-live": "off"},
            className="gradients-counter",
        ),
        html.Div(
            id=Ids.STATUS,
            className="notice",
            role="status",
            **{"aria-live": "polite"},
            children=None,
        ),
        html.Div(id=Ids.SUMMARY, children=_lines(view.summary)),
    ]


def create_training_charts(tr: Translate, view: TrainingView, query: TrainingQuery) -> list[Any]:
    """The three training charts, each with its words, its table and its CSV.

    No spinner: training redraws them every chunk, and the progress bar
    already shows that work is under way.
    """
    return [
        html.Div(
            className="gradients-pair",
            children=[
                html.Div(
                    className="gradients-chart",
                    children=[
                        _chart(
                            tr,
                            _plot(Ids.LOSS_GRAPH, view.loss, "short", loading=False),
                            view.loss_text,
                            Ids.LOSS_SUMMARY,
                            Ids.LOSS_TABLE,
                        ),
                        _download(
                            Ids.TRAIN_DOWNLOAD,
                            tr("gradients.download.training"),
                            training_href(query),
                            "training.csv",
                        ),
                    ],
                ),
                html.Div(
                    className="gradients-chart",
                    children=[
                        _chart(
                            tr,
                            _plot(Ids.TRAIN_NORMS_GRAPH, view.norms, "short", loading=False),
                            view.norms_text,
                            Ids.TRAIN_NORMS_SUMMARY,
                            Ids.TRAIN_NORMS_TABLE,
                        ),
                        _download(
                            Ids.TRAIN_NORMS_DOWNLOAD,
                            tr("gradients.download.training_norms"),
                            training_gradients_href(query),
                            "training-gradients.csv",
                        ),
                    ],
                ),
            ],
        ),
        html.Div(
            className="gradients-chart",
            children=[
                _chart(
                    tr,
                    _plot(Ids.BOUNDARY_GRAPH, view.boundary, "medium", loading=False),
                    view.boundary_text,
                    Ids.BOUNDARY_SUMMARY,
                    Ids.BOUNDARY_TABLE,
                ),
                html.Div(
                    className=ROW,
                    children=[
                        _download(
                            Ids.BOUNDARY_DOWNLOAD,
                            tr("gradients.download.boundary"),
                            boundary_href(query),
                            "decision-boundary.csv",
                        ),
                        _download(
                            Ids.DATA_DOWNLOAD,
                            tr("gradients.download.data"),
                            data_href(query),
                            "training-data.csv",
                        ),
                    ],
                ),
            ],
        ),
        html.P(
            training_download_hint(tr, query),
            id=Ids.TRAIN_DOWNLOAD_HINT,
            className="hint",
        ),
    ]


def create_training_controls(tr: Translate) -> html.Section:
    """Part 3's settings: the data, the network, the optimiser and the epochs."""
    return html.Section(
        className="controls gradients-controls",
        **{"aria-labelledby": "train-controls-title"},
        children=[
            html.H3(
                tr("gradients.train.controls"),
                id="train-controls-title",
                className="gradients-controls-title",
            ),
            _functions_choice(
                tr,
                Ids.TRAIN_FUNCTIONS,
                DEFAULT_FUNCTIONS,
                tr("gradients.train.functions_hint", max=MAX_TRAIN_FUNCTIONS),
            ),
            _field(
                tr("gradients.dataset.label"),
                Ids.TRAIN_DATASET,
                _select(
                    tr, Ids.TRAIN_DATASET, "gradients.dataset", limits.DATASETS, DEFAULT_DATASET
                ),
            ),
            html.Div(
                className=ROW,
                children=[
                    _field(
                        tr("gradients.points.label"),
                        Ids.TRAIN_POINTS,
                        _number(
                            Ids.TRAIN_POINTS,
                            DEFAULT_POINTS,
                            1,
                            limits.POINTS.low,
                            limits.POINTS.high,
                        ),
                        hint=tr(
                            "gradients.range_hint", low=limits.POINTS.low, high=limits.POINTS.high
                        ),
                    ),
                    _field(
                        tr("gradients.noise.label"),
                        Ids.TRAIN_NOISE,
                        _number(
                            Ids.TRAIN_NOISE,
                            DEFAULT_NOISE,
                            "any",
                            limits.NOISE.low,
                            limits.NOISE.high,
                        ),
                        hint=tr(
                            "gradients.range_hint", low=limits.NOISE.low, high=limits.NOISE.high
                        ),
                    ),
                ],
            ),
            _range(
                tr,
                tr("gradients.train.depth"),
                Ids.TRAIN_DEPTH,
                limits.TRAIN_DEPTH,
                DEFAULT_TRAIN_DEPTH,
            ),
            _field(
                tr("gradients.width.label"),
                Ids.TRAIN_WIDTH,
                _number(
                    Ids.TRAIN_WIDTH,
                    DEFAULT_TRAIN_WIDTH,
                    1,
                    limits.TRAIN_WIDTH.low,
                    limits.TRAIN_WIDTH.high,
                ),
                hint=tr(
                    "gradients.range_hint",
                    low=limits.TRAIN_WIDTH.low,
                    high=limits.TRAIN_WIDTH.high,
                ),
            ),
            _field(
                tr("gradients.init.label"),
                Ids.TRAIN_INIT,
                _select(tr, Ids.TRAIN_INIT, "gradients.init", INIT_CHOICES, DEFAULT_TRAIN_INIT),
            ),
            _sigma_field(
                tr, Ids.TRAIN_SIGMA_FIELD, Ids.TRAIN_SIGMA, hidden=DEFAULT_TRAIN_INIT != "normal"
            ),
            html.Div(
                className=ROW,
                children=[
                    _field(
                        tr("gradients.optimiser.label"),
                        Ids.TRAIN_OPTIMISER,
                        _select(
                            tr,
                            Ids.TRAIN_OPTIMISER,
                            "gradients.optimiser",
                            limits.OPTIMISERS,
                            DEFAULT_OPTIMISER,
                        ),
                    ),
                    _field(
                        tr("gradients.lr.label"),
                        Ids.TRAIN_LR,
                        _number(
                            Ids.TRAIN_LR,
                            DEFAULT_LEARNING_RATE,
                            "any",
                            limits.LEARNING_RATE.low,
                            limits.LEARNING_RATE.high,
                        ),
                        hint=tr(
                            "gradients.range_hint",
                            low=limits.LEARNING_RATE.low,
                            high=limits.LEARNING_RATE.high,
                        ),
                    ),
                    _field(
                        tr("gradients.batch.label"),
                        Ids.TRAIN_BATCH,
                        _select(tr, Ids.TRAIN_BATCH, "gradients.batch", BATCH_CHOICES, BATCH_FULL),
                    ),
                    _field(
                        tr("gradients.seed.label"),
                        Ids.TRAIN_SEED,
                        _number(
                            Ids.TRAIN_SEED,
                            DEFAULT_SEED,
                            1,
                            limits.SEED.low,
                            limits.SEED.high,
                        ),
                    ),
                ],
            ),
            _field(
                tr("gradients.epochs.label"),
                Ids.TRAIN_EPOCHS,
                _number(Ids.TRAIN_EPOCHS, DEFAULT_EPOCHS, 1, EPOCHS.low, EPOCHS.high),
                hint=tr("gradients.epochs.hint", high=f"{EPOCHS.high:,}"),
            ),
        ],
    )


def progress_bar(tr: Translate, epoch: int, target: int) -> html.Progress:
    """A native ``<progress>`` (role progressbar), its value also in words."""
    return html.Progress(
        id=Ids.PROGRESS_BAR,
        className="gradients-progress",
        value=str(min(epoch, target)),
        max=str(target),
        **{
            "aria-label": tr("gradients.train.progress"),
            "aria-valuetext": counter_text(tr, epoch, target),
        },
    )


def counter_text(tr: Translate, epoch: int, target: int) -> str:
    return tr("gradients.train.counter", epoch=f"{epoch:,}", target=f"{target:,}")


def _capped_query(query: TrainingQuery) -> str:
    """The training query with the epochs capped as the CSV routes allow."""
    cap = csv_epoch_cap(query.configs())
    return query.to_query(epochs=min(query.epochs, cap))


def training_href(query: TrainingQuery) -> str:
    return f"{TRAINING_CSV}?{_capped_query(query)}"


def training_gradients_href(query: TrainingQuery) -> str:
    return f"{TRAINING_GRADIENTS_CSV}?{_capped_query(query)}"


def boundary_href(query: TrainingQuery) -> str:
    return f"{BOUNDARY_CSV}?{_capped_query(query)}"


def data_href(query: TrainingQuery) -> str:
    return f"{DATA_CSV}?{query.data_query()}"


def training_download_hint(tr: Translate, query: TrainingQuery) -> str:
    cap = csv_epoch_cap(query.configs())
    return tr("gradients.download.training_hint", max=f"{cap:,}")


def notice_box(tr: Translate, title_key: str, lines: Sequence[str]) -> Any:
    if not lines:
        return None
    return html.Div(
        className="notice-box",
        children=[html.Strong(tr(title_key)), html.Ul([html.Li(line) for line in lines])],
    )


def _problem_lines(problems: Sequence[LabProblem], lang: str) -> list[str]:
    seen: list[str] = []
    for problem in problems:
        text = problem.text(lang)
        if text not in seen:
            seen.append(text)
    return seen


def _lang(value: Any) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


# --- parts 1 and 2 -------------------------------------------------------------------

NETWORK_OUTPUTS = {
    "bound_figure": Output(Ids.BOUND_GRAPH, "figure"),
    "bound_text": Output(Ids.BOUND_TEXT, "children"),
    "bound_table": Output(Ids.BOUND_TABLE, "children"),
    "bound_href": Output(Ids.BOUND_DOWNLOAD, "href"),
    "norms_figure": Output(Ids.NORMS_GRAPH, "figure"),
    "ratios": Output(Ids.RATIOS, "children"),
    "norms_table": Output(Ids.NORMS_TABLE, "children"),
    "norms_href": Output(Ids.NORMS_DOWNLOAD, "href"),
    "notice": Output(Ids.NOTICE, "children"),
    "sigma_hidden": Output(Ids.SIGMA_FIELD, "hidden"),
}
NETWORK_INPUTS = {
    "functions": Input(Ids.FUNCTIONS, "value"),
    "bound_depth": Input(Ids.BOUND_DEPTH, "value"),
    "depth": Input(Ids.DEPTH, "value"),
    "width": Input(Ids.WIDTH, "value"),
    "init": Input(Ids.INIT, "value"),
    "sigma": Input(Ids.SIGMA, "value"),
    "seed": Input(Ids.SEED, "value"),
    # Theme and presentation mode restyle the charts (components.theme).
    "display": Input(frame_ids.DISPLAY_STORE, "data"),
}


def network_view(
    trigger: Any,
    functions: Any,
    bound_depth: Any,
    depth: Any,
    width: Any,
    init: Any,
    sigma: Any,
    seed: Any,
    lang: Any = DEFAULT_LANGUAGE,
    display: Any = None,
) -> dict[str, Any]:
    """Parts 1 and 2 for the controls' values; on a problem the last graphs stay.

    ``trigger`` is the component id that changed, or several (a link sets
    many controls at once). A change of one part's depth slider alone
    redraws that part only; a new ``display`` (theme, presentation mode)
    redraws both.
    """
    triggers = {trigger} if trigger is None or isinstance(trigger, str) else set(trigger)
    lang = _lang(lang)
    tr = translator(lang)
    shared = {KEY_FUNCTIONS: functions, KEY_WIDTH: width, KEY_INIT: init, KEY_SEED: seed}
    if init == "normal":
        shared[KEY_SIGMA] = sigma
    bound_query, bound_problems = parse_bound_query(
        raw_from_controls({**shared, KEY_DEPTH: bound_depth}, lang)
    )
    norms_query, norms_problems = parse_gradient_query(
        raw_from_controls({**shared, KEY_DEPTH: depth}, lang)
    )
    out: dict[str, Any] = dict.fromkeys(NETWORK_OUTPUTS, no_update)
    out["sigma_hidden"] = init != "normal"
    problems = _problem_lines([*bound_problems, *norms_problems], lang)
    if problems:
        out["notice"] = notice_box(tr, "gradients.notice.controls", problems)
        return out
    out["notice"] = None
    if triggers != {Ids.DEPTH}:
        table = bound_table(bound_query)
        out["bound_figure"] = for_display(bound_figure(table, tr, lang), display)
        text = bound_text(table, bound_query, tr, lang)
        out["bound_text"] = chart_summary(text)
        out["bound_table"] = number_table(text.table)
        out["bound_href"] = f"{BOUND_CSV}?{bound_query.to_query()}"
    if triggers != {Ids.BOUND_DEPTH}:
        norms = gradient_table(norms_query)
        out["norms_figure"] = for_display(gradient_figure(norms, tr, lang), display)
        text = norms_text(norms, norms_query, tr, lang)
        out["ratios"] = chart_summary(text)
        out["norms_table"] = number_table(text.table)
        out["norms_href"] = f"{GRADIENTS_CSV}?{norms_query.to_query()}"
    return out


# --- part 3 --------------------------------------------------------------------------

TRAIN_OUTPUTS = {
    "store": Output(Ids.STORE, "data"),
    "stopped": Output(Ids.INTERVAL, "disabled"),
    "max_intervals": Output(Ids.INTERVAL, "max_intervals"),
    "start_disabled": Output(Ids.START, "disabled"),
    "pause_disabled": Output(Ids.PAUSE, "disabled"),
    "progress": Output(Ids.PROGRESS, "children"),
    "counter": Output(Ids.COUNTER, "children"),
    "status": Output(Ids.STATUS, "children"),
    "summary": Output(Ids.SUMMARY, "children"),
    "loss": Output(Ids.LOSS_GRAPH, "figure"),
    "norms": Output(Ids.TRAIN_NORMS_GRAPH, "figure"),
    "boundary": Output(Ids.BOUNDARY_GRAPH, "figure"),
    "loss_summary": Output(Ids.LOSS_SUMMARY, "children"),
    "loss_table": Output(Ids.LOSS_TABLE, "children"),
    "norms_summary": Output(Ids.TRAIN_NORMS_SUMMARY, "children"),
    "norms_table": Output(Ids.TRAIN_NORMS_TABLE, "children"),
    "boundary_summary": Output(Ids.BOUNDARY_SUMMARY, "children"),
    "boundary_table": Output(Ids.BOUNDARY_TABLE, "children"),
    "download_href": Output(Ids.TRAIN_DOWNLOAD, "href"),
    "norms_href": Output(Ids.TRAIN_NORMS_DOWNLOAD, "href"),
    "boundary_href": Output(Ids.BOUNDARY_DOWNLOAD, "href"),
    "data_href": Output(Ids.DATA_DOWNLOAD, "href"),
    "download_hint": Output(Ids.TRAIN_DOWNLOAD_HINT, "children"),
    "sigma_hidden": Output(Ids.TRAIN_SIGMA_FIELD, "hidden"),
}
TRAIN_INPUTS = {
    "start": Input(Ids.START, "n_clicks"),
    "pause": Input(Ids.PAUSE, "n_clicks"),
    "reset": Input(Ids.RESET, "n_clicks"),
    "tick": Input(Ids.INTERVAL, "n_intervals"),
    "display": Input(frame_ids.DISPLAY_STORE, "data"),
    **{f"control_{key}": Input(component, "value") for key, component in TRAIN_CONTROLS.items()},
}
TRAIN_STATE = {
    "store": State(Ids.STORE, "data"),
    "stopped": State(Ids.INTERVAL, "disabled"),
    "lang": State(frame_ids.LANG_STORE, "data"),
}


def _stop(out: dict[str, Any]) -> dict[str, Any]:
    out.update(stopped=True, start_disabled=False, pause_disabled=True)
    return out


def _keep_running(out: dict[str, Any], tick: Any, starting: bool) -> dict[str, Any]:
    """Ask for one more tick (and, on Start, switch the interval on).

    The interval stops itself once n_intervals reaches max_intervals, so it
    asks for the next chunk only after this answer has arrived. Only Start
    touches ``disabled`` and the buttons: an answer to a tick that lands
    after Pause must not switch training back on.
    """
    count = tick if isinstance(tick, int) and not isinstance(tick, bool) else 0
    out["max_intervals"] = count + 1
    if starting:
        out.update(stopped=False, start_disabled=True, pause_disabled=False)
    return out


def _show(
    out: dict[str, Any],
    runs: Sequence[TrainState],
    query: TrainingQuery,
    tr: Translate,
    lang: str,
    display: Any = None,
) -> dict[str, Any]:
    view = training_view(runs, query.epochs, tr, lang)
    out.update(
        progress=progress_bar(tr, view.epoch, view.target),
        counter=counter_text(tr, view.epoch, view.target),
        summary=_lines(view.summary),
        loss=for_display(view.loss, display),
        norms=for_display(view.norms, display),
        boundary=for_display(view.boundary, display),
        loss_summary=chart_summary(view.loss_text),
        loss_table=number_table(view.loss_text.table),
        norms_summary=chart_summary(view.norms_text),
        norms_table=number_table(view.norms_text.table),
        boundary_summary=chart_summary(view.boundary_text),
        boundary_table=number_table(view.boundary_text.table),
        download_href=training_href(query),
        norms_href=training_gradients_href(query),
        boundary_href=boundary_href(query),
        data_href=data_href(query),
        download_hint=training_download_hint(tr, query),
    )
    return out


def _status(tr: Translate, key: str, **values: Any) -> Any:
    return html.P(tr(key, **values), className="gradients-status")


def training_step(
    triggers: Sequence[str],
    controls: dict[str, Any],
    tick: Any,
    store: Any,
    stopped: Any,
    lang: Any = DEFAULT_LANGUAGE,
    display: Any = None,
) -> dict[str, Any]:
    """Part 3's answer to whatever happened: ``triggers`` are the component ids that changed.

    ``controls`` maps query keys (``fn``, ``dataset``, ...) to the controls'
    values. Pause wins over everything, then Reset or a changed setting
    (new runs at epoch 0), then Start, then a changed epochs target, then a
    tick. Whatever the browser sent is checked: invalid controls or a
    tampered store stop training with a message, never an error. A new
    ``display`` alone (or the page's first call, in a display other than
    the one the page was built in) redraws the charts of the runs as they are.
    """
    lang = _lang(lang)
    tr = translator(lang)
    out: dict[str, Any] = dict.fromkeys(TRAIN_OUTPUTS, no_update)
    init = controls.get(KEY_INIT)
    out["sigma_hidden"] = init != "normal"
    values = {k: v for k, v in controls.items() if k != KEY_SIGMA or init == "normal"}
    query, problems = parse_training_query(raw_from_controls(values, lang))
    changed = set(triggers)
    running = stopped is False

    if changed <= {frame_ids.DISPLAY_STORE}:
        return _restyle(out, store, query, problems, tr, lang, display, first_call=not changed)
    if Ids.PAUSE in changed:
        _stop(out)
        out["status"] = _status(tr, "gradients.train.paused")
        return out
    if problems:
        _stop(out)
        out["status"] = notice_box(tr, "gradients.notice.training", _problem_lines(problems, lang))
        return out
    settings = {TRAIN_CONTROLS[k] for k in TRAIN_CONTROLS if k != KEY_EPOCHS}
    if Ids.RESET in changed or changed & settings:
        _stop(out)
        runs = new_runs(query)
        out["store"] = runs_to_store(runs)
        out["status"] = _status(
            tr, "gradients.train.reset_done" if Ids.RESET in changed else "gradients.train.ready"
        )
        return _show(out, runs, query, tr, lang, display)
    if not (changed & {Ids.START, Ids.INTERVAL, Ids.TRAIN_EPOCHS}):
        raise PreventUpdate
    if Ids.INTERVAL in changed and not (running or Ids.START in changed):
        raise PreventUpdate  # a tick that was already on its way when training stopped
    try:
        runs = runs_from_store(store)
    except StoreError as error:
        _stop(out)
        out["status"] = html.Div(
            className="notice-box",
            role="alert",
            children=[
                html.Strong(tr("gradients.train.bad_store")),
                html.P(str(error), className="gradients-store-error"),
            ],
        )
        return out
    if Ids.START in changed and not query_matches_runs(query, runs):
        runs = new_runs(query)  # the settings changed while they were invalid
        out["store"] = runs_to_store(runs)
    target = query.epochs
    if Ids.START in changed or (Ids.INTERVAL in changed and running):
        if all_done(runs, target):
            _stop(out)
            out["status"] = _status(tr, _finished_key(runs))
            return _show(out, runs, query, tr, lang, display)
        runs = advance(runs, target)
        out["store"] = runs_to_store(runs)
        if all_done(runs, target):
            _stop(out)
            out["status"] = _status(tr, _finished_key(runs))
        else:
            _keep_running(out, tick, starting=Ids.START in changed)
            if Ids.START in changed:
                out["status"] = _status(tr, "gradients.train.running")
        return _show(out, runs, query, tr, lang, display)
    # Only the epochs target changed: redraw against the new target.
    if running:
        if all_done(runs, target):
            _stop(out)
            out["status"] = _status(tr, _finished_key(runs))
        else:
            _keep_running(out, tick, starting=False)
    return _show(out, runs, query, tr, lang, display)


def built_display(display: Any) -> bool:
    """Whether ``display`` is the one the page is built in (light, normal text)."""
    return parse_display(display) == (LIGHT, False)


def _restyle(
    out: dict[str, Any],
    store: Any,
    query: TrainingQuery,
    problems: Sequence[LabProblem],
    tr: Translate,
    lang: str,
    display: Any,
    first_call: bool,
) -> dict[str, Any]:
    """The training charts in a new display, nothing else touched (training goes on).

    While the controls are invalid the charts keep their look: they are
    redrawn, in the display of the moment, once the controls are fixed.
    """
    if (first_call and built_display(display)) or problems:
        raise PreventUpdate
    try:
        runs = runs_from_store(store)
    except StoreError:
        raise PreventUpdate from None  # the next step of training says what is wrong
    view = training_view(runs, query.epochs, tr, lang)
    out.update(
        loss=for_display(view.loss, display),
        norms=for_display(view.norms, display),
        boundary=for_display(view.boundary, display),
    )
    out["sigma_hidden"] = no_update
    return out


def _finished_key(runs: Sequence[TrainState]) -> str:
    if all(run.diverged for run in runs):
        return "gradients.train.all_diverged"
    return "gradients.train.finished"


# --- the address -------------------------------------------------------------------

LINK_OUTPUTS = {
    "notice": Output(Ids.LINK_NOTICE, "children"),
    **{key: Output(component, "value") for key, component in PAGE_CONTROLS.items()},
}
ADDRESS_INPUTS = {key: Input(component, "value") for key, component in PAGE_CONTROLS.items()}


def control_values(view: GradientsView) -> dict[str, Any]:
    """What every control shows for ``view`` (page query key -> control value)."""
    net, train = view.norms, view.training
    return {
        KEY_FUNCTIONS: list(net.functions),
        PAGE_BOUND_DEPTH: view.bound.depth,
        PAGE_GRADIENT_DEPTH: net.depth,
        KEY_WIDTH: net.width,
        KEY_INIT: net.init,
        KEY_SIGMA: net.sigma,
        KEY_SEED: net.seed,
        PAGE_TRAIN_FUNCTIONS: list(train.functions),
        KEY_DATASET: train.dataset,
        KEY_POINTS: train.points,
        KEY_NOISE: train.noise,
        PAGE_TRAIN_DEPTH: train.depth,
        PAGE_TRAIN_WIDTH: train.width,
        PAGE_TRAIN_INIT: train.init,
        PAGE_TRAIN_SIGMA: train.sigma,
        KEY_OPTIMISER: train.optimiser,
        KEY_LEARNING_RATE: train.learning_rate,
        KEY_BATCH: BATCH_FULL if train.batch_size is None else str(train.batch_size),
        PAGE_TRAIN_SEED: train.seed,
        KEY_EPOCHS: train.epochs,
    }


def view_from_url(search: str | None, lang: Any = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Opening a link: every control from the address, repaired values named in a notice.

    The page is built with the defaults already drawn, so a link that names
    nothing but the language changes nothing. Otherwise every control is set
    (the other callbacks then draw the charts and restart training from the
    seed, and the address is rewritten in full, repaired values included).
    """
    raw = query_from_search(search)
    view, problems = parse_gradients_query(raw, default_lang=_lang(lang))
    out: dict[str, Any] = dict.fromkeys(LINK_OUTPUTS, no_update)
    out["notice"] = notice_box(
        translator(view.lang), "gradients.notice.link", _problem_lines(problems, view.lang)
    )
    if any(key != KEY_LANGUAGE for key in raw):
        out.update(control_values(view))
    return out


def address_query(values: dict[str, Any], lang: Any = DEFAULT_LANGUAGE) -> Any:
    """The page's address query for the controls' values, or ``no_update`` while
    any is invalid (the address keeps the last good view; the parts say why)."""
    controls = dict(values)
    if controls.get(KEY_INIT) != "normal":
        controls.pop(KEY_SIGMA, None)
    if controls.get(PAGE_TRAIN_INIT) != "normal":
        controls.pop(PAGE_TRAIN_SIGMA, None)
    view, problems = parse_gradients_query(raw_from_controls(controls, _lang(lang)))
    return no_update if problems else view.to_query()


def register_callbacks(app: Dash) -> None:
    """The page's callbacks; Dash is given copies (it merges ``inputs`` into ``state`` in place).

    The link callback only writes the controls and the address callback only
    reads them, so no chain of callbacks ever comes back to where it began.
    """

    def open_link(search: Any, lang: Any) -> dict[str, Any]:
        return view_from_url(search, lang)

    app.callback(
        output=dict(LINK_OUTPUTS),
        inputs={"search": Input(Ids.URL, "search")},
        state={"lang": State(frame_ids.LANG_STORE, "data")},
    )(open_link)

    def write_address(lang: Any, **values: Any) -> Any:
        return address_query(values, lang)

    app.callback(
        output=Output(Ids.QUERY_STORE, "data"),
        inputs=dict(ADDRESS_INPUTS),
        state={"lang": State(frame_ids.LANG_STORE, "data")},
        prevent_initial_call=True,
    )(write_address)
    app.clientside_callback(
        REPLACE_URL_JS,
        Output(Ids.URL_SYNC_SINK, "children"),
        Input(Ids.QUERY_STORE, "data"),
    )
    # The number beside each range input follows it at once, in the browser.
    for range_id, value_id in RANGE_VALUES.items():
        app.clientside_callback(
            SHOW_VALUE_JS,
            Output(value_id, "children"),
            Input(range_id, "value"),
            prevent_initial_call=True,
        )

    def update_network(lang: Any, **values: Any) -> dict[str, Any]:
        triggers = [str(component) for component in ctx.triggered_prop_ids.values()]
        if not triggers and built_display(values.get("display")):
            raise PreventUpdate  # the page was built with these very charts
        return network_view(triggers or None, lang=lang, **values)

    # Called when the page appears too: its charts were built in the light
    # theme, and the visitor's display may be another.
    app.callback(
        output=dict(NETWORK_OUTPUTS),
        inputs=dict(NETWORK_INPUTS),
        state={"lang": State(frame_ids.LANG_STORE, "data")},
    )(update_network)

    def update_training(
        start: Any,
        pause: Any,
        reset: Any,
        tick: Any,
        display: Any,
        store: Any,
        stopped: Any,
        lang: Any,
        **controls: Any,
    ) -> dict[str, Any]:
        triggers = [str(component) for component in ctx.triggered_prop_ids.values()]
        values = {key.removeprefix("control_"): value for key, value in controls.items()}
        return training_step(triggers, values, tick, store, stopped, lang, display)

    app.callback(
        output=dict(TRAIN_OUTPUTS),
        inputs=dict(TRAIN_INPUTS),
        state=dict(TRAIN_STATE),
    )(update_training)


# --- CSV routes ----------------------------------------------------------------------


def _invalid(problems: Sequence[LabProblem], lang: str) -> Response:
    heading = translator(lang)("gradients.export.invalid")
    return invalid_query(heading, (p.text(lang) for p in problems))


def export_gradients() -> Response:
    """``GET /export/gradients.csv``: per-layer gradient norms at initialisation."""
    query, problems = parse_gradient_query(request.args.to_dict(flat=False))
    if problems:
        return _invalid(problems, query.lang)
    return csv_download(gradient_csv(gradient_table(query)), "gradients.csv")


def export_bound() -> Response:
    """``GET /export/gradient-bound.csv``: the bound and the measured product per depth."""
    query, problems = parse_bound_query(request.args.to_dict(flat=False))
    if problems:
        return _invalid(problems, query.lang)
    return csv_download(bound_csv(bound_table(query)), "gradient-bound.csv")


def export_training() -> Response:
    """``GET /export/training.csv``: the loss per epoch of every run, recomputed from the seed."""
    query, problems = parse_training_query(request.args.to_dict(flat=False), cap_epochs=True)
    if problems:
        return _invalid(problems, query.lang)
    return csv_download(training_csv(training_losses(query), query.epochs), "training.csv")


def export_training_gradients() -> Response:
    """``GET /export/training-gradients.csv``: every layer's gradient norm per epoch of
    every run, recomputed from the seed."""
    query, problems = parse_training_query(request.args.to_dict(flat=False), cap_epochs=True)
    if problems:
        return _invalid(problems, query.lang)
    body = training_gradients_csv(trained_runs(query), query.epochs)
    return csv_download(body, "training-gradients.csv")


def export_boundary() -> Response:
    """``GET /export/decision-boundary.csv``: every run's P(y = 1) on the chart's grid
    after the epochs asked for, recomputed from the seed."""
    query, problems = parse_training_query(request.args.to_dict(flat=False), cap_epochs=True)
    if problems:
        return _invalid(problems, query.lang)
    runs = trained_runs(query)
    return csv_download(decision_boundary_csv(runs, decision_grids(runs)), "decision-boundary.csv")


def export_data() -> Response:
    """``GET /export/training-data.csv``: the training points of part 3."""
    query, problems = parse_data_query(request.args.to_dict(flat=False))
    if problems:
        return _invalid(problems, query.lang)
    data = dataset_for(query.config(query.functions[0]))
    return csv_download(training_data_csv(data), "training-data.csv")


def register_routes(server: Flask) -> None:
    server.add_url_rule(GRADIENTS_CSV, "gradients_csv", export_gradients, methods=["GET"])
    server.add_url_rule(BOUND_CSV, "gradient_bound_csv", export_bound, methods=["GET"])
    server.add_url_rule(TRAINING_CSV, "training_csv", export_training, methods=["GET"])
    server.add_url_rule(
        TRAINING_GRADIENTS_CSV,
        "training_gradients_csv",
        export_training_gradients,
        methods=["GET"],
    )
    server.add_url_rule(BOUNDARY_CSV, "decision_boundary_csv", export_boundary, methods=["GET"])
    server.add_url_rule(DATA_CSV, "training_data_csv", export_data, methods=["GET"])


PAGE = Page(
    path=PATH,
    nav_key="nav.gradients",
    order=10,
    build=create_gradients_page,
    register_callbacks=register_callbacks,
    register_routes=register_routes,
)
