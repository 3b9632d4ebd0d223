"""The explorer's callbacks: plain functions, registered by ``register_callbacks(app)``.

One callback owns the whole view. Whatever changed — the URL on page load or
any control — its raw values become a :class:`ViewState` through
``parse_query``, and every output is computed from that state. Keeping it in
one callback lets the URL restore the controls and the controls write the
URL without a circular chain between callbacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

import activations
from components import ids
from components.code import reproduce_snippet
from components.curves import compute_curves
from components.export import csv_filename, file_stem
from components.figures import explorer_figure, graph_config, singular_marks
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from components.layout import PARAM_GROUPS, PARAM_SLOTS, SLIDER_MAX, SLIDER_MIN
from components.panels import (
    data_table,
    function_card,
    function_cards,
    graph_summary,
    notice_lines,
    properties_table,
)
from components.state import (
    KEY_EXPRESSION,
    Problem,
    ViewState,
    parse_query,
    query_from_controls,
    query_from_search,
)
from components.theme import for_display
from components.updates import (
    Change,
    cards_for_curves,
    classify,
    figure_for_curves,
    figure_for_derivative,
    shown_state,
)

EXPORT_PATH = "/export.csv"
PARAM_INPUTS = {"type": ids.PARAM_TYPE, "fn": ALL, "param": ALL}
PARAM_GROUP_BOXES = {"type": ids.PARAM_GROUP_TYPE, "fn": ALL}

OUTPUTS = {
    "figure": Output(ids.GRAPH, "figure"),
    "cards": Output(ids.FUNCTION_CARDS, "children"),
    "summary": Output(ids.GRAPH_SUMMARY, "children"),
    "table": Output(ids.DATA_TABLE, "children"),
    "properties": Output(ids.PROPERTIES, "children"),
    "snippet": Output(ids.SNIPPET, "children"),
    "expr_error": Output(ids.EXPRESSION_ERROR, "children"),
    "expr": Output(ids.EXPRESSION, "value"),
    "notice": Output(ids.NOTICE, "children"),
    "query": Output(ids.QUERY_STORE, "data"),
    "download_href": Output(ids.DOWNLOAD, "href"),
    "download_name": Output(ids.DOWNLOAD, "download"),
    "graph_config": Output(ids.GRAPH, "config"),
    "functions": Output(ids.FUNCTIONS, "value"),
    "xmin": Output(ids.XMIN, "value"),
    "xmax": Output(ids.XMAX, "value"),
    "slider": Output(ids.XRANGE_SLIDER, "value"),
    "points": Output(ids.POINTS, "value"),
    "options": Output(ids.OPTIONS, "value"),
    "params": Output(PARAM_INPUTS, "value"),
    "groups_hidden": Output(PARAM_GROUP_BOXES, "hidden"),
}
INPUTS = {
    "search": Input(ids.URL, "search"),
    "functions": Input(ids.FUNCTIONS, "value"),
    "xmin": Input(ids.XMIN, "value"),
    "xmax": Input(ids.XMAX, "value"),
    "slider": Input(ids.XRANGE_SLIDER, "value"),
    "points": Input(ids.POINTS, "value"),
    "options": Input(ids.OPTIONS, "value"),
    "params": Input(PARAM_INPUTS, "value"),
    "expr": Input(ids.EXPRESSION, "value"),
    # Theme and presentation mode change how the graph looks, not the view.
    "display": Input(ids.DISPLAY_STORE, "data"),
}

STATES = {
    "lang": State(ids.LANG_STORE, "data"),
    # The view on the page, so that only what changed is sent.
    "shown": State(ids.QUERY_STORE, "data"),
    # Clicks on the table's summary (Enter and Space click it too): odd = open.
    "table_open": State(ids.DATA_TABLE_SUMMARY, "n_clicks"),
}

# Replaces the address bar's query in place: sharing a view should not pile
# up history entries for every slider move.
REPLACE_URL_JS = """
function (query) {
    if (typeof query === "string") {
        var target = window.location.pathname + "?" + query;
        if (target !== window.location.pathname + window.location.search) {
            window.history.replaceState(window.history.state, "", target);
        }
    }
    return window.dash_clientside.no_update;
}
"""


def render_view(
    state: ViewState,
    notice: Any,
    export_path: str = EXPORT_PATH,
    expr_error: Any = None,
    display: Any = None,
    shown: ViewState | None = None,
    table_open: bool = True,
) -> dict[str, Any]:
    """Everything the view shows, computed from one valid state (controls aside).

    ``shown`` is the view on the page, if known: then only what differs is
    sent (components/updates.py). The numbers table is filled only while it
    is open (``table_open``); opening it fills it (``fill_table``).
    """
    curves = compute_curves(state)
    query = state.to_query()
    change = classify(shown, state)
    outputs: dict[str, Any] = {
        "figure": no_update,
        "cards": no_update,
        "summary": graph_summary(curves, state),
        "table": data_table(curves, state) if table_open else no_update,
        "properties": no_update,
        "snippet": reproduce_snippet(state),
        "expr_error": expr_error,
        "notice": notice,
        "query": query,
        "download_href": f"{export_path}?{query}",
        "download_name": csv_filename(state),
        "graph_config": no_update,
        "groups_hidden": [no_update] * len(PARAM_GROUPS),
    }
    if change is Change.DERIVATIVE:
        shapes, _ = singular_marks(curves, state, translator(state.lang))
        outputs["figure"] = figure_for_derivative(state, len(shapes))
        return outputs
    if change is Change.NOTHING:
        return outputs
    figure = for_display(explorer_figure(curves, state), display)
    outputs["figure"] = figure
    outputs["properties"] = properties_table(curves, state.lang)
    outputs["graph_config"] = explorer_graph_config(state)
    outputs["groups_hidden"] = [name not in state.functions for name in PARAM_GROUPS]
    if change is Change.CURVES:
        assert shown is not None
        outputs["figure"] = figure_for_curves(shown, state, figure)
        outputs["cards"] = cards_for_curves(shown, state, lambda j: function_card(j, curves, state))
    else:
        outputs["cards"] = function_cards(curves, state)
    return outputs


def explorer_graph_config(state: ViewState) -> dict[str, Any]:
    """Plotly's toolbar: its camera button saves a PNG named after the view."""
    return graph_config(file_stem(state))


