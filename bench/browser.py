"""What a visitor's browser pays for the explorer page, measured in headless Chromium.

    .venv/bin/python bench/browser.py                      # starts gunicorn itself
    .venv/bin/python bench/browser.py --base-url http://127.0.0.1:8050
    .venv/bin/python bench/browser.py --json results.json  # the figures as JSON too

Prints tables (nothing is asserted) of:

1. First visit of ``/``: a fresh Chromium profile for every visit, the HTTP
   cache disabled (CDP ``Network.setCacheDisabled``), light colour scheme,
   1440x900. Measured until the network is idle (no request in flight and
   none started or finished for ``NETWORK_QUIET_S``):

   - bytes on the wire: the sum of ``encodedDataLength`` of every
     ``Network.loadingFinished`` event (headers included) of http(s) requests,
     read from ChromeDriver's performance log; and the number of requests;
   - time to the first graph: from navigation start (``performance.timeOrigin``)
     to the first ``plotly_afterplot`` of ``#graph .js-plotly-plot`` whose figure
     has traces (an empty frame drawn before the data arrives is reported apart);
   - first contentful paint, DOMContentLoaded and load, for context.

   One warm-up visit is made and discarded (the first visit after the server
   starts pays for lazy imports in the server and a cold disk cache), then
   ``--visits`` visits (5) give the median and the worst. The largest
   responses of one visit show what the bytes are.

2. Interaction to paint on ``/?n=1000``: ``performance.now()`` is taken just
   before a real ``el.click()`` on a control, and the time reported is that of
   the last ``plotly_afterplot`` of the graph once the page is quiet again: no
   callback request in flight and no afterplot for ``INTERACTION_QUIET_MS``.
   That covers Dash redrawing more than once for one change. Also reported:
   the first afterplot after the click, the next animation frame after the
   last afterplot (about when the pixels reach the screen) and the server
   round trip of the callback requests (Resource Timing: first request start
   to last response end), splitting the time into the page's work before
   the request, the round trip and the page's work after it. Controls: a
   function checkbox (gelu on, off, ...) and the derivative switch,
   ``--repetitions`` (30) each after 2 warm-up clicks; percentiles are
   nearest-rank.

The afterplot times come from a listener on the graph installed before the
page's own scripts run (``Page.addScriptToEvaluateOnNewDocument``): a
MutationObserver hooks ``gd.on('plotly_afterplot', ...)`` as soon as Plotly
makes the graph div, so not even the first afterplot is missed.

Importable: :func:`first_visit`, :func:`interaction_to_paint`,
:func:`environment` and :func:`run_all` return plain dicts of figures.
Needs the dev requirements (selenium) and Debian's chromium and
chromium-driver (``make venv-dev``; ``apt-get install -y chromium chromium-driver``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import JavascriptException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere

from components import ids  # noqa: E402
from scripts.local_server import running_gunicorn  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WINDOW = (1440, 900)

PAGE_TIMEOUT_S = 30.0
NETWORK_QUIET_S = 0.5
INTERACTION_QUIET_MS = 300
INTERACTION_TIMEOUT_MS = 10_000
WARMUP_CLICKS = 2

GRAPH_SELECTOR = f"#{ids.GRAPH} .js-plotly-plot"
CONTROLS = {
    "function switch (gelu)": f"#{ids.FUNCTIONS} input[value='gelu']",
    "derivative toggle": f"#{ids.OPTIONS} input[value='{ids.OPTION_DERIVATIVE}']",
}

# Runs in every document before its own scripts. Records every afterplot of
# the explorer graph (time, number of traces), the next animation frame after
# each, and the callback requests (fetch) in flight.
EARLY_SCRIPT = """
(() => {
  if (window.__bench) { return; }
  const b = window.__bench = {afterplots: [], frames: [], inflight: 0, lastNet: 0, hooked: 0};
  performance.setResourceTimingBufferSize(100000);
  const realFetch = window.fetch;
  window.fetch = function (...args) {
    b.inflight += 1;
    b.lastNet = performance.now();
    const settled = () => { b.inflight -= 1; b.lastNet = performance.now(); };
    const pending = realFetch.apply(this, args);
    pending.then(settled, settled);
    return pending;
  };
  const hook = () => {
    const gd = document.querySelector(GRAPH_SELECTOR);
    if (!gd || gd.__benchHooked || typeof gd.on !== "function") { return; }
    gd.__benchHooked = true;
    b.hooked += 1;
    gd.on("plotly_afterplot", () => {
      const t = performance.now();
      b.afterplots.push({t: t, traces: (gd.data || []).length});
      requestAnimationFrame(() => b.frames.push({after: t, t: performance.now()}));
    });
  };
  new MutationObserver(hook).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["class"],
  });
})();
""".replace("GRAPH_SELECTOR", json.dumps(GRAPH_SELECTOR))

# One interaction: click, then wait in the page until it is quiet again.
INTERACT_SCRIPT = """
const [selector, quietMs, timeoutMs, done] = arguments;
const b = window.__bench;
const el = document.querySelector(selector);
if (!b || !el) { done({error: !b ? "no listener in the page" : "no element " + selector}); return; }
performance.clearResourceTimings();
const wasChecked = el.checked;
const seen = b.afterplots.length;
const t0 = performance.now();
el.click();
const timer = setInterval(() => {
  const now = performance.now();
  const plots = b.afterplots.slice(seen).filter(p => p.t >= t0);
  const last = plots.length ? plots[plots.length - 1].t : null;
  const quietSince = Math.max(last === null ? t0 : last, b.lastNet);
  if (plots.length && b.inflight === 0 && now - quietSince >= quietMs) {
    clearInterval(timer);
    const frame = b.frames.find(f => f.after === last);
    const calls = performance.getEntriesByType("resource")
      .filter(e => e.name.includes("_dash-update-component") && e.startTime >= t0);
    done({
      checked: el.checked, wasChecked: wasChecked,
      first: plots[0].t - t0, last: last - t0, frame: frame ? frame.t - t0 : null,
      afterplots: plots.length, traces: plots[plots.length - 1].traces,
      requests: calls.length,
      requestStart: calls.length ? Math.min(...calls.map(e => e.startTime)) - t0 : null,
      responseEnd: calls.length ? Math.max(...calls.map(e => e.responseEnd)) - t0 : null,
    });
  } else if (now - t0 > timeoutMs) {
    clearInterval(timer);
    done({error: `no quiet afterplot within ${timeoutMs} ms (afterplots: ${plots.length},` +
                 ` requests in flight: ${b.inflight})`});
  }
}, 10);
"""

PAGE_TIMINGS_SCRIPT = """
const nav = performance.getEntriesByType("navigation")[0];
const fcp = performance.getEntriesByName("first-contentful-paint")[0];
const b = window.__bench || {afterplots: [], hooked: 0};
return {
  afterplots: b.afterplots, hooked: b.hooked,
  fcp: fcp ? fcp.startTime : null,
  domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
  load: nav ? nav.loadEventEnd : null,
};
"""


class BenchError(RuntimeError):
    """A measurement could not be made; the message says why."""


def log(message: str) -> None:
    print(f"bench/browser: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# The server: scripts/local_server.py starts it as production does


def check_reachable(base_url: str) -> None:
    """Fail at once, and clearly, if nothing answers at ``base_url``."""
    try:
        with urllib.request.urlopen(f"{base_url}/", timeout=10) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError) as error:
        raise BenchError(f"{base_url}/ does not answer: {error}") from error
    if status != 200:
        raise BenchError(f"{base_url}/ answered {status}, not 200")


# --------------------------------------------------------------------------
# Chromium


@contextlib.contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    """Headless Chromium with a fresh profile, the early listener and the performance log."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            raise BenchError(
                f"{path} not found: apt-get install -y --no-install-recommends "
                "chromium chromium-driver"
            )
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            # This machine reaches no network but loopback: keep Chromium from trying.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-quic",
            "--no-first-run",
            "--disable-sync",
            "--lang=en-US",
            "--force-device-scale-factor=1",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            f"--user-data-dir={profile}",
        ):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        try:
            driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        except WebDriverException as error:
            raise BenchError(f"Chromium did not start: {error.msg}") from error
        try:
            driver.set_page_load_timeout(PAGE_TIMEOUT_S)
            driver.set_script_timeout(INTERACTION_TIMEOUT_MS / 1000 + 5)
            driver.execute_cdp_cmd(
                "Emulation.setEmulatedMedia",
                {"features": [{"name": "prefers-color-scheme", "value": "light"}]},
            )
            driver.execute_cdp_cmd(
                "Page.addScriptToEvaluateOnNewDocument", {"source": EARLY_SCRIPT}
            )
            yield driver
        finally:
            driver.quit()


