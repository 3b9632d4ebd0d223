"""The kink lab (``/smoothness``): if smoothness matters for learning, why does ReLU work?

Three sections, each answering part of the study note's open question:
softplus and the sigmoid morphing into ReLU and the step (two sliders), the
derivative at the kink (a static figure), and ReLU, softplus and sigmoid
networks trained alike (data set, seed, learning rate). The page's URL holds
every control, so a view is a link; a CSV download under every chart gives
its numbers.

Layout, callbacks and routes are here; the numbers, figures and validation
are the pure functions of :mod:`components.smoothness_lab`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dash import Dash, Input, Output, State, dcc, html, no_update
from flask import Flask, Response, request

import activations
from components import ids as frame_ids
from components.callbacks import REPLACE_URL_JS, notice_box
from components.controls import fieldset, radio_items, range_input
from components.curves import compute_curves
from components.downloads import csv_download, invalid_query
from components.export import csv_text
from components.figures import fmt, graph_config
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, Translate, translator
from components.pages import Page
from components.panels import data_table, graph_summary
from components.smoothness_lab import (
    BETA_MARKS,
    BETA_STEPS,
    FAN_SLOPES,
    GAIN_MARKS,
    GAIN_STEPS,
    KEY_BETA,
    KEY_DATASET,
    KEY_GAIN,
    KEY_LEARNING_RATE,
    KEY_SEED,
    KINK_POINTS,
    SUBGRADIENT_FILENAME,
    TABLE_ROWS,
    TRAIN_EPOCHS,
    TRAIN_SOFTPLUS_BETA,
    TRAINING_KEYS,
    KinkRun,
    KinkView,
    TrainingSettings,
    distance_csv,
    distance_figure,
    distance_filename,
    distance_query,
    distance_rows,
    distance_summary,
    distance_text,
    kink_figure,
    kink_rows,
    kink_runs,
    kink_summary,
    loss_figure,
    loss_rows,
    loss_summary,
    morph_figure,
    morph_filename,
    morph_query,
    morph_state,
    parse_distance_query,
    parse_kink_query,
    parse_morph_query,
    parse_sigmoid_query,
    parse_subgradient_query,
    run_cells,
    sigmoid_figure,
    sigmoid_filename,
    sigmoid_query,
    sigmoid_state,
    sigmoid_text,
    step_marks,
    step_value,
    subgradient_csv,
    subgradient_query,
    training_csv,
    training_filename,
    verdict_text,
)
from components.state import (
    KEY_LANGUAGE,
    Problem,
    ViewState,
    _control_text,
    format_number,
    query_from_search,
)
from components.theme import for_display
from networks import sup_distance_softplus_relu
from networks.limits import DATASETS, LEARNING_RATE, SEED

PATH = "/smoothness"
MORPH_RULE = "/export/softplus-morph.csv"
TRAINING_RULE = "/export/kink-training.csv"
DISTANCE_RULE = "/export/softplus-distance.csv"
SIGMOID_RULE = "/export/sigmoid-morph.csv"
SUBGRADIENT_RULE = "/export/kink-subgradients.csv"

# Component ids (all pages share one validation layout: every id here is "kink-...").
URL = "kink-url"
QUERY_STORE = "kink-query"
URL_SYNC_SINK = "kink-url-sync"
NOTICE = "kink-notice"
BETA = "kink-beta"
BETA_VALUE = "kink-beta-value"
MORPH_GRAPH = "kink-morph-graph"
DISTANCE_TEXT = "kink-distance-text"
DISTANCE_GRAPH = "kink-distance-graph"
MORPH_DOWNLOAD = "kink-morph-csv"
DISTANCE_DOWNLOAD = "kink-distance-csv"
SIGMOID_DOWNLOAD = "kink-sigmoid-csv"
SUBGRADIENT_DOWNLOAD = "kink-subgradient-csv"
GAIN = "kink-gain"
GAIN_VALUE = "kink-gain-value"
SIGMOID_TEXT = "kink-sigmoid-text"
# What each slider position means in words, for screen readers (aria-valuetext).
VALUE_TEXTS = "kink-value-texts"
VALUE_TEXT_SINK = "kink-value-text-sink"
SIGMOID_GRAPH = "kink-sigmoid-graph"
SUBGRADIENT_GRAPH = "kink-subgradient-graph"
DATASET = "kink-dataset"
SEED_INPUT = "kink-seed"
LEARNING_RATE_INPUT = "kink-lr"
TRAIN_NOTICE = "kink-train-notice"
LOSS_GRAPH = "kink-loss-graph"
VERDICT = "kink-verdict"
RESULTS = "kink-results"
TRAIN_DOWNLOAD = "kink-training-csv"


def summary_id(graph_id: str) -> str:
    """The id of a graph's summary in words (what the figure is described by)."""
    return f"{graph_id}-summary"