def control_values(state: ViewState) -> dict[str, Any]:
    """What every control shows for ``state`` (set when a link is opened)."""
    return {
        "functions": list(state.functions),
        "xmin": state.xmin,
        "xmax": state.xmax,
        "slider": slider_value(state),
        "points": state.n,
        "options": options_value(state),
        "params": param_values(state),
        "expr": state.expr,
    }


def slider_value(state: ViewState) -> list[float]:
    """The slider shows the range, clamped to its own ends."""
    return [
        min(max(state.xmin, SLIDER_MIN), SLIDER_MAX),
        min(max(state.xmax, SLIDER_MIN), SLIDER_MAX),
    ]


def options_value(state: ViewState) -> list[str]:
    options = []
    if state.deriv:
        options.append(ids.OPTION_DERIVATIVE)
    if state.log_deriv:
        options.append(ids.OPTION_LOG_DERIVATIVE)
    return options


def param_values(state: ViewState) -> list[float]:
    values = []
    for function, name in PARAM_SLOTS:
        chosen = state.params_for(function)
        values.append(chosen.get(name, activations.get(function).param(name).default))
    return values


def notice_box(title_key: str, problems: Sequence[Problem], lang: str) -> Any:
    """The notice area's content: a title and one list item per problem, or nothing."""
    if not problems:
        return None
    return html.Div(
        className="notice-box",
        children=[
            html.Strong(translator(lang)(title_key)),
            html.Ul([html.Li(line) for line in notice_lines(problems, lang)]),
        ],
    )


def expression_error(problems: Sequence[Problem], text: Any, lang: str) -> Any:
    """The custom function's mistake, with a caret under the spot when known."""
    for problem in problems:
        if problem.field != KEY_EXPRESSION:
            continue
        children: list[Any] = [html.P(problem.message(lang))]
        if problem.offset is not None and isinstance(text, str):
            caret = " " * problem.offset + "^"
            children.append(
                html.Pre(f"{text}\n{caret}", className="caret", **{"aria-hidden": "true"})
            )
        return children
    return None


def view_from_url(
    search: str | None,
    export_path: str = EXPORT_PATH,
    lang: str = DEFAULT_LANGUAGE,
    display: Any = None,
    table_open: bool = True,
) -> dict[str, Any]:
    """Opening a link: repair what is invalid, show the view, say what was changed.

    ``lang`` is the page's language, used when the link names none.
    """
    raw = query_from_search(search)
    state, problems = parse_query(raw, default_lang=lang)
    notice = notice_box("notice.link", problems, state.lang)
    typed = raw.get(KEY_EXPRESSION, [None])[0]
    error = expression_error(problems, typed, state.lang)
    outputs = render_view(state, notice, export_path, error, display, table_open=table_open)
    outputs.update(control_values(state))
    if typed is not None and not state.expr:
        outputs["expr"] = typed  # leave the mistake in the box, where it can be fixed
    return outputs


