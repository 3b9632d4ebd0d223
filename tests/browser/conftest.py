"""A live app and one Chromium shared by a whole module (see support.py)."""

from __future__ import annotations

import socket

import pytest
from dash.testing.application_runners import ThreadedRunner

from app import create_app
from tests.browser.support import Site, chrome, clear_storage, set_colour_scheme


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def live_site():
    port = free_port()
    with ThreadedRunner() as runner:
        runner.start(create_app(), host="127.0.0.1", port=port)
        driver = chrome()
        try:
            yield Site(f"http://127.0.0.1:{port}", driver)
        finally:
            driver.quit()


@pytest.fixture()
def site(live_site):
    """The shared site with a clean slate: light system theme, nothing remembered."""
    driver = live_site.driver
    driver.get(live_site.base_url + "/healthz")
    clear_storage(driver)
    set_colour_scheme(driver, "light")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.get_log("browser")  # drop what earlier tests left
    return live_site