def table_id(graph_id: str) -> str:
    """The id of the box holding a graph's numbers as a table."""
    return f"{graph_id}-table"


INPUT_DEBOUNCE_SECONDS = 0.5
# The PNG a chart's camera button saves is named like the chart's CSV.
GRAPH_STEMS = {
    MORPH_GRAPH: "softplus-morph",
    DISTANCE_GRAPH: "softplus-distance",
    SIGMOID_GRAPH: "sigmoid-morph",
    SUBGRADIENT_GRAPH: SUBGRADIENT_FILENAME.removesuffix(".csv"),
    LOSS_GRAPH: "kink-training",
}


# --- layout ---------------------------------------------------------------------------


def create_smoothness(tr: Translate, lang: str) -> html.Main:
    """The page in ``lang``; the callbacks fill the graphs from the URL's view."""
    view = KinkView(lang=lang)
    return html.Main(
        className="results smoothness",
        children=[
            dcc.Location(id=URL, refresh=False),
            dcc.Store(id=QUERY_STORE),
            html.Div(id=URL_SYNC_SINK, hidden=True),
            dcc.Store(id=VALUE_TEXTS, data=value_texts(tr)),
            html.Div(id=VALUE_TEXT_SINK, hidden=True),
            _intro(tr),
            html.Div(id=NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            _morph_section(tr, view),
            _kink_section(tr, lang),
            _training_section(tr, view),
        ],
    )


def value_texts(tr: Translate) -> dict[str, Any]:
    """Each slider's positions in words ("β = 1.2"), read out as the slider's value.

    ``ids`` is in the order of VALUE_TEXT_JS's inputs: β, then a.
    """
    return {
        "ids": [BETA, GAIN],
        "words": {
            BETA: [tr("smoothness.beta.value", beta=fmt(beta)) for beta in BETA_STEPS],
            GAIN: [tr("smoothness.gain.value", a=fmt(gain)) for gain in GAIN_STEPS],
        },
    }


def _section(title_id: str, title: str, *children: Any) -> html.Section:
    return html.Section(
        className="panel",
        **{"aria-labelledby": title_id},
        children=[html.H2(title, id=title_id), *children],
    )


def _chart(
    tr: Translate,
    graph_id: str,
    size: str,
    download: html.A,
    summary: Any = None,
    table: Any = None,
) -> html.Figure:
    """A graph with its text alternative and its numbers; ``size`` is tall, medium or short.

    The figure is described by a short summary (what is plotted, the key
    numbers); the numbers themselves are a table folded in a <details>, and
    the CSV link under it has every sample. The callbacks fill the graph,
    summary and table unless they are given here (the kink figure's are fixed).
    """
    return html.Figure(
        className="graph-figure smoothness-chart",
        **{"aria-describedby": summary_id(graph_id)},
        children=[
            dcc.Loading(
                type="dot",
                delay_show=300,
                # dcc.Graph sets an inline height of 100%: the box around it
                # has the height (assets/smoothness.css), the graph fills it.
                parent_className=f"smoothness-graph-box smoothness-graph-{size}",
                children=dcc.Graph(
                    id=graph_id,
                    className="graph",
                    figure={"data": [], "layout": {}},
                    config=graph_config(GRAPH_STEMS[graph_id]),
                ),
            ),
            html.Figcaption(summary, id=summary_id(graph_id), className="graph-summary"),
            html.Details(
                className="data-table",
                children=[
                    html.Summary(tr("table.show")),
                    _scroll_box(table, table_id(graph_id), tr, graph_id),
                ],
            ),
            html.Div(download, className="smoothness-download"),
        ],
    )


def _scroll_box(table: Any, component_id: str, tr: Translate, owner: str) -> html.Div:
    """A table's own horizontal scroll box on narrow screens, reachable by keyboard.

    It is a region named after what its table holds (``owner``: a graph, or
    the results), so each of the page's tables can be told apart.
    """
    name = tr(f"smoothness.table.{owner.removeprefix('kink-').removesuffix('-graph')}")
    return html.Div(
        table,
        id=component_id,
        className="table-scroll smoothness-table",
        tabIndex="0",
        role="region",
        **{"aria-label": tr("smoothness.table.region", name=name)},
    )


def _download(component_id: str, label: str, href: str) -> html.A:
    """A chart's CSV link (the callbacks keep its query current)."""
    name = href.split("?")[0].rsplit("/", 1)[-1]
    return html.A(label, id=component_id, className="button", href=href, download=name)


def number_table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> html.Table:
    """A table of numbers: a caption, column headers, and each row headed by its first cell."""
    return html.Table(
        className="properties",
        children=[
            html.Caption(caption),
            html.Thead(html.Tr([html.Th(text, scope="col") for text in header])),
            html.Tbody(
                [
                    html.Tr([html.Th(row[0], scope="row")] + [html.Td(cell) for cell in row[1:]])
                    for row in rows
                ]
            ),
        ],
    )


def _intro(tr: Translate) -> html.Section:
    return _section(
        "kink-title",
        tr("smoothness.title"),
        html.P(tr("smoothness.question")),
        html.P(tr("smoothness.plan")),
        html.Div(
            className="notice-box",
            children=[html.Strong(tr("smoothness.answer.title")), html.P(tr("smoothness.answer"))],
        ),
    )


def _step_slider(
    component_id: str,
    value_id: str,
    label: str,
    steps: tuple[float, ...],
    marks: tuple[float, ...],
    value: float,
) -> html.Div:
    """A native range input over the positions of ``steps``, its value shown as text.

    The input's own value is a position (0, 1, 2, ...); the ``<output>`` under
    it says what that means ("β = 1.2"), and a small script gives screen
    readers the same words as the slider's value text. The round values in
    ``marks`` are tick marks on the track.
    """
    ticks = f"{component_id}-ticks"
    return html.Div(
        className="field smoothness-slider",
        children=[
            html.Label(label, htmlFor=component_id),
            range_input(component_id, 0, len(steps) - 1, 1, steps.index(value), list=ticks),
            html.Datalist(
                id=ticks,
                children=[
                    html.Option(value=str(position), label=text)
                    for position, text in step_marks(steps, marks).items()
                ],
            ),
            html.Div(
                className="smoothness-scale",
                **{"aria-hidden": "true"},
                children=[html.Span(fmt(steps[0])), html.Span(fmt(steps[-1]))],
            ),
            html.Output(id=value_id, htmlFor=component_id, className="smoothness-value"),
        ],
    )


def _morph_section(tr: Translate, view: KinkView) -> html.Section:
    return _section(
        "kink-morph-title",
        tr("smoothness.morph.title"),
        html.P(tr("smoothness.morph.text")),
        _step_slider(
            BETA, BETA_VALUE, tr("smoothness.beta.label"), BETA_STEPS, BETA_MARKS, view.beta
        ),
        _chart(
            tr,
            MORPH_GRAPH,
            "tall",
            _download(MORPH_DOWNLOAD, tr("smoothness.morph.download"), MORPH_RULE),
        ),
        html.P(tr("smoothness.morph.slope"), className="hint"),
        html.P(id=DISTANCE_TEXT),
        _chart(
            tr,
            DISTANCE_GRAPH,
            "short",
            _download(DISTANCE_DOWNLOAD, tr("smoothness.distance.download"), DISTANCE_RULE),
        ),
        html.H3(tr("smoothness.sigmoid.title")),
        html.P(tr("smoothness.sigmoid.text")),
        _step_slider(
            GAIN, GAIN_VALUE, tr("smoothness.gain.label"), GAIN_STEPS, GAIN_MARKS, view.gain
        ),
        html.P(id=SIGMOID_TEXT),
        _chart(
            tr,
            SIGMOID_GRAPH,
            "tall",
            _download(SIGMOID_DOWNLOAD, tr("smoothness.sigmoid.download"), SIGMOID_RULE),
        ),
    )


def _kink_section(tr: Translate, lang: str) -> html.Section:
    relu = activations.get("relu")
    return _section(
        "kink-derivative-title",
        tr("smoothness.kink.title"),
        dcc.Markdown(tr("smoothness.kink.text")),
        html.P(relu.describe_convention(lang), className="hint"),
        _chart(
            tr,
            SUBGRADIENT_GRAPH,
            "tall",
            _download(
                SUBGRADIENT_DOWNLOAD,
                tr("smoothness.kink.download"),
                f"{SUBGRADIENT_RULE}?{subgradient_query(lang)}",
            ),
            summary=kink_summary(tr),
            table=kink_table(tr, lang),
        ),
    )


def _dataset_options(tr: Translate) -> list[dict[str, str]]:
    return [{"label": tr(f"smoothness.dataset.{name}"), "value": name} for name in DATASETS]


def _number_field(
    component_id: str, label: str, hint: str, value: float, low: float, high: float, step: Any
) -> html.Div:
    """A labelled number box with its hint; wide enough for a 10-digit seed or 0.0003."""
    return html.Div(
        className="field",
        children=[
            html.Label(label, htmlFor=component_id),
            dcc.Input(
                id=component_id,
                type="number",
                value=value,
                min=low,
                max=high,
                step=step,
                debounce=INPUT_DEBOUNCE_SECONDS,
                className="number-input smoothness-number",
            ),
            html.P(hint, className="hint"),
        ],
    )


def _training_controls(tr: Translate, settings: TrainingSettings) -> html.Div:
    """Data set, seed and learning rate side by side, wrapping on narrow screens."""
    return html.Div(
        className="smoothness-controls",
        role="group",
        **{"aria-label": tr("smoothness.train.controls")},
        children=[
            fieldset(
                tr("smoothness.train.dataset"),
                radio_items(DATASET, _dataset_options(tr), settings.dataset, inline=True),
            ),
            _number_field(
                SEED_INPUT,
                tr("smoothness.train.seed"),
                tr("smoothness.train.seed_hint", high=f"{SEED.high:,}"),
                settings.seed,
                SEED.low,
                SEED.high,
                1,
            ),
            _number_field(
                LEARNING_RATE_INPUT,
                tr("smoothness.train.lr"),
                tr(
                    "smoothness.train.lr_hint",
                    low=fmt(LEARNING_RATE.low),
                    high=fmt(LEARNING_RATE.high),
                ),
                settings.learning_rate,
                LEARNING_RATE.low,
                LEARNING_RATE.high,
                "any",
            ),
        ],
    )


def _training_section(tr: Translate, view: KinkView) -> html.Section:
    config = view.training.config()
    return _section(
        "kink-train-title",
        tr("smoothness.train.title"),
        html.P(
            tr(
                "smoothness.train.text",
                points=config.points,
                depth=config.depth,
                width=config.width,
                epochs=TRAIN_EPOCHS,
                beta=fmt(TRAIN_SOFTPLUS_BETA),
            )
        ),
        _training_controls(tr, view.training),
        html.Div(id=TRAIN_NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
        _chart(
            tr,
            LOSS_GRAPH,
            "medium",
            _download(TRAIN_DOWNLOAD, tr("smoothness.train.download"), TRAINING_RULE),
        ),
        html.P(id=VERDICT, **{"aria-live": "polite"}),
        _scroll_box(None, RESULTS, tr, RESULTS),
        dcc.Markdown(tr("smoothness.train.explain")),
    )


def results_table(runs: tuple[KinkRun, ...], lang: str) -> html.Table:
    """Per network: loss at the start and the end, accuracy, when it learned, dead units."""
    tr = translator(lang)
    columns = ("start", "end", "accuracy", "learned", "dead")
    header = html.Tr(
        [html.Th(tr("smoothness.results.network"), scope="col")]
        + [
            html.Th(tr(f"smoothness.results.{column}", epochs=TRAIN_EPOCHS), scope="col")
            for column in columns
        ]
    )
    rows = []
    for run in runs:
        cells = run_cells(run, tr)
        rows.append(
            html.Tr(
                [html.Th(activations.get(run.name).label(lang), scope="row")]
                + [html.Td(cells[column]) for column in columns]
            )
        )
    return html.Table(
        className="properties",
        children=[
            html.Caption(tr("smoothness.results.caption", epochs=TRAIN_EPOCHS)),
            html.Thead(header),
            html.Tbody(rows),
        ],
    )


def curves_text(state: ViewState, extra: str = "") -> tuple[str, html.Table]:
    """A morph chart's summary (the explorer's, plus ``extra``) and its table of samples."""
    curves = compute_curves(state)
    text = graph_summary(curves, state)
    if extra:
        text = translator(state.lang)("summary.join").join([text, extra])
    return text, data_table(curves, state)


def distance_data_table(tr: Translate) -> html.Table:
    header = ("β", tr("smoothness.distance.formula"), tr("smoothness.distance.measured"))
    caption = tr("smoothness.distance.caption", count=len(BETA_STEPS))
    return number_table(caption, header, distance_rows())


def kink_table(tr: Translate, lang: str) -> html.Table:
    rows = kink_rows()
    header = ["x", activations.get("relu").label(lang)] + [
        tr("smoothness.kink.column", slope=fmt(slope)) for slope in FAN_SLOPES
    ]
    caption = tr("smoothness.kink.caption", rows=len(rows), n=KINK_POINTS)
    return number_table(caption, header, rows)


def loss_table(runs: tuple[KinkRun, ...], lang: str) -> html.Table:
    tr = translator(lang)
    rows = loss_rows(runs)
    header = [tr("smoothness.loss.epoch")] + [activations.get(run.name).label(lang) for run in runs]
    caption = tr(
        "smoothness.loss.caption",
        step=TRAIN_EPOCHS // (TABLE_ROWS - 1),
        rows=len(rows),
        n=TRAIN_EPOCHS + 1,
    )
    return number_table(caption, header, rows)


def summary(runs: tuple[KinkRun, ...], lang: str) -> list[Any]:
    """The verdict of the run, what happened at the kink, and any divergence."""
    tr = translator(lang)
    relu = next(run for run in runs if run.name == "relu")
    lines = [
        verdict_text(runs, tr, lang),
        tr(
            "smoothness.train.at_kink",
            hits=f"{relu.at_kink:,}",
            total=f"{relu.pre_activations:,}",
        ),
    ]
    lines += [
        tr(
            "smoothness.train.diverged",
            name=activations.get(run.name).label(lang),
            epoch=run.epochs,
        )
        for run in runs
        if run.diverged
    ]
    return [html.Span(line + " ") for line in lines]


# --- callbacks --------------------------------------------------------------------------


def _lang(lang: Any) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def restore_view(search: str | None, lang: Any = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """Opening a link: set every control from the URL, and say what was repaired."""
    view, problems = parse_kink_query(query_from_search(search), default_lang=_lang(lang))
    return {
        "beta": BETA_STEPS.index(view.beta),
        "gain": GAIN_STEPS.index(view.gain),
        "dataset": view.training.dataset,
        "seed": view.training.seed,
        "lr": view.training.learning_rate,
        "notice": notice_box("notice.link", problems, view.lang),
    }


def training_raw(dataset: Any, seed: Any, lr: Any, lang: Any) -> dict[str, list[str]]:
    """The training controls' JSON values as the raw query a URL would carry."""
    return {
        KEY_DATASET: [_control_text(dataset)],
        KEY_SEED: [_control_text(seed)],
        KEY_LEARNING_RATE: [_control_text(lr)],
        KEY_LANGUAGE: [_lang(lang)],
    }


def controls_raw(
    beta_index: Any, gain_index: Any, dataset: Any, seed: Any, lr: Any, lang: Any
) -> dict[str, list[str]]:
    """Every control as the raw query a URL would carry, so both share one validator."""
    beta = step_value(beta_index, BETA_STEPS)
    gain = step_value(gain_index, GAIN_STEPS)
    return {
        KEY_BETA: [format_number(beta) if beta is not None else ""],
        KEY_GAIN: [format_number(gain) if gain is not None else ""],
        **training_raw(dataset, seed, lr, lang),
    }


def stem(filename: str) -> str:
    """A CSV's file name without ``.csv``: what the chart's PNG is called."""
    return filename.removesuffix(".csv")


def update_morph(
    beta_index: Any,
    lang: Any,
    display: Any = None,
    export_path: str = MORPH_RULE,
    distance_path: str = DISTANCE_RULE,
) -> dict[str, Any]:
    """β moved: softplus against ReLU, the gap in words and on the distance chart."""
    beta = step_value(beta_index, BETA_STEPS)
    lang = _lang(lang)
    if beta is None:
        return dict.fromkeys(MORPH_OUTPUTS, no_update)
    tr = translator(lang)
    query = morph_query(beta, lang)
    gap = tr("smoothness.morph.summary_gap", gap=fmt(sup_distance_softplus_relu(beta)))
    morph_summary, morph_table = curves_text(morph_state(beta, lang), gap)
    return {
        "figure": for_display(morph_figure(beta, lang), display),
        "summary": morph_summary,
        "table": morph_table,
        "value": tr("smoothness.beta.value", beta=fmt(beta)),
        "text": distance_text(beta, tr),
        "distance": for_display(distance_figure(beta, lang), display),
        "distance_summary": distance_summary(beta, tr),
        "distance_table": distance_data_table(tr),
        "href": f"{export_path}?{query}",
        "distance_href": f"{distance_path}?{distance_query(beta, lang)}",
        "config": graph_config(stem(morph_filename(morph_state(beta, lang)))),
        "distance_config": graph_config(stem(distance_filename(KinkView(beta=beta)))),
    }


def update_sigmoid(
    gain_index: Any, lang: Any, display: Any = None, export_path: str = SIGMOID_RULE
) -> dict[str, Any]:
    """``a`` moved: the sigmoid against the step, and its derivative's peak a/4."""
    gain = step_value(gain_index, GAIN_STEPS)
    lang = _lang(lang)
    if gain is None:
        return dict.fromkeys(SIGMOID_OUTPUTS, no_update)
    tr = translator(lang)
    sigmoid_summary, sigmoid_table = curves_text(sigmoid_state(gain, lang))
    return {
        "figure": for_display(sigmoid_figure(gain, lang), display),
        "summary": sigmoid_summary,
        "table": sigmoid_table,
        "value": tr("smoothness.gain.value", a=fmt(gain)),
        "text": sigmoid_text(gain, tr),
        "href": f"{export_path}?{sigmoid_query(gain, lang)}",
        "config": graph_config(stem(sigmoid_filename(sigmoid_state(gain, lang)))),
    }


def update_training(
    dataset: Any,
    seed: Any,
    lr: Any,
    lang: Any,
    display: Any = None,
    export_path: str = TRAINING_RULE,
) -> dict[str, Any]:
    """A training control changed: the three runs, or the last good ones and why."""
    lang = _lang(lang)
    view, problems = parse_kink_query(training_raw(dataset, seed, lr, lang), lang, TRAINING_KEYS)
    if problems:
        unchanged: dict[str, Any] = dict.fromkeys(TRAINING_OUTPUTS, no_update)
        # Nothing was repaired: say what is wrong, not what a link would have used.
        reasons = [replace(problem, remedy="") for problem in problems]
        unchanged["notice"] = notice_box("notice.controls", reasons, lang)
        return unchanged
    runs = kink_runs(view.training)
    return {
        "figure": for_display(loss_figure(runs, lang), display),
        "summary": loss_summary(runs, translator(lang), lang),
        "table": loss_table(runs, lang),
        "verdict": summary(runs, lang),
        "results": results_table(runs, lang),
        "href": f"{export_path}?{view.training_query()}",
        "config": graph_config(stem(training_filename(view.training))),
        "notice": None,
    }


def update_kink(display: Any, lang: Any) -> Any:
    """The subgradient figure has no control of its own: only the display re-draws it."""
    return for_display(kink_figure(_lang(lang)), display)


def update_query(
    beta_index: Any, gain_index: Any, dataset: Any, seed: Any, lr: Any, lang: Any
) -> Any:
    """The address bar's query for what the controls show (unchanged while a value is invalid)."""
    raw = controls_raw(beta_index, gain_index, dataset, seed, lr, lang)
    view, problems = parse_kink_query(raw, _lang(lang))
    return no_update if problems else view.to_query()


RESTORE_OUTPUTS = {
    "beta": Output(BETA, "value"),
    "gain": Output(GAIN, "value"),
    "dataset": Output(DATASET, "value"),
    "seed": Output(SEED_INPUT, "value"),
    "lr": Output(LEARNING_RATE_INPUT, "value"),
    "notice": Output(NOTICE, "children"),
}
MORPH_OUTPUTS = {
    "figure": Output(MORPH_GRAPH, "figure"),
    "summary": Output(summary_id(MORPH_GRAPH), "children"),
    "table": Output(table_id(MORPH_GRAPH), "children"),
    "value": Output(BETA_VALUE, "children"),
    "text": Output(DISTANCE_TEXT, "children"),
    "distance": Output(DISTANCE_GRAPH, "figure"),
    "distance_summary": Output(summary_id(DISTANCE_GRAPH), "children"),
    "distance_table": Output(table_id(DISTANCE_GRAPH), "children"),
    "href": Output(MORPH_DOWNLOAD, "href"),
    "distance_href": Output(DISTANCE_DOWNLOAD, "href"),
    "config": Output(MORPH_GRAPH, "config"),
    "distance_config": Output(DISTANCE_GRAPH, "config"),
}
SIGMOID_OUTPUTS = {
    "figure": Output(SIGMOID_GRAPH, "figure"),
    "summary": Output(summary_id(SIGMOID_GRAPH), "children"),
    "table": Output(table_id(SIGMOID_GRAPH), "children"),
    "value": Output(GAIN_VALUE, "children"),
    "text": Output(SIGMOID_TEXT, "children"),
    "href": Output(SIGMOID_DOWNLOAD, "href"),
    "config": Output(SIGMOID_GRAPH, "config"),
}
TRAINING_OUTPUTS = {
    "figure": Output(LOSS_GRAPH, "figure"),
    "summary": Output(summary_id(LOSS_GRAPH), "children"),
    "table": Output(table_id(LOSS_GRAPH), "children"),
    "verdict": Output(VERDICT, "children"),
    "results": Output(RESULTS, "children"),
    "href": Output(TRAIN_DOWNLOAD, "href"),
    "config": Output(LOSS_GRAPH, "config"),
    "notice": Output(TRAIN_NOTICE, "children"),
}
TRAINING_INPUTS = {
    "dataset": Input(DATASET, "value"),
    "seed": Input(SEED_INPUT, "value"),
    "lr": Input(LEARNING_RATE_INPUT, "value"),
}


# A range input's value is a position; aria-valuetext tells a screen reader
# what it means. dcc.Input has no such property, so it is set on the element.
VALUE_TEXT_JS = """
function (beta, gain, texts) {
    var positions = {};
    positions[texts.ids[0]] = beta;
    positions[texts.ids[1]] = gain;
    texts.ids.forEach(function (id) {
        var input = document.getElementById(id);
        var words = texts.words[id];
        var position = Number(positions[id]);
        if (input && words && Number.isInteger(position) && words[position] !== undefined) {
            input.setAttribute("aria-valuetext", words[position]);
        }
    });
    return window.dash_clientside.no_update;
}
"""


def display_input() -> Input:
    """Theme and presentation mode: a change re-draws the page's figures in the new look."""
    return Input(frame_ids.DISPLAY_STORE, "data")


def lang_state() -> dict[str, State]:
    """A new ``state=`` dict for each callback: Dash merges the inputs into the one it gets."""
    return {"lang": State(frame_ids.LANG_STORE, "data")}


def register_callbacks(app: Dash) -> None:
    """The kink lab's callbacks; each slider only redraws its own figure."""
    morph_path = app.get_relative_path(MORPH_RULE)
    training_path = app.get_relative_path(TRAINING_RULE)
    distance_path = app.get_relative_path(DISTANCE_RULE)
    sigmoid_path = app.get_relative_path(SIGMOID_RULE)

    app.callback(
        output=RESTORE_OUTPUTS, inputs={"search": Input(URL, "search")}, state=lang_state()
    )(restore_view)

    def morph(beta_index: Any, display: Any, lang: Any) -> dict[str, Any]:
        return update_morph(beta_index, lang, display, morph_path, distance_path)

    app.callback(
        output=MORPH_OUTPUTS,
        inputs={"beta_index": Input(BETA, "value"), "display": display_input()},
        state=lang_state(),
    )(morph)

    def sigmoid(gain_index: Any, display: Any, lang: Any) -> dict[str, Any]:
        return update_sigmoid(gain_index, lang, display, sigmoid_path)

    app.callback(
        output=SIGMOID_OUTPUTS,
        inputs={"gain_index": Input(GAIN, "value"), "display": display_input()},
        state=lang_state(),
    )(sigmoid)

    def training(dataset: Any, seed: Any, lr: Any, display: Any, lang: Any) -> dict[str, Any]:
        return update_training(dataset, seed, lr, lang, display, training_path)

    app.callback(
        output=TRAINING_OUTPUTS,
        inputs={**TRAINING_INPUTS, "display": display_input()},
        state=lang_state(),
    )(training)
    app.callback(
        Output(SUBGRADIENT_GRAPH, "figure"),
        display_input(),
        State(frame_ids.LANG_STORE, "data"),
    )(update_kink)
    app.callback(
        Output(QUERY_STORE, "data"),
        inputs={
            "beta_index": Input(BETA, "value"),
            "gain_index": Input(GAIN, "value"),
            **TRAINING_INPUTS,
        },
        state=lang_state(),
    )(update_query)
    app.clientside_callback(
        REPLACE_URL_JS, Output(URL_SYNC_SINK, "children"), Input(QUERY_STORE, "data")
    )
    app.clientside_callback(
        VALUE_TEXT_JS,
        Output(VALUE_TEXT_SINK, "children"),
        Input(BETA, "value"),
        Input(GAIN, "value"),
        State(VALUE_TEXTS, "data"),
    )


# --- routes ------------------------------------------------------------------------------


def _bad_request(problems: tuple[Problem, ...], lang: str) -> Response:
    heading = translator(lang)("export.invalid")
    return invalid_query(heading, (problem.reason(lang) for problem in problems))


def export_morph() -> Response:
    """``GET /export/softplus-morph.csv?beta=&xmin=&xmax=&n=``: x, softplus, relu and f′."""
    state, problems = parse_morph_query(request.args.to_dict(flat=False))
    if problems:
        return _bad_request(problems, state.lang)
    return csv_download(csv_text(compute_curves(state), deriv=True), morph_filename(state))


def export_training() -> Response:
    """``GET /export/kink-training.csv?dataset=&seed=&lr=``: the three loss curves."""
    view, problems = parse_kink_query(request.args.to_dict(flat=False), allowed=TRAINING_KEYS)
    if problems:
        return _bad_request(problems, view.lang)
    return csv_download(training_csv(kink_runs(view.training)), training_filename(view.training))


def export_distance() -> Response:
    """``GET /export/softplus-distance.csv?beta=&lang=``: beta, formula, measured per step."""
    view, problems = parse_distance_query(request.args.to_dict(flat=False))
    if problems:
        return _bad_request(problems, view.lang)
    return csv_download(distance_csv(), distance_filename(view))


def export_sigmoid() -> Response:
    """``GET /export/sigmoid-morph.csv?a=&xmin=&xmax=&n=&lang=``: x, sigmoid, step and f′."""
    state, problems = parse_sigmoid_query(request.args.to_dict(flat=False))
    if problems:
        return _bad_request(problems, state.lang)
    return csv_download(csv_text(compute_curves(state), deriv=True), sigmoid_filename(state))


def export_subgradients() -> Response:
    """``GET /export/kink-subgradients.csv?lang=``: the lines drawn, then the interval at 0."""
    view, problems = parse_subgradient_query(request.args.to_dict(flat=False))
    if problems:
        return _bad_request(problems, view.lang)
    return csv_download(subgradient_csv(), SUBGRADIENT_FILENAME)


def register_routes(server: Flask) -> None:
    server.add_url_rule(MORPH_RULE, "smoothness_morph_csv", export_morph, methods=["GET"])
    server.add_url_rule(TRAINING_RULE, "smoothness_training_csv", export_training, methods=["GET"])
    server.add_url_rule(DISTANCE_RULE, "smoothness_distance_csv", export_distance, methods=["GET"])
    server.add_url_rule(SIGMOID_RULE, "smoothness_sigmoid_csv", export_sigmoid, methods=["GET"])
    server.add_url_rule(
        SUBGRADIENT_RULE, "smoothness_subgradient_csv", export_subgradients, methods=["GET"]
    )


PAGE = Page(
    path=PATH,
    nav_key="nav.smoothness",
    order=20,
    build=create_smoothness,
    register_callbacks=register_callbacks,
    register_routes=register_routes,
)
