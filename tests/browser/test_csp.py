"""The Content-Security-Policy in real Chromium: every page works under it, nothing is refused.

A listener installed before any page script runs (CDP
``Page.addScriptToEvaluateOnNewDocument``) collects every
``securitypolicyviolation`` event; the console's SEVERE entries are read too.
Each check ends by showing the policy is in force on the page (an injected
inline script and eval are refused and reported), so "no violation" cannot
mean "no policy".
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.keys import Keys

from components import ids
from components.pages import all_pages
from components.pages import nonlinearity as lab
from tests.browser.support import PAGES, Site, settle, severe_console_errors, wait_until

pytestmark = pytest.mark.browser

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
    window.__cspViolations.push({
        directive: e.effectiveDirective, blocked: e.blockedURI,
        source: e.sourceFile + ":" + e.lineNumber + ":" + e.columnNumber,
        sample: (e.sample || "").slice(0, 120),
    });
});
"""
PROBE = "window.__cspProbe = 'inline script ran';"
TRACES = """
const gd = document.querySelector(arguments[0]);
return gd && gd._fullData ? gd._fullData.filter(t => t.visible !== false).map(t => t.name) : null;
"""


@pytest.fixture(scope="module")
def watched_site(live_site: Site) -> Site:
    live_site.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": COLLECT_VIOLATIONS}
    )
    return live_site


@pytest.fixture()
def csp_site(watched_site: Site, site: Site) -> Site:
    """The shared site (clean slate, see conftest.py) with violations being collected."""
    return site


def violations(site: Site) -> list[dict[str, Any]]:
    return site.script("return window.__cspViolations || []")


def csp_console_errors(site: Site) -> list[dict[str, Any]]:
    return [
        entry
        for entry in severe_console_errors(site.driver)
        if "Content Security Policy" in entry.get("message", "")
    ]


def open_page(site: Site, path: str, query: str = "") -> None:
    """``site.open``, saying what the policy refused if the page never finishes drawing."""
    try:
        site.open(path, query)
    except TimeoutException:
        raise AssertionError(
            f"{path}?{query} never finished drawing; refused: {violations(site)}"
        ) from None


def assert_nothing_refused(site: Site) -> None:
    """Nothing the page did was refused, and the policy is in force on it.

    In force: an injected inline script is refused and reported, and so is
    eval. eval runs from a timer: code that Selenium evaluates through
    DevTools may call eval whatever the policy says, code the page runs later
    may not. The page's policy came with it and cannot change, so the probe
    at the end vouches for everything before it.
    """
    settle(site.driver)
    assert violations(site) == []
    assert csp_console_errors(site) == []
    assert severe_console_errors(site.driver) == []
    site.script(
        """
        const script = document.createElement("script");
        script.textContent = arguments[0];
        document.body.appendChild(script);
        script.remove();
        window.__evalOutcome = null;
        window.setTimeout(function () {
            try { window.eval("1 + 1"); window.__evalOutcome = "ran"; }
            catch (e) { window.__evalOutcome = e.name; }
        }, 0);
        """,
        PROBE,
    )
    wait_until(site.driver, lambda d: d.execute_script("return window.__evalOutcome"), "no eval")
    assert site.script("return window.__evalOutcome") == "EvalError"
    assert site.script("return window.__cspProbe || null") is None
    wait_until(site.driver, lambda _d: len(violations(site)) >= 2, "probes not reported")
    reported = sorted((v["directive"], v["blocked"]) for v in violations(site))
    assert reported == [("script-src", "eval"), ("script-src-elem", "inline")], violations(site)
    site.script("window.__cspViolations = [];")
    site.driver.get_log("browser")  # the probes' own console entries


@pytest.mark.parametrize("path", [page.path for page in all_pages()])
def test_every_page_runs_under_the_policy_with_nothing_refused(csp_site, path):
    open_page(csp_site, path)
    assert_nothing_refused(csp_site)
    # The page's options in use too: more graphs, more controls, the formula MathML.
    open_page(csp_site, path, PAGES.get(path, ""))
    assert_nothing_refused(csp_site)


