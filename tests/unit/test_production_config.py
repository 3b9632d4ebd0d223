"""Production configuration: no debug or dev tools, the secret key, a health check that computes.

Production serves ``app:server`` with gunicorn (gunicorn.conf.py, the
Dockerfile's CMD); ``python app.py`` is for local runs. Dash reads its dev
tools settings from DASH_* variables and Flask its debug flag from
FLASK_DEBUG, so the app is built here in an environment without them, as
the image runs it, and the image and gunicorn settings are checked not to
set them.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from dash import Dash
from werkzeug.debug import DebuggedApplication

import activations
from app import create_app, create_server
from components import security
from tests.unit.test_dockerfile import instructions

ROOT = Path(__file__).resolve().parents[2]
# Dash settings that turn on dev tools, and Flask's debug switch.
DEBUG_VARIABLES = re.compile(r"^(DASH_[A-Z_]+|FLASK_DEBUG|FLASK_ENV)$")
# The routes Dash itself adds (under /_): anything new here is looked at.
DASH_ROUTES = {
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
    "/_dash-layout",
    "/_dash-dependencies",
    "/_dash-update-component",
    "/_reload-hash",
    "/_favicon.ico",
}
HEALTH_CHECK = {"sigmoid(0)": 0.5, "sigmoid'(0)": 0.25}


@pytest.fixture()
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment the image runs in: no DASH_*, FLASK_DEBUG or SECRET_KEY."""
    for name in list(os.environ):
        if DEBUG_VARIABLES.match(name) or name == "SECRET_KEY":
            monkeypatch.delenv(name)


@pytest.fixture(scope="module")
def production_app() -> Iterator[Dash]:
    """One app for the module, built in the image's environment."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if DEBUG_VARIABLES.match(name) or name == "SECRET_KEY":
                patch.delenv(name)
        yield create_app()


def page_config(app: Dash) -> dict[str, Any]:
    """The ``_dash-config`` the page gives the renderer."""
    html = app.server.test_client().get("/").get_data(as_text=True)
    match = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html)
    assert match is not None
    config: dict[str, Any] = json.loads(match[1])
    return config


def test_the_app_is_built_without_debug_or_dev_tools(production_app):
    assert production_app.server.debug is False
    assert not isinstance(production_app.server.wsgi_app, DebuggedApplication)
    config = page_config(production_app)
    # No dev tools UI, no prop-type checks (React's development bundles), no hot reload.
    assert config["ui"] is False
    assert config["props_check"] is False
    assert "hot_reload" not in config
    html = production_app.server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    bundles = [s for s in scripts if "dash_renderer" in s or "react" in s]
    assert len(bundles) == 3  # react, react-dom, the renderer: production builds
    assert all(s.endswith(".min.js") for s in bundles), bundles


def test_reload_hash_offers_no_hot_reload(production_app):
    # Dash 4.4.1 adds the route whatever the settings; without hot reload it has
    # no hash to give and the page never asks for it.
    response = production_app.server.test_client().get("/_reload-hash")
    assert response.status_code == 200
    body = response.get_json()
    assert body["reloadHash"] is None
    assert body["files"] == [] and body["hard"] is False


def test_dash_adds_no_routes_beyond_its_usual_ones(production_app):
    internal = {r.rule for r in production_app.server.url_map.iter_rules()}
    internal = {rule for rule in internal if rule.startswith("/_")}
    assert internal == DASH_ROUTES


def test_the_gunicorn_entry_point_loads_without_debug_or_dev_tools():
    """``app:server`` imported as gunicorn imports it, in a fresh interpreter, image's env."""
    probe = (
        "import json; from gunicorn.util import import_app; "
        "from werkzeug.debug import DebuggedApplication as D; "
        "server = import_app('app:server'); import app; "
        "print(json.dumps({'same': server is app.app.server, 'debug': server.debug, "
        "'debugger': isinstance(server.wsgi_app, D), "
        "'dev_tools': sorted(k for k, v in app.app._dev_tools.items() if v is True)}))"
    )
    env = {k: v for k, v in os.environ.items() if not DEBUG_VARIABLES.match(k)}
    env.pop("SECRET_KEY", None)
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == {"same": True, "debug": False, "debugger": False, "dev_tools": []}