class NetworkLog:
    """http(s) requests seen in ChromeDriver's performance log (Network.* events)."""

    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self.encodings: dict[str, str] = {}
        self.wire: dict[str, int] = {}
        self.decoded: dict[str, int] = {}
        self.failed: dict[str, str] = {}
        self.open: set[str] = set()
        self.last_event = time.monotonic()

    def read(self, driver: webdriver.Chrome) -> None:
        entries = driver.get_log("performance")
        for entry in entries:
            message = json.loads(entry["message"])["message"]
            method, params = message.get("method", ""), message.get("params", {})
            request_id = params.get("requestId")
            if request_id is None or not method.startswith("Network."):
                continue
            if method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(("http://", "https://")):
                    continue
                self.urls[request_id] = url
                self.open.add(request_id)
            elif request_id not in self.urls:
                continue
            elif method == "Network.responseReceived":
                headers = {k.lower(): v for k, v in params["response"].get("headers", {}).items()}
                self.encodings[request_id] = headers.get("content-encoding", "")
            elif method == "Network.dataReceived":
                self.decoded[request_id] = self.decoded.get(request_id, 0) + params["dataLength"]
            elif method == "Network.loadingFinished":
                self.wire[request_id] = int(params["encodedDataLength"])
                self.open.discard(request_id)
            elif method == "Network.loadingFailed":
                self.failed[request_id] = params.get("errorText", "failed")
                self.open.discard(request_id)
            self.last_event = time.monotonic()

    def responses(self) -> list[dict[str, Any]]:
        return [
            {
                "path": _short(self.urls[rid]),
                "wire_bytes": wire,
                "decoded_bytes": self.decoded.get(rid, 0),
                "encoding": self.encodings.get(rid, ""),
            }
            for rid, wire in self.wire.items()
        ]


