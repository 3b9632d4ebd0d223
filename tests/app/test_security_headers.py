"""Security headers on every kind of response, and a CSP that fits the page it guards."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from components.pages import all_pages
from components.security import PERMISSIONS_POLICY
from tests.app.conftest import post_view, view_callback_body

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Inline <script> elements the browser runs: no src, and a JavaScript type or none.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL
)


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} given twice"
        parsed[name] = sources
    return parsed


def assert_secured(response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in permissions
    # The copy buttons write to the clipboard: that must stay allowed.
    assert "clipboard-write=(self)" in permissions
    csp = directives(response)
    assert csp["script-src"][0] == "'self'"
    assert all(s == "'self'" or s.startswith("'sha256-") for s in csp["script-src"])
    assert csp["img-src"] == ["'self'", "data:", "blob:"]
    assert csp["font-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'none'"]
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in policy
    assert "unsafe-inline" not in " ".join(csp["script-src"])


def test_the_page_is_served_with_every_header(client):
    response = client.get("/")
    assert response.status_code == 200
    assert_secured(response)


@pytest.mark.parametrize("path", [page.path for page in all_pages()])
def test_every_inline_script_of_every_page_is_allowed_by_its_hash(client, path):
    response = client.get(f"{path}?lang=en")
    # Dash's <!--[if IE]><script>...<![endif]--> is a comment to every current browser.
    html = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.DOTALL)
    allowed = set(directives(response)["script-src"])
    inline = [
        m["body"]
        for m in INLINE_SCRIPT.finditer(html)
        if 'type="application/json"' not in m["attrs"]
    ]
    # The clientside callbacks of every page and `new DashRenderer()`.
    assert len(inline) >= 2
    assert any("DashRenderer" in body for body in inline)
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, body[:120]


def test_a_callback_response_has_every_header(client):
    response = post_view(client, "functions.value", functions=["relu"])
    assert response.status_code == 200
    assert_secured(response)


def test_a_compressed_callback_response_keeps_every_header(client):
    body = view_callback_body(client, "functions.value", functions=["relu", "gelu"])
    response = client.post(
        "/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"}
    )
    assert response.headers.get("Content-Encoding") == "gzip"
    assert_secured(response)


def test_the_csv_export_has_every_header(client):
    response = client.get("/export.csv?fn=relu&n=3")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert_secured(response)


def test_a_refused_csv_export_has_every_header(client):
    response = client.get("/export.csv?fn=sigmoyd")
    assert response.status_code == 400
    assert_secured(response)


def test_the_health_check_has_every_header(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert_secured(response)


def test_assets_and_dash_scripts_have_every_header(client):
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    asset = next(s for s in scripts if s.startswith("/assets/"))
    suite = next(s for s in scripts if s.startswith("/_dash-component-suites/"))
    stylesheet = re.search(r'<link rel="stylesheet" href="(/assets/[^"]+)"', html)
    assert stylesheet is not None
    for path in (asset, suite, stylesheet[1]):
        response = client.get(path, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200, path
        assert_secured(response)
        # nosniff only helps if the type is right: scripts as JavaScript, styles as CSS.
        expected = "text/css" if path.split("?")[0].endswith(".css") else "javascript"
        assert expected in response.headers["Content-Type"], path


def test_an_error_response_has_every_header(client):
    response = client.get("/assets/no-such-file.js")
    assert response.status_code == 404
    assert_secured(response)


def test_the_permissions_policy_names_each_feature_once():
    features = [entry.split("=")[0].strip() for entry in PERMISSIONS_POLICY.split(",")]
    assert len(features) == len(set(features))
