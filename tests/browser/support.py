"""Helpers for the whole-site browser checks: accessibility, keyboard, viewports, themes.

One app and one Chromium serve a whole test module (the ``site`` fixture in
conftest.py), so checking every page in both languages stays quick.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT = 15
# axe's impact levels that fail a test; "moderate" and "minor" are reported.
BLOCKING_IMPACTS = ("critical", "serious")

# Every page, and a state of it with its options in use (derivative,
# parameters, custom function...): the states the accessibility checks visit.
PAGES: dict[str, str] = {
    "/": "fn=sigmoid,leaky_relu,elu,custom&deriv=1&logd=1&leaky_relu.alpha=0.2"
    "&expr=x*tanh(softplus(x))",
    "/gradients": "fn=sigmoid,tanh,relu,gelu&bdepth=30&gdepth=20&width=48&init=normal&sigma=1.5"
    "&tfn=sigmoid,tanh,relu&dataset=spiral&points=300&noise=0.2&tdepth=5&twidth=24&tinit=normal"
    "&tsigma=0.8&optimiser=adam&lr=0.01&batch=64&tseed=2&epochs=500",
    "/smoothness": "beta=10&a=40&dataset=moons&seed=3&lr=0.1",
    "/nonlinearity": "fn=identity&depth=6&width=16&seed=7&xmin=-4&xmax=6&n=201",
    "/questions": "fn=relu",
}


@dataclass
class Site:
    base_url: str
    driver: webdriver.Chrome

    def open(self, path: str, query: str = "", lang: str = "en") -> None:
        """Load ``path?query&lang=`` and wait until every graph on it is drawn."""
        params = "&".join(p for p in (query, f"lang={lang}") if p)
        self.driver.get(f"{self.base_url}{path}?{params}")
        wait_until(self.driver, page_ready, f"{path} never finished drawing")

    def script(self, source: str, *args: Any) -> Any:
        return self.driver.execute_script(source, *args)


def chrome(width: int = 1440, height: int = 900) -> webdriver.Chrome:
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--lang=en-US"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait_until(driver: webdriver.Chrome, predicate: Any, message: str) -> None:
    def check(_driver: Any) -> bool:
        try:
            return bool(predicate(driver))
        except Exception:  # the page may be mid re-render
            return False

    WebDriverWait(driver, TIMEOUT, poll_frequency=0.1).until(check, message)


def page_ready(driver: webdriver.Chrome) -> bool:
    """The page is routed, no callback is pending and every graph has drawn."""
    return bool(
        driver.execute_script(
            """
            if (!document.querySelector("main")) { return false; }
            if (document.querySelector("[data-dash-is-loading='true']")) { return false; }
            const graphs = Array.from(document.querySelectorAll(".dash-graph"));
            return graphs.every(g => {
                const gd = g.querySelector(".js-plotly-plot");
                return gd && gd._fullLayout && gd.data;
            });
            """
        )
    )


def settle(driver: webdriver.Chrome, seconds: float = 0.3) -> None:
    """Let a round of callbacks start, then wait for the page to be ready again."""
    time.sleep(seconds)
    wait_until(driver, page_ready, "the page never settled")


def set_colour_scheme(driver: webdriver.Chrome, scheme: str) -> None:
    """What the 'system' prefers: light or dark (CSS prefers-color-scheme)."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def set_viewport(driver: webdriver.Chrome, width: int, height: int, mobile: bool = False) -> None:
    """The page's viewport in CSS pixels (a phone is touch and scales 3x)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": height,
            "deviceScaleFactor": 3 if mobile else 1,
            "mobile": mobile,
        },
    )
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": mobile})


def clear_storage(driver: webdriver.Chrome) -> None:
    """Forget the theme and presentation choices (they live in the browser)."""
    driver.execute_script("window.localStorage.clear(); window.sessionStorage.clear();")


def axe_violations(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.x A/AA and best practice on the current page."""
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(AXE_SCRIPT.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ["violations"]}).then(
            r => done(r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " +
                    (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 300)),
            }))),
            e => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}])
        );
        """
    )


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)


def severe_console_errors(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
