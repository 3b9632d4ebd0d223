"""Page composition from small builder functions, one per region of the page."""

from __future__ import annotations

from dash import dcc, html

import activations
from activations.expression import MAX_EXPRESSION_CHARS
from components import ids
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


def create_layout() -> html.Div:
    return html.Div(
        className="page",
        children=[
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.QUERY_STORE),
            html.Div(id=ids.URL_SYNC_SINK, hidden=True),
            create_header(),
            html.Main(
                className="explorer",
                children=[create_controls(), create_results()],
            ),
            create_footer(),
        ],
    )


def create_header() -> html.Header:
    return html.Header(
        className="site-header",
        children=[
            html.H1("Activation Explorer"),
            html.P(
                [
                    "See each activation function and its derivative side by side — ",
                    html.Span("活性化関数とその微分を並べて見る", lang="ja"),
                ],
                className="subtitle",
            ),
        ],
    )


def function_option(activation: activations.Activation) -> dict[str, str]:
    return {
        "label": f"{activation.label('en')} · {activation.label('ja')}",
        "value": activation.name,
    }


def create_controls() -> html.Aside:
    return html.Aside(
        className="controls",
        **{"aria-label": "Controls"},
        children=[
            _field(
                "Functions",
                ids.FUNCTIONS,
                dcc.Dropdown(
                    id=ids.FUNCTIONS,
                    options=[function_option(a) for a in activations.all_activations()],
                    value=list(DEFAULT_FUNCTIONS),
                    multi=True,
                    placeholder="Choose up to 8 functions",
                ),
                hint=f"Overlay 1 to {MAX_FUNCTIONS} functions.",
            ),
            create_range_controls(),
            _field(
                "Sample points",
                ids.POINTS,
                dcc.Input(
                    id=ids.POINTS,
                    type="number",
                    value=DEFAULT_POINTS,
                    step=1,
                    debounce=INPUT_DEBOUNCE_SECONDS,
                    className="number-input",
                ),
                hint=f"{MIN_POINTS} to {MAX_POINTS:,} points, evenly spaced.",
            ),
            dcc.Checklist(
                id=ids.OPTIONS,
                className="options",
                options=[
                    {"label": " Show the derivative f′", "value": ids.OPTION_DERIVATIVE},
                    {"label": " Log scale for |f′|", "value": ids.OPTION_LOG_DERIVATIVE},
                ],
                value=[ids.OPTION_DERIVATIVE] if DEFAULT_DERIVATIVE else [],
            ),
            create_params_panel(),
            create_expression_field(),
            html.A(
                "Download CSV",
                id=ids.DOWNLOAD,
                className="button",
                href="/export.csv",
                download="activations.csv",
            ),
        ],
    )


def create_range_controls() -> html.Fieldset:
    return html.Fieldset(
        className="range",
        children=[
            html.Legend("x range"),
            html.Div(
                className="range-inputs",
                children=[
                    _number_label("min", ids.XMIN, DEFAULT_XMIN),
                    _number_label("max", ids.XMAX, DEFAULT_XMAX),
                ],
            ),
            dcc.RangeSlider(
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
            html.P("Type any range within ±1,000,000, or drag.", className="hint"),
        ],
    )


def _number_label(text: str, component_id: str, value: float) -> html.Label:
    return html.Label(
        className="inline-field",
        children=[
            html.Span(text),
            dcc.Input(
                id=component_id,
                type="number",
                value=value,
                step="any",
                debounce=INPUT_DEBOUNCE_SECONDS,
                className="number-input",
            ),
        ],
    )


def create_params_panel() -> html.Div:
    groups = []
    for name in PARAM_GROUPS:
        activation = activations.get(name)
        groups.append(
            html.Fieldset(
                id=ids.param_group_id(name),
                className="param-group",
                hidden=name not in DEFAULT_FUNCTIONS,
                children=[html.Legend(activation.label("en"))]
                + [
                    html.Label(
                        className="inline-field",
                        children=[
                            html.Span(param.label("en")),
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


def create_expression_field() -> html.Div:
    return html.Div(
        className="field",
        children=[
            html.Label("Your own function of x", htmlFor=ids.EXPRESSION),
            dcc.Input(
                id=ids.EXPRESSION,
                type="text",
                value="",
                placeholder="e.g. x * sigmoid(1.702 * x)",
                debounce=INPUT_DEBOUNCE_SECONDS,
                maxLength=MAX_EXPRESSION_CHARS,
                autoComplete="off",
                spellCheck=False,
                className="text-input",
            ),
            html.Div(id=ids.EXPRESSION_ERROR, className="field-error", role="alert"),
            html.P(
                "Use x, numbers, pi, e, + - * / **, and functions such as exp, log, "
                "sqrt, tanh or any catalogue name: sigmoid(x), relu(x), …",
                id=f"{ids.EXPRESSION}-hint",
                className="hint",
            ),
        ],
    )


def create_results() -> html.Section:
    return html.Section(
        className="results",
        children=[
            html.Div(id=ids.NOTICE, className="notice", role="status", **{"aria-live": "polite"}),
            dcc.Loading(
                type="dot",
                delay_show=300,
                children=dcc.Graph(
                    id=ids.GRAPH,
                    className="graph",
                    # dcc.Graph sets an inline height of 100%, which collapses
                    # inside an auto-height parent; the CSS variable keeps the
                    # size in the stylesheet, per screen width.
                    style={"height": "var(--graph-height)"},
                    config={"displaylogo": False, "responsive": True},
                ),
            ),
            html.Section(
                className="panel",
                **{"aria-labelledby": "properties-title"},
                children=[
                    html.H2("Properties, computed", id="properties-title"),
                    html.Div(id=ids.PROPERTIES, className="table-scroll"),
                ],
            ),
            html.Section(
                className="panel",
                **{"aria-labelledby": "functions-title"},
                children=[
                    html.H2("Formulas, origins and code", id="functions-title"),
                    html.Div(id=ids.FUNCTION_CARDS, className="cards"),
                ],
            ),
            create_snippet_panel(),
        ],
    )


def create_snippet_panel() -> html.Section:
    return html.Section(
        className="panel",
        **{"aria-labelledby": "snippet-title"},
        children=[
            html.Div(
                className="panel-heading",
                children=[
                    html.H2("Reproduce this plot", id="snippet-title"),
                    dcc.Clipboard(
                        id=ids.SNIPPET_COPY,
                        target_id=ids.SNIPPET,
                        title="Copy the code",
                        className="copy-button",
                    ),
                ],
            ),
            html.P(
                "NumPy and matplotlib, as in a first notebook: paste it into Python and run it.",
                className="hint",
            ),
            html.Pre(html.Code(id=ids.SNIPPET, className="language-python"), className="code"),
        ],
    )


def create_footer() -> html.Footer:
    return html.Footer(
        className="site-footer",
        children=html.P(
            "Every curve is computed with NumPy on the server; the CSV holds the exact numbers."
        ),
    )


def _field(label: str, component_id: str, control: object, hint: str = "") -> html.Div:
    children: list[object] = [html.Label(label, htmlFor=component_id), control]
    if hint:
        children.append(html.P(hint, className="hint"))
    return html.Div(className="field", children=children)
