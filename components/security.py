"""Security headers on every response, and the Flask secret key.

The page runs only scripts the app serves itself (Dash's bundles, the
assets, the partial plotly.js in ``assets/vendor/``) and the inline scripts
Dash writes into it (the clientside callbacks and ``new DashRenderer()``),
which the Content-Security-Policy allows by their SHA-256 hashes
(``Dash.csp_hashes``). Nothing needs ``'unsafe-eval'``: plotly.js's partial
bundle has no ``eval``/``new Function``, and the webpack shims in Dash's
bundles that mention ``new Function("return this")`` reach ``globalThis``
first (tests/browser/test_csp.py visits every page and finds no violation).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable

from dash import Dash
from flask import Flask, Response

# Directive -> sources, without the script hashes (added per app).
CSP_DIRECTIVES: dict[str, tuple[str, ...]] = {
    # Anything not named below (frames, workers, media, manifests) is refused.
    "default-src": ("'none'",),
    "script-src": ("'self'",),
    # 'unsafe-inline' for styles, both kinds, found by visiting every page
    # under style-src 'self' (tests/browser/test_csp.py):
    # - <style> elements: dash_core_components and the Dash renderer insert
    #   their components' stylesheets at run time (sliders, checklists,
    #   inputs, tabs, tooltips, the Loading spinner), and plotly.js its
    #   modebar and hover rules;
    # - style="" attributes: plotly.js writes them for rich text in labels
    #   (<b>, <sup>: "font-weight:bold", "font-size:70%"), and the formulas'
    #   MathML carries "text-align: left" on left-aligned cells
    #   (components/panels.py, shown by assets/formulas.js).
    # Much of it is computed in the browser, so hashes cannot cover it. Styles
    # set through the CSSOM (React's style prop, d3's .style()) need nothing.
    # Inline styles cannot run code; scripts stay limited to 'self' + hashes.
    "style-src": ("'self'", "'unsafe-inline'"),
    # Plotly's PNG export draws the SVG into a canvas through a data: URL,
    # and the PNG and SVG downloads are saved through blob:/data: links.
    "img-src": ("'self'", "data:", "blob:"),
    "font-src": ("'self'",),
    # Callbacks, layout and dependencies are fetched from the app itself.
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}

# The copy buttons (assets/clipboard.js) use navigator.clipboard.writeText:
# clipboard-write stays allowed for the app's own origin.
PERMISSIONS_POLICY = ", ".join(
    (
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "payment=()",
        "usb=()",
        "clipboard-write=(self)",
    )
)

STATIC_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: with it the browser sends "Origin: null" on the
    # page's own POSTs (the callbacks), which an Origin check would refuse.
    # Other sites still learn only the origin, never the view's query.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The CSP header value: :data:`CSP_DIRECTIVES` with ``script_hashes`` in script-src."""
    directives = dict(CSP_DIRECTIVES)
    # dict.fromkeys: identical clientside callbacks give the same hash twice.
    directives["script-src"] = tuple(dict.fromkeys((*directives["script-src"], *script_hashes)))
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def install_security_headers(app: Dash) -> None:
    """Give every response of ``app.server`` the CSP and the headers of :data:`STATIC_HEADERS`.

    The script hashes are taken on the first response, not here: by then
    create_app() has registered every clientside callback, wherever this is
    called from in it (Dash fixes its callbacks on the first request too).
    """
    server: Flask = app.server
    policy: list[str] = []

    @server.after_request
    def add_security_headers(response: Response) -> Response:
        if not policy:
            policy.append(content_security_policy(app.csp_hashes()))
        response.headers["Content-Security-Policy"] = policy[0]
        response.headers.update(STATIC_HEADERS)
        return response


def secret_key() -> str:
    """The Flask secret key: ``$SECRET_KEY``, else a random key for this process.

    The app keeps no sessions and signs nothing a visitor must send back to
    another process (Dash signs only background-callback handles with it,
    and the app has none), so a random key per process is safe: gunicorn's
    preload_app makes it once in the master and the workers inherit it. Set
    SECRET_KEY to share one across machines if sessions are ever added.
    """
    return os.environ.get("SECRET_KEY", "").strip() or secrets.token_hex(32)
