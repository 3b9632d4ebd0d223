"""The explorer page, composed from small builder functions, one per region."""

from __future__ import annotations

import json
from typing import Any

from dash import dcc, html

import activations
from activations.expression import MAX_EXPRESSION_CHARS
from components import ids
from components.controls import checklist, copy_button, fieldset, svg_button
from components.figures import graph_config
from components.i18n import Translate
from components.state import (
    DEFAULT_DERIVATIVE,
    DEFAULT_FUNCTIONS,
    DEFAULT_POINTS,
    DEFAULT_XMAX,
    DEFAULT_XMIN,
    MAX_FUNCTIONS,
    MAX_POINTS,
    MIN_POINTS,
)

SLIDER_MIN = -20.0
SLIDER_MAX = 20.0
SLIDER_STEP = 0.1
INPUT_DEBOUNCE_SECONDS = 0.5

# Every parameter input and parameter box, in page order. Dash lists the
# matches of a pattern-matching ALL in page order, so the callbacks zip their
# values with these tuples.
PARAM_SLOTS: tuple[tuple[str, str], ...] = tuple(
    (activation.name, param.name)
    for activation in activations.all_activations()
    for param in activation.params
)
PARAM_GROUPS: tuple[str, ...] = tuple(
    activation.name for activation in activations.all_activations() if activation.params
)


def create_explorer(tr: Translate, lang: str) -> html.Main:
    return html.Main(
        className="explorer",
        children=[
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.QUERY_STORE),
            html.Div(id=ids.URL_SYNC_SINK, hidden=True),
            create_controls(tr, lang),
            create_results(tr),
        ],
    )


def function_option(activation: activations.Activation) -> dict[str, str]:
    return {
        "label": f"{activation.label('en')} · {activation.label('ja')}",
        "value": activation.name,
    }


def create_controls(tr: Translate, lang: str) -> html.Aside:
    return html.Aside(
        className="controls",
        **{"aria-label": tr("controls.label")},
        children=[
            create_function_choice(tr),
            create_range_controls(tr),
            _field(
                tr("points.label"),
                ids.POINTS,
                dcc.Input(
                    id=ids.POINTS,
                    type="number",
                    value=DEFAULT_POINTS,
                    step=1,
                    debounce=INPUT_DEBOUNCE_SECONDS,
                    className="number-input",
                ),
                hint=tr("points.hint", low=MIN_POINTS, high=f"{MAX_POINTS:,}"),
            ),
            fieldset(
                tr("options.legend"),
                checklist(
                    ids.OPTIONS,
                    [
                        {"label": tr("options.deriv"), "value": ids.OPTION_DERIVATIVE},
                        {"label": tr("options.logd"), "value": ids.OPTION_LOG_DERIVATIVE},
                    ],
                    [ids.OPTION_DERIVATIVE] if DEFAULT_DERIVATIVE else [],
                ),
            ),
            create_params_panel(lang),
            create_expression_field(tr),
            html.Div(
                className="downloads",
                children=[
                    html.A(
                        tr("download"),
                        id=ids.DOWNLOAD,
                        className="button",
                        href="/export.csv",
                        download="activations.csv",
                    ),
                    svg_button(ids.GRAPH, tr("download.svg")),
                ],
            ),
            html.P(tr("download.hint"), className="hint"),
        ],
    )


def create_function_choice(tr: Translate) -> html.Fieldset:
    """Every function as a checkbox: all names in view, one Tab stop each."""
    return fieldset(
        tr("functions.label"),
        html.Div(
            className="function-list",
            children=checklist(
                ids.FUNCTIONS,
                [function_option(a) for a in activations.all_activations()],
                list(DEFAULT_FUNCTIONS),
            ),
        ),
        html.P(tr("functions.hint", max=MAX_FUNCTIONS), className="hint"),
    )


def create_range_controls(tr: Translate) -> html.Fieldset:
    return html.Fieldset(
        className="range",
        children=[
            html.Legend(tr("range.legend")),
            html.Div(className="range-inputs", children=_number_inputs(tr)),
            html.Div(
                # assets/slider_labels.js names the handles in the page's language.
                **{"data-thumb-labels": json.dumps([tr("range.thumb_min"), tr("range.thumb_max")])},
                children=dcc.RangeSlider(
                    id=ids.XRANGE_SLIDER,
                    min=SLIDER_MIN,
                    max=SLIDER_MAX,
                    step=SLIDER_STEP,
                    value=[DEFAULT_XMIN, DEFAULT_XMAX],
                    marks={v: str(v) for v in (-20, -10, 0, 10, 20)},
                    allowCross=False,
                    # The typed inputs above accept any range; the slider's own
                    # boxes would only accept its ±20.
                    allow_direct_input=False,
                ),
            ),
            html.P(tr("range.hint"), className="hint"),
        ],
    )