def view_from_controls(
    trigger: Any,
    functions: Any,
    xmin: Any,
    xmax: Any,
    slider: Any,
    points: Any,
    options: Any,
    params: Any,
    expr: Any = None,
    export_path: str = EXPORT_PATH,
    lang: str = DEFAULT_LANGUAGE,
    display: Any = None,
    shown_query: Any = None,
    table_open: bool = True,
) -> dict[str, Any]:
    """A control changed: show the new view, or keep the last good one and say why.

    A mistake in the custom function only leaves that function out: the rest
    of the page keeps working, and the mistake is explained under its box.
    ``shown_query`` is the query of the view on the page (the query store):
    what is unchanged from it is not sent again. A change of theme or
    presentation mode redraws the graph whole.
    """
    if trigger == ids.XRANGE_SLIDER:
        xmin, xmax = slider if isinstance(slider, list) and len(slider) == 2 else (None, None)
    param_list = params if isinstance(params, list) else []
    raw = query_from_controls(
        functions,
        xmin,
        xmax,
        points,
        options,
        ((fn, name, value) for (fn, name), value in zip(PARAM_SLOTS, param_list, strict=False)),
        expr,
        lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
    )
    state, problems = parse_query(raw)
    blocking = [p for p in problems if p.field != KEY_EXPRESSION]
    error = expression_error(problems, expr, state.lang)
    if blocking:
        unchanged = unchanged_outputs()
        unchanged["notice"] = notice_box("notice.controls", blocking, state.lang)
        unchanged["expr_error"] = error
        return unchanged
    shown = None if trigger == ids.DISPLAY_STORE else shown_state(shown_query, state.lang)
    outputs = unchanged_outputs() | render_view(
        state, None, export_path, error, display, shown, table_open
    )
    # The controls already show what the visitor chose; only the other view
    # of the x range follows (typed bounds <-> slider). Re-sending unchanged
    # values would re-render the inputs under the visitor's cursor.
    if trigger == ids.XRANGE_SLIDER:
        outputs["xmin"], outputs["xmax"] = state.xmin, state.xmax
    elif trigger in (ids.XMIN, ids.XMAX):
        outputs["slider"] = slider_value(state)
    return outputs


def is_open(summary_clicks: Any) -> bool:
    """Whether the numbers table is open: its summary was clicked an odd number of times."""
    return isinstance(summary_clicks, int) and summary_clicks % 2 == 1


def fill_table(summary_clicks: Any, query: Any, lang: Any) -> Any:
    """The numbers table, built when it is opened, for the view on the page."""
    if not is_open(summary_clicks) or not isinstance(query, str):
        return no_update
    page_lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    state, _ = parse_query(query_from_search(query), default_lang=page_lang)
    return data_table(compute_curves(state), state)


def unchanged_outputs() -> dict[str, Any]:
    """``no_update`` for every output (a list of them for each wildcard output)."""
    unchanged: dict[str, Any] = dict.fromkeys(OUTPUTS, no_update)
    unchanged["params"] = [no_update] * len(PARAM_SLOTS)
    unchanged["groups_hidden"] = [no_update] * len(PARAM_GROUPS)
    return unchanged


def register_callbacks(app: Dash) -> None:
    """The explorer page's callbacks."""
    export_path = app.get_relative_path(EXPORT_PATH)

    def update_view(
        search: str | None,
        functions: Any,
        xmin: Any,
        xmax: Any,
        slider: Any,
        points: Any,
        options: Any,
        params: Any,
        expr: Any,
        display: Any,
        lang: Any,
        shown: Any,
        table_open: Any,
    ) -> dict[str, Any]:
        trigger = ctx.triggered_id
        page_lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        if trigger is None or trigger == ids.URL:
            return view_from_url(search, export_path, page_lang, display, is_open(table_open))
        return view_from_controls(
            trigger,
            functions,
            xmin,
            xmax,
            slider,
            points,
            options,
            params,
            expr,
            export_path,
            page_lang,
            display,
            shown,
            table_open is True,
        )

    # Dash adds the inputs to the dict it is given: hand it a copy.
    app.callback(output=OUTPUTS, inputs=INPUTS, state=dict(STATES))(update_view)
    app.callback(
        Output(ids.DATA_TABLE, "children", allow_duplicate=True),
        Input(ids.DATA_TABLE_SUMMARY, "n_clicks"),
        State(ids.QUERY_STORE, "data"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )(fill_table)

    app.clientside_callback(
        REPLACE_URL_JS,
        Output(ids.URL_SYNC_SINK, "children"),
        Input(ids.QUERY_STORE, "data"),
    )