def test_gunicorn_settings_neither_reload_nor_set_debug_variables(clean_env):
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings.get("reload", False) is False
    assert settings.get("reload_engine", "auto") == "auto"
    raw_env = settings.get("raw_env", [])
    assert not [entry for entry in raw_env if DEBUG_VARIABLES.match(entry.split("=")[0])]


def test_the_image_sets_no_debug_variables():
    names = []
    for instruction, arguments in instructions():
        if instruction == "ENV":
            names += re.findall(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=", arguments)
    assert names, "no ENV found: the parser no longer matches the Dockerfile"
    assert [name for name in names if DEBUG_VARIABLES.match(name)] == []
    assert "SECRET_KEY" not in names  # a secret never goes into an image layer


def run_main(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Run app.py as ``python app.py`` does, catching the arguments of app.run."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(Dash, "run", lambda self, **kwargs: calls.append(kwargs))
    runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
    (kwargs,) = calls
    return kwargs


def test_a_local_run_is_without_debug_unless_asked(clean_env, monkeypatch):
    kwargs = run_main(monkeypatch)
    assert kwargs["debug"] is False
    assert kwargs["host"] == "127.0.0.1"
    monkeypatch.setenv("DASH_DEBUG", "1")
    assert run_main(monkeypatch)["debug"] is True


def test_the_secret_key_comes_from_the_environment(clean_env, monkeypatch):
    key = "k" * 48
    monkeypatch.setenv("SECRET_KEY", key)
    assert create_server().secret_key == key
    monkeypatch.setenv("SECRET_KEY", f"  {key}\n")
    assert create_server().secret_key == key


@pytest.mark.parametrize("unset", [None, "", "   "])
def test_without_a_secret_key_each_process_makes_a_random_one(clean_env, monkeypatch, unset):
    # Fine because the app keeps no sessions (see the next test) and has no
    # background callbacks, whose handles Dash signs with this key.
    if unset is not None:
        monkeypatch.setenv("SECRET_KEY", unset)
    first, second = create_server().secret_key, create_server().secret_key
    assert isinstance(first, str) and len(bytes.fromhex(first)) == 32
    assert first != second
    assert security.secret_key() not in (first, second)


def test_the_app_sets_no_cookies_so_it_keeps_no_sessions(production_app):
    client = production_app.server.test_client()
    for path in ("/", "/gradients", "/healthz", "/export.csv?fn=relu&n=3", "/_dash-layout"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path
    assert production_app.callback_map, "no callbacks registered"
    assert not any(cb.get("background") for cb in production_app.callback_map.values())


def test_healthz_answers_json_with_the_values_it_computed(production_app):
    client = production_app.server.test_client()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["check"] == HEALTH_CHECK
    assert body["activations"] == len(activations.names())


@pytest.mark.parametrize("path", ["/healthzz", "/healthz/", "/health", "/x/healthz"])
def test_the_catch_all_page_is_not_mistaken_for_the_health_check(production_app, path):
    response = production_app.server.test_client().get(path)
    assert not response.is_json
    assert b'"status"' not in response.data and b"sigmoid(0)" not in response.data


class BrokenSigmoid:
    """A sigmoid that evaluates wrongly: what a broken build might give."""

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.zeros_like(x)


def test_healthz_fails_when_the_library_computes_wrong_values(production_app, monkeypatch):
    monkeypatch.setattr(activations, "get", lambda name: BrokenSigmoid())
    response = production_app.server.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "error"
    assert response.get_json()["check"] == {"sigmoid(0)": 0.0, "sigmoid'(0)": 0.0}