def test_the_explorer_works_under_the_policy(csp_site):
    graph = f"#{ids.GRAPH} .js-plotly-plot"
    open_page(csp_site, "/", "fn=sigmoid,relu")
    box = csp_site.driver.find_element("css selector", f"#{ids.FUNCTIONS} input[value='gelu']")
    csp_site.script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    wait_until(
        csp_site.driver,
        lambda d: "GELU" in " ".join(d.execute_script(TRACES, graph)),
        "GELU never drawn",
    )
    derivative = csp_site.driver.find_element(
        "css selector", f"#{ids.OPTIONS} input[value='{ids.OPTION_DERIVATIVE}']"
    )
    with_derivative = len(csp_site.script(TRACES, graph))
    derivative.click()
    wait_until(
        csp_site.driver,
        lambda d: len(d.execute_script(TRACES, graph)) < with_derivative,
        "f′ curves never removed",
    )
    derivative.click()
    wait_until(
        csp_site.driver,
        lambda d: len(d.execute_script(TRACES, graph)) == with_derivative,
        "f′ curves never restored",
    )
    assert_nothing_refused(csp_site)


def test_a_lab_control_and_its_clientside_callback_work_under_the_policy(csp_site):
    open_page(csp_site, lab.PATH, "fn=relu&depth=3&width=8&seed=0")
    depth = csp_site.driver.find_element("css selector", f"#{lab.DEPTH}")
    depth.send_keys(Keys.HOME)
    # The shown value comes from a clientside callback: an inline script the
    # policy allows only by its hash.
    wait_until(
        csp_site.driver,
        lambda d: d.find_element("css selector", f"#{lab.DEPTH_VALUE}").text == "1",
        "the depth shown never followed the slider",
    )
    wait_until(csp_site.driver, lambda d: "depth=1" in d.current_url, "URL never said depth=1")
    assert_nothing_refused(csp_site)


def wait_for_file(folder: Path, suffix: str) -> Path:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded: {sorted(p.name for p in folder.iterdir())}")


def test_png_and_svg_exports_work_under_the_policy(csp_site, tmp_path):
    # Plotly's PNG goes through a data: image and a canvas; both use data:/blob: links.
    csp_site.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    try:
        open_page(csp_site, "/", "fn=sigmoid,relu&xmin=-3&xmax=3&n=31")
        # The toolbar's camera: "Download plot as a png".
        png_button = csp_site.driver.find_element(
            "css selector", f"#{ids.GRAPH} .modebar-btn[data-title*='png' i]"
        )
        csp_site.script("arguments[0].click()", png_button)
        png = wait_for_file(tmp_path, ".png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        csp_site.driver.find_element("css selector", f"button[data-svg-for='{ids.GRAPH}']").click()
        svg = wait_for_file(tmp_path, ".svg")
        text = svg.read_text(encoding="utf-8")
        assert text.startswith("<svg") and "Sigmoid" in text
        assert_nothing_refused(csp_site)
    finally:
        csp_site.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "default"})


def test_the_copy_link_button_writes_the_clipboard_under_the_policy(csp_site):
    open_page(csp_site, "/", "fn=tanh")
    csp_site.driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": csp_site.base_url,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    csp_site.driver.find_element("css selector", f"#{ids.SHARE}").click()

    def clipboard() -> str:
        return csp_site.driver.execute_async_script(
            "const done = arguments[0];"
            "navigator.clipboard.readText().then(done).catch(e => done('failed: ' + e));"
        )

    wait_until(
        csp_site.driver,
        lambda d: clipboard() == d.current_url,
        "the address never reached the clipboard",
    )
    assert "fn=tanh" in clipboard()
    # The Permissions-Policy is in force: clipboard-write allowed, the rest denied.
    allowed = csp_site.script(
        "return ['clipboard-write', 'camera', 'microphone', 'geolocation']"
        ".filter(f => document.featurePolicy.allowsFeature(f))"
    )
    assert allowed == ["clipboard-write"]
    assert_nothing_refused(csp_site)