def _number_inputs(tr: Translate) -> list[Any]:
    """Label, input, label, input: laid out by the .range-inputs grid."""
    children: list[Any] = []
    for text, component_id, value in (
        (tr("range.min"), ids.XMIN, DEFAULT_XMIN),
        (tr("range.max"), ids.XMAX, DEFAULT_XMAX),
    ):
        children.append(html.Label(text, htmlFor=component_id))
        children.append(
            dcc.Input(
                id=component_id,
                type="number",
                value=value,
                step="any",
                debounce=INPUT_DEBOUNCE_SECONDS,
                className="number-input",
            )
        )
    return children


def create_params_panel(lang: str) -> html.Div:
    groups = []
    for name in PARAM_GROUPS:
        activation = activations.get(name)
        groups.append(
            html.Fieldset(
                id=ids.param_group_id(name),
                className="param-group",
                hidden=name not in DEFAULT_FUNCTIONS,
                children=[html.Legend(activation.label(lang))]
                + [
                    html.Label(
                        className="inline-field",
                        children=[
                            html.Span(param.label(lang)),
                            dcc.Input(
                                id=ids.param_id(name, param.name),
                                type="number",
                                value=param.default,
                                min=param.low,
                                max=param.high,
                                step=param.step,
                                debounce=INPUT_DEBOUNCE_SECONDS,
                                className="number-input",
                            ),
                        ],
                    )
                    for param in activation.params
                ],
            )
        )
    return html.Div(id=ids.PARAMS_PANEL, className="params", children=groups)


def create_expression_field(tr: Translate) -> html.Div:
    return html.Div(
        className="field",
        children=[
            html.Label(tr("expr.label"), htmlFor=ids.EXPRESSION),
            dcc.Input(
                id=ids.EXPRESSION,
                type="text",
                value="",
                placeholder=tr("expr.placeholder"),
                debounce=INPUT_DEBOUNCE_SECONDS,
                maxLength=MAX_EXPRESSION_CHARS,
                autoComplete="off",
                spellCheck=False,
                className="text-input",
            ),
            html.Div(id=ids.EXPRESSION_ERROR, className="field-error", role="alert"),
            html.P(tr("expr.hint"), id=f"{ids.EXPRESSION}-hint", className="hint"),
        ],
    )


def create_results(tr: Translate) -> html.Section:
    return html.Section(
        className="results",
        children=[
            html.Div(id=ids.NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            html.Figure(
                className="graph-figure",
                # The picture's text alternative: a summary, and the numbers.
                **{"aria-describedby": ids.GRAPH_SUMMARY},
                children=[
                    dcc.Loading(
                        type="dot",
                        delay_show=300,
                        children=dcc.Graph(
                            id=ids.GRAPH,
                            className="graph",
                            # dcc.Graph sets an inline height of 100%, which
                            # collapses inside an auto-height parent; the CSS
                            # variable keeps the size in the stylesheet.
                            style={"height": "var(--graph-height)"},
                            config=graph_config("activations"),
                        ),
                    ),
                    html.Figcaption(id=ids.GRAPH_SUMMARY, className="graph-summary"),
                    html.Details(
                        className="data-table",
                        children=[
                            html.Summary(tr("table.show"), id=ids.DATA_TABLE_SUMMARY, n_clicks=0),
                            html.Div(id=ids.DATA_TABLE, className="table-scroll"),
                        ],
                    ),
                ],
            ),
            _panel(
                "properties-title",
                tr("properties.title"),
                html.Div(id=ids.PROPERTIES, className="table-scroll"),
            ),
            _panel(
                "functions-title",
                tr("cards.title"),
                html.Div(id=ids.FUNCTION_CARDS, className="cards"),
            ),
            create_snippet_panel(tr),
        ],
    )


def _panel(title_id: str, title: str, body: Any) -> html.Section:
    return html.Section(
        className="panel",
        **{"aria-labelledby": title_id},
        children=[html.H2(title, id=title_id), body],
    )


def create_snippet_panel(tr: Translate) -> html.Section:
    return html.Section(
        className="panel",
        **{"aria-labelledby": "snippet-title"},
        children=[
            html.Div(
                className="panel-heading",
                children=[
                    html.H2(tr("snippet.title"), id="snippet-title"),
                    copy_button(
                        ids.SNIPPET_COPY,
                        tr("snippet.copy"),
                        tr("snippet.copied"),
                        tr("copy.failed"),
                        target_id=ids.SNIPPET,
                    ),
                ],
            ),
            html.P(tr("snippet.hint"), className="hint"),
            html.Pre(html.Code(id=ids.SNIPPET, className="language-python"), className="code"),
        ],
    )


def _field(label: str, component_id: str, control: object, hint: str = "") -> html.Div:
    children: list[object] = [html.Label(label, htmlFor=component_id), control]
    if hint:
        children.append(html.P(hint, className="hint"))
    return html.Div(className="field", children=children)
