"""Take the README screenshots of the app in headless Chromium.

Starts the app with gunicorn from .venv on a free 127.0.0.1 port, waits for
/healthz, opens the page at desktop size (1440x900) and phone size (390x844),
waits for the plot and the MathJax formulas, and writes

    docs/screenshot.png         (desktop, light theme)
    docs/screenshot-phone.png   (phone, light theme)
    docs/screenshot-dark.png    (desktop, dark theme)

The theme is chosen as a visitor's system would (prefers-color-scheme).

The server is stopped whatever happens. Needs the dev requirements (selenium)
and Debian's chromium and chromium-driver: `make screenshots` sets up both.

    .venv/bin/python scripts/screenshots.py
    .venv/bin/python scripts/screenshots.py --url-query 'fn=relu,gelu&deriv=1' --name deep-link
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere

from scripts.local_server import running_gunicorn  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

DESKTOP = (1440, 900)
PHONE = (390, 844)

PLOT = ".js-plotly-plot .main-svg"
GRAPH = "#graph"
MATH = ".formula math"

PAGE_TIMEOUT = 30.0
MATH_TIMEOUT = 15.0


def log(message: str) -> None:
    print(f"screenshots: {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def chromium(profile_dir: str) -> Iterator[webdriver.Chrome]:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            raise SystemExit(
                f"{path} not found: apt-get install -y --no-install-recommends "
                "chromium chromium-driver"
            )
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
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
        f"--user-data-dir={profile_dir}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def set_viewport(driver: webdriver.Chrome, size: tuple[int, int], mobile: bool) -> None:
    width, height = size
    driver.set_window_size(width, height)
    # Exact CSS viewport (and a phone's meta-viewport handling) whatever the window chrome.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def wait_until_settled(driver: webdriver.Chrome) -> None:
    wait = WebDriverWait(driver, PAGE_TIMEOUT, poll_frequency=0.2)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, GRAPH)))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, PLOT)))
    # No Dash callback in flight and nothing left to load.
    wait.until(
        lambda d: d.execute_script(
            "return document.readyState === 'complete'"
            " && !document.querySelector('[data-dash-is-loading=\"true\"]')"
            " && !document.querySelector('._dash-loading')"
        )
    )
    # The formulas are put in place by assets/formulas.js after the cards arrive.
    if driver.execute_script("return !!document.querySelector('.formula')"):
        try:
            WebDriverWait(driver, MATH_TIMEOUT, poll_frequency=0.2).until(
                EC.presence_of_element_located((By.CSS_SELECTOR, MATH))
            )
        except TimeoutException:
            log(f"warning: no {MATH} after {MATH_TIMEOUT:.0f} s; formulas may be missing")
    driver.execute_script("return document.fonts.ready")
    wait_for_stable_layout(driver)
    heights = driver.execute_script(
        "return Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map((el) => el.getBoundingClientRect().height)"
    )
    if any(height < 50 for height in heights):
        log(f"warning: a plot's container is only {min(heights):.0f} px tall (collapsed?)")


# Page height, every plot's box and size, and how much math is typeset.
LAYOUT_PROBE = """
const box = (el) => { const r = el.getBoundingClientRect();
                      return [r.left, r.top, r.width, r.height].map(Math.round); };
return JSON.stringify([
    document.documentElement.scrollHeight,
    Array.from(document.querySelectorAll('.js-plotly-plot')).map(box),
    Array.from(document.querySelectorAll('.js-plotly-plot .main-svg')).map(box),
    document.querySelectorAll('.formula math').length,
]);
"""


def wait_for_stable_layout(driver: webdriver.Chrome, samples: int = 4, every: float = 0.25) -> None:
    """Wait until nothing moves: plotly resizes and MathJax reflows after the data arrives."""
    deadline = time.monotonic() + PAGE_TIMEOUT
    last, same = None, 0
    while time.monotonic() < deadline:
        now = driver.execute_script(LAYOUT_PROBE)
        same = same + 1 if now == last else 0
        if same >= samples - 1:
            return
        last = now
        time.sleep(every)
    log(f"warning: the layout kept changing for {PAGE_TIMEOUT:.0f} s; taking the picture anyway")


def set_colour_scheme(driver: webdriver.Chrome, scheme: str) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def shoot(
    driver: webdriver.Chrome,
    url: str,
    size: tuple[int, int],
    mobile: bool,
    out: Path,
    scheme: str = "light",
) -> None:
    set_viewport(driver, size, mobile)
    set_colour_scheme(driver, scheme)
    driver.get(url)
    wait_until_settled(driver)
    if mobile:
        # On a phone the controls come first; show the graph, as after a scroll.
        driver.execute_script(f"document.querySelector('{GRAPH}').scrollIntoView()")
        wait_for_stable_layout(driver)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not driver.save_screenshot(str(out)):
        raise SystemExit(f"could not write {out}")
    log(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


def report_console_errors(driver: webdriver.Chrome) -> None:
    try:
        entries = driver.get_log("browser")
    except WebDriverException:
        return
    for entry in entries:
        if entry.get("level") == "SEVERE":
            log(f"browser console: {entry.get('message')}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url-query",
        default="",
        help="query string of a deep link to capture, e.g. 'fn=relu,gelu&deriv=1'",
    )
    parser.add_argument(
        "--out-dir",
        type=Path,
        default=ROOT / "docs",
        help="where to write the PNG files (default: docs/)",
    )
    parser.add_argument(
        "--name",
        default="screenshot",
        help="file name stem: NAME.png, NAME-phone.png, NAME-dark.png (default: screenshot)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    query = args.url_query.lstrip("?")
    out_dir = args.out_dir.resolve()
    with (
        running_gunicorn({"WEB_CONCURRENCY": "1"}, log) as server,
        tempfile.TemporaryDirectory(prefix="screenshots-chromium-") as profile,
        chromium(profile) as driver,
    ):
        url = f"{server.base}/" + (f"?{query}" if query else "")
        shoot(driver, url, DESKTOP, False, out_dir / f"{args.name}.png")
        shoot(driver, url, PHONE, True, out_dir / f"{args.name}-phone.png")
        shoot(driver, url, DESKTOP, False, out_dir / f"{args.name}-dark.png", scheme="dark")
        report_console_errors(driver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
