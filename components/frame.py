"""The page frame: a thin shell, the router, header, navigation and language switch.

The app's layout is :func:`create_shell`; the router callback fills it with
the page for the current path (see :mod:`components.pages`), built in the
visitor's language: ``?lang=`` first, then the browser's Accept-Language.
"""

from __future__ import annotations

from typing import Any

import flask
from dash import Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from components import ids
from components.controls import copy_button
from components.i18n import LANGUAGE_NAMES, LANGUAGES, Translate, negotiate_language, translator
from components.pages import all_pages, page_at
from components.state import parse_language, query_from_search


def create_shell() -> html.Div:
    """The layout every request gets; the router fills ``PAGE`` per path and language."""
    return html.Div(
        className="page",
        children=[
            dcc.Location(id=ids.PAGE_URL, refresh=False),
            dcc.Store(id=ids.LANG_STORE),
            dcc.Store(id=ids.DISPLAY_STORE),
            html.Div(id=ids.LANG_SINK, hidden=True),
            # A page that takes a moment to build shows a spinner after 300 ms.
            dcc.Loading(
                html.Div(id=ids.PAGE),
                target_components={ids.PAGE: "children"},
                delay_show=300,
                type="dot",
                color="var(--accent)",
            ),
        ],
    )


def create_page(path: str, lang: str) -> list[Any]:
    """Header, the page for ``path`` and footer, in ``lang``."""
    tr = translator(lang)
    page = page_at(path)
    assert page is not None
    return [create_header(tr, path, lang), page.build(tr, lang), create_footer(tr)]


def create_not_found(path: str, lang: str) -> list[Any]:
    """A page for an unknown path, with the way back."""
    tr = translator(lang)
    body = html.Main(
        className="not-found",
        children=[
            html.H2(tr("notfound.title")),
            html.P(tr("notfound.text", path=path[:100])),
            dcc.Link(tr("notfound.back"), href=f"/?lang={lang}"),
        ],
    )
    return [create_header(tr, path, lang), body, create_footer(tr)]


def create_header(tr: Translate, path: str, lang: str) -> html.Header:
    return html.Header(
        className="site-header",
        children=[
            html.Div(
                className="header-bar",
                children=[
                    html.Div(
                        [
                            html.H1(tr("app.title")),
                            html.P(tr("app.subtitle"), className="subtitle"),
                        ]
                    ),
                    html.Div(
                        className="header-tools",
                        children=[
                            create_share_button(tr),
                            create_display_toggles(tr),
                            create_language_switch(tr, lang),
                        ],
                    ),
                ],
            ),
            create_navigation(tr, path, lang),
        ],
    )


def create_share_button(tr: Translate) -> html.Span:
    """Copies the address of exactly this view (every page keeps it up to date)."""
    return copy_button(ids.SHARE, tr("share.copy"), tr("share.copied"), tr("copy.failed"))


def create_display_toggles(tr: Translate) -> html.Div:
    """Dark theme and presentation mode: toggle buttons (assets/display.js keeps them)."""
    return html.Div(
        className="display-toggles",
        children=[
            html.Button(
                tr("theme.dark"),
                id=ids.THEME_TOGGLE,
                className="toggle-button",
                n_clicks=0,
                title=tr("theme.title"),
                **{"aria-pressed": "false"},
            ),
            html.Button(
                tr("present.label"),
                id=ids.PRESENT_TOGGLE,
                className="toggle-button",
                n_clicks=0,
                title=tr("present.title"),
                **{"aria-pressed": "false"},
            ),
        ],
    )


def create_navigation(tr: Translate, path: str, lang: str) -> html.Nav:
    links = [
        dcc.Link(
            tr(page.nav_key),
            href=f"{page.path}?lang={lang}",
            className="nav-link" + (" current" if page.path == path else ""),
        )
        for page in all_pages()
    ]
    return html.Nav(links, className="site-nav", **{"aria-label": tr("nav.label")})


def create_language_switch(tr: Translate, lang: str) -> html.Nav:
    """Links to this very view in each language (assets/language.js keeps the query)."""
    links = [
        html.A(
            LANGUAGE_NAMES[code],
            href=f"?lang={code}",
            lang=code,
            hrefLang=code,
            className="lang-link" + (" current" if code == lang else ""),
            **{"data-lang": code, "aria-current": "true" if code == lang else "false"},
        )
        for code in LANGUAGES
    ]
    return html.Nav(links, className="lang-switch", **{"aria-label": tr("lang.label")})


def create_footer(tr: Translate) -> html.Footer:
    return html.Footer(className="site-footer", children=html.P(tr("app.footer")))


SET_DOCUMENT_LANGUAGE_JS = """
function (lang) {
    if (typeof lang === "string") { document.documentElement.lang = lang; }
    return window.dash_clientside.no_update;
}
"""


# The display (theme, presentation mode) lives in the browser: the document's
# data-theme / data-present attributes for the CSS, and DISPLAY_STORE for the
# figures. assets/display.js holds the logic; a click flips one setting.
UPDATE_DISPLAY_JS = """
function (themeClicks, presentClicks, current) {
    return window.dash_clientside.display.update(themeClicks, presentClicks, current);
}
"""


def page_language(search: Any, accept_language: str | None) -> str:
    """``?lang=`` if valid, else the browser's preference (Accept-Language)."""
    raw = query_from_search(search).get("lang", [None])[0]
    return parse_language(raw, negotiate_language(accept_language), [])


def request_accept_language() -> str | None:
    return flask.request.headers.get("Accept-Language") if flask.has_request_context() else None


def route(pathname: Any, search: Any) -> tuple[Any, str]:
    """The page for ``pathname`` in the visitor's language, and that language."""
    if not isinstance(pathname, str):
        # The first call comes before dcc.Location has read the address; the
        # one it triggers once it has is the one to answer.
        raise PreventUpdate
    lang = page_language(search, request_accept_language())
    if page_at(pathname) is not None:
        return create_page(pathname, lang), lang
    return create_not_found(pathname, lang), lang


def register_frame_callbacks(app: Dash) -> None:
    """The router and ``<html lang>``; each page registers its own callbacks."""
    app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.LANG_STORE, "data"),
        Input(ids.PAGE_URL, "pathname"),
        State(ids.PAGE_URL, "search"),
    )(route)
    app.clientside_callback(
        UPDATE_DISPLAY_JS,
        Output(ids.DISPLAY_STORE, "data"),
        Output(ids.THEME_TOGGLE, "aria-pressed"),
        Output(ids.PRESENT_TOGGLE, "aria-pressed"),
        Input(ids.THEME_TOGGLE, "n_clicks"),
        Input(ids.PRESENT_TOGGLE, "n_clicks"),
        State(ids.DISPLAY_STORE, "data"),
    )
    app.clientside_callback(
        SET_DOCUMENT_LANGUAGE_JS,
        Output(ids.LANG_SINK, "children"),
        Input(ids.LANG_STORE, "data"),
    )