def _short(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --------------------------------------------------------------------------
# 1. First visit


def one_first_visit(base_url: str, path: str = "/") -> dict[str, Any]:
    """One visit with a fresh profile and no cache, until the network is idle."""
    with chromium() as driver:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        driver.get_log("performance")  # drop what the blank start page logged
        net = NetworkLog()
        try:
            driver.get(base_url + path)
        except TimeoutException as error:
            raise BenchError(f"{path} did not load within {PAGE_TIMEOUT_S:.0f} s") from error
        deadline = time.monotonic() + PAGE_TIMEOUT_S
        while True:
            net.read(driver)
            timings = driver.execute_script(PAGE_TIMINGS_SCRIPT)
            painted = any(p["traces"] for p in timings["afterplots"])
            quiet = time.monotonic() - net.last_event >= NETWORK_QUIET_S
            if painted and not net.open and quiet:
                break
            if time.monotonic() > deadline:
                raise BenchError(
                    f"{path}: no graph with traces and idle network within "
                    f"{PAGE_TIMEOUT_S:.0f} s (listener hooked {timings['hooked']}x, "
                    f"afterplots {len(timings['afterplots'])}, requests open {len(net.open)})"
                )
            time.sleep(0.1)
    plots = timings["afterplots"]
    responses = net.responses()
    return {
        "wire_bytes": sum(r["wire_bytes"] for r in responses),
        "decoded_bytes": sum(r["decoded_bytes"] for r in responses),
        "requests": len(net.urls),
        "failed_requests": sorted({_short(net.urls[rid]) for rid in net.failed}),
        "first_afterplot_ms": plots[0]["t"],
        "first_graph_ms": next(p["t"] for p in plots if p["traces"]),
        "fcp_ms": timings["fcp"],
        "dom_content_loaded_ms": timings["domContentLoaded"],
        "load_ms": timings["load"],
        "responses": sorted(responses, key=lambda r: -r["wire_bytes"]),
    }


def first_visit(base_url: str, visits: int = 5, warmups: int = 1) -> dict[str, Any]:
    """Median and worst over ``visits`` cold first visits of ``/``; the largest responses."""
    for i in range(warmups):
        log(f"first visit: warm-up {i + 1}/{warmups}")
        one_first_visit(base_url)
    runs = []
    for i in range(visits):
        log(f"first visit {i + 1}/{visits}")
        runs.append(one_first_visit(base_url))
    summary: dict[str, Any] = {"visits": visits}
    for key in (
        "wire_bytes",
        "decoded_bytes",
        "requests",
        "first_graph_ms",
        "first_afterplot_ms",
        "fcp_ms",
        "dom_content_loaded_ms",
        "load_ms",
    ):
        values = [run[key] for run in runs if run[key] is not None]
        summary[key] = {
            "median": statistics.median(values) if values else None,
            "max": max(values) if values else None,
            "all": values,
        }
    summary["largest_responses"] = runs[0]["responses"][:8]
    summary["failed_requests"] = sorted({p for run in runs for p in run["failed_requests"]})
    return summary


# --------------------------------------------------------------------------
# 2. Interaction to paint


def nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _describe(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"p50": None, "p95": None, "max": None, "all": []}
    return {
        "p50": round(nearest_rank(values, 0.50), 1),
        "p95": round(nearest_rank(values, 0.95), 1),
        "max": round(max(values), 1),
        "all": [round(v, 1) for v in values],
    }


def _click(driver: webdriver.Chrome, selector: str) -> dict[str, Any]:
    try:
        result: dict[str, Any] = driver.execute_async_script(
            INTERACT_SCRIPT, selector, INTERACTION_QUIET_MS, INTERACTION_TIMEOUT_MS
        )
    except (JavascriptException, TimeoutException) as error:
        raise BenchError(f"clicking {selector} failed: {error.msg}") from error
    if "error" in result:
        raise BenchError(f"clicking {selector}: {result['error']}")
    if result["checked"] == result["wasChecked"]:
        raise BenchError(f"clicking {selector} did not change it")
    return result


def wait_for_graph(driver: webdriver.Chrome, url: str) -> None:
    driver.get(url)
    deadline = time.monotonic() + PAGE_TIMEOUT_S
    while time.monotonic() < deadline:
        b = driver.execute_script("return window.__bench")
        if b and any(p["traces"] for p in b["afterplots"]) and b["inflight"] == 0:
            time.sleep(1.0)  # let the formulas and the other panels finish
            return
        time.sleep(0.1)
    raise BenchError(f"{url}: the graph was not drawn within {PAGE_TIMEOUT_S:.0f} s")


def interaction_to_paint(
    base_url: str, repetitions: int = 30, points: int = 1000
) -> dict[str, Any]:
    """Click each control ``repetitions`` times; times from the click to the graph's afterplot."""
    url = f"{base_url}/?n={points}"
    results: dict[str, Any] = {"url": _short(url), "repetitions": repetitions}
    with chromium() as driver:
        wait_for_graph(driver, url)
        for name, selector in CONTROLS.items():
            log(f"interaction: {name}, {WARMUP_CLICKS} warm-up + {repetitions} clicks")
            for _ in range(WARMUP_CLICKS):
                _click(driver, selector)
            clicks = [_click(driver, selector) for _ in range(repetitions)]
            # Leave the page as it was for the next control.
            if len(clicks) % 2 and clicks:
                _click(driver, selector)
            results[name] = {
                "selector": selector,
                "last_afterplot_ms": _describe([c["last"] for c in clicks]),
                "first_afterplot_ms": _describe([c["first"] for c in clicks]),
                "next_frame_ms": _describe([c["frame"] for c in clicks if c["frame"] is not None]),
                "click_to_request_ms": _describe(
                    [c["requestStart"] for c in clicks if c["requestStart"] is not None]
                ),
                "round_trip_ms": _describe(
                    [
                        c["responseEnd"] - c["requestStart"]
                        for c in clicks
                        if c["requestStart"] is not None
                    ]
                ),
                "response_to_afterplot_ms": _describe(
                    [c["last"] - c["responseEnd"] for c in clicks if c["responseEnd"] is not None]
                ),
                "afterplots_per_click": sorted({c["afterplots"] for c in clicks}),
                "requests_per_click": sorted({c["requests"] for c in clicks}),
            }
    return results


# --------------------------------------------------------------------------
# Machine and versions


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return head + (" (with uncommitted changes)" if dirty else "")


def environment() -> dict[str, Any]:
    """The machine, the browser and the versions that produced the figures."""
    browser, driver_version = "?", "?"
    with contextlib.suppress(BenchError, WebDriverException), chromium() as driver:
        browser = driver.capabilities.get("browserVersion", "?")
        driver_version = driver.capabilities.get("chrome", {}).get("chromedriverVersion", "?")
        driver_version = driver_version.split(" ")[0]
    versions = {}
    for package in ("dash", "plotly", "numpy", "flask", "gunicorn", "selenium"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "chromium": browser,
        "chromedriver": driver_version,
        "versions": versions,
        "app_revision": _git_revision(),
        "load_average_at_start": _load_average(),
    }


def run_all(
    base_url: str | None = None, visits: int = 5, repetitions: int = 30, points: int = 1000
) -> dict[str, Any]:
    """Every measurement; starts the app with gunicorn unless ``base_url`` is given."""
    with contextlib.ExitStack() as stack:
        if base_url is None:
            server = stack.enter_context(running_gunicorn({"WEB_CONCURRENCY": "1"}, log))
            base_url = server.base
            served_by = "gunicorn --config gunicorn.conf.py app:server, WEB_CONCURRENCY=1"
        else:
            base_url = base_url.rstrip("/")
            check_reachable(base_url)
            served_by = "an already running server"
        started = time.monotonic()
        results: dict[str, Any] = {"environment": environment()}
        results["environment"]["base_url"] = base_url
        results["environment"]["served_by"] = served_by
        results["first_visit"] = first_visit(base_url, visits=visits)
        results["interaction"] = interaction_to_paint(
            base_url, repetitions=repetitions, points=points
        )
        results["environment"]["load_average_at_end"] = _load_average()
        results["environment"]["seconds"] = round(time.monotonic() - started, 1)
    return results


# --------------------------------------------------------------------------
# Report


def _kb(n: float | None) -> str:
    return "-" if n is None else f"{n / 1024:,.1f} KiB"


def _ms(n: float | None) -> str:
    return "-" if n is None else f"{n:,.0f} ms"


def print_report(results: dict[str, Any]) -> None:
    env = results["environment"]
    print(f"Machine:   {env['cpu']}, {env['cores']} cores ({env['machine']})")
    print(
        f"Load avg:  {env['load_average_at_start']} at start, "
        f"{env.get('load_average_at_end', '?')} at end (1, 5, 15 min)"
    )
    print(f"Browser:   Chromium {env['chromium']}, ChromeDriver {env['chromedriver']}, headless")
    versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items())
    print(f"Versions:  Python {env['python']}, {versions}")
    print(f"App:       {env['app_revision']}, served by {env['served_by']} at {env['base_url']}")

    fv = results["first_visit"]
    print(
        f"\n1. First visit of / (fresh profile, cache disabled, light, "
        f"{WINDOW[0]}x{WINDOW[1]}; {fv['visits']} visits after 1 warm-up)"
    )
    rows = [
        ("bytes on the wire", "wire_bytes", _kb),
        ("  decoded (after content-encoding)", "decoded_bytes", _kb),
        ("requests", "requests", lambda n: "-" if n is None else f"{n:.0f}"),
        ("first graph with traces", "first_graph_ms", _ms),
        ("  first afterplot (any)", "first_afterplot_ms", _ms),
        ("first contentful paint", "fcp_ms", _ms),
        ("DOMContentLoaded", "dom_content_loaded_ms", _ms),
        ("load event", "load_ms", _ms),
    ]
    print(f"   {'':<36}{'median':>14}{'max':>14}")
    for label, key, fmt in rows:
        print(f"   {label:<36}{fmt(fv[key]['median']):>14}{fmt(fv[key]['max']):>14}")
    if fv["failed_requests"]:
        print(f"   failed requests: {', '.join(fv['failed_requests'])}")
    print("\n   Largest responses (one visit):")
    print(f"   {'wire':>12} {'decoded':>12}  {'encoding':<9} path")
    for r in fv["largest_responses"]:
        path = r["path"] if len(r["path"]) <= 90 else r["path"][:87] + "..."
        print(
            f"   {_kb(r['wire_bytes']):>12} {_kb(r['decoded_bytes']):>12}  "
            f"{r['encoding'] or 'none':<9} {path}"
        )

    it = results["interaction"]
    print(
        f"\n2. Interaction to paint on {it['url']} ({it['repetitions']} clicks each, "
        f"after {WARMUP_CLICKS} warm-up; click -> last plotly_afterplot once quiet "
        f"{INTERACTION_QUIET_MS} ms)"
    )
    print(f"   {'':<44}{'p50':>9}{'p95':>9}{'max':>9}")
    for name in CONTROLS:
        r = it[name]
        print(f"   {name}")
        for label, key in (
            ("click -> last afterplot", "last_afterplot_ms"),
            ("click -> first afterplot", "first_afterplot_ms"),
            ("click -> next frame after last afterplot", "next_frame_ms"),
            ("  click -> callback request sent", "click_to_request_ms"),
            ("  request sent -> response received", "round_trip_ms"),
            ("  response received -> last afterplot", "response_to_afterplot_ms"),
        ):
            d = r[key]
            print(f"     {label:<42}{_ms(d['p50']):>9}{_ms(d['p95']):>9}{_ms(d['max']):>9}")
        print(
            f"     afterplots per click: {r['afterplots_per_click']}, "
            f"callback requests per click: {r['requests_per_click']}"
        )
    print(f"\n({env['seconds']} s)")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--base-url",
        help="measure a running server (default: start gunicorn on a free loopback port)",
    )
    parser.add_argument("--visits", type=int, default=5, help="first visits (default 5)")
    parser.add_argument(
        "--repetitions", type=int, default=30, help="clicks per control (default 30)"
    )
    parser.add_argument(
        "--points", type=int, default=1000, help="n= of the interaction page (default 1000)"
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    if args.visits < 1 or args.repetitions < 1:
        parser.error("--visits and --repetitions must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        results = run_all(args.base_url, args.visits, args.repetitions, args.points)
    except BenchError as error:
        log(f"error: {error}")
        return 1
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
