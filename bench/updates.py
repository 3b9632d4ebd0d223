"""Server time and bytes per explorer update, in process (not a test: it prints figures).

    .venv/bin/python bench/updates.py [--repeats 300]

Every request goes through Flask's test client to ``/_dash-update-component``
with the JSON body Dash's renderer sends, so Dash's own request handling is
included. Each scenario alternates between two views, as a visitor flipping
a control back and forth would, and the body tells the server which view the
page shows (the query store), as the browser does.

The time includes compressing the response as Chromium asks (it accepts
zstd, br and gzip). Bytes are the response body: raw, compressed with each
encoding, and as sent to Chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere

from app import create_app
from components import ids
from components.state import parse_query, query_from_controls
from tests.app.conftest import view_callback_body

ENCODINGS = ("zstd", "br", "gzip")
CHROMIUM_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


@dataclass(frozen=True)
class Scenario:
    name: str
    changed: str  # the prop id that triggers, as Dash names it
    first: dict[str, Any]  # controls of one view
    second: dict[str, Any]  # ... and of the other


def scenarios(n: int) -> list[Scenario]:
    base = {"points": n, "functions": ["sigmoid", "relu"], "options": ["deriv"]}
    leaky = base | {"functions": ["sigmoid", "leaky_relu"]}
    alpha = ids.css_param_id("leaky_relu", "alpha")
    return [
        Scenario(
            "function switch",
            f"{ids.FUNCTIONS}.value",
            base,
            base | {"functions": ["sigmoid", "relu", "gelu"]},
        ),
        Scenario("range change", f"{ids.XMIN}.value", base | {"xmin": -5}, base | {"xmin": -4}),
        Scenario(
            "parameter change",
            f"{alpha}.value",
            leaky,
            leaky | {"params": param_values(leaky_relu_alpha=0.2)},
        ),
        Scenario("derivative toggle", f"{ids.OPTIONS}.value", base, base | {"options": []}),
    ]


def param_values(**chosen: float) -> list[float]:
    """Every parameter box's value: defaults, with leaky_relu_alpha=... style overrides."""
    import activations
    from components.layout import PARAM_SLOTS

    values = []
    for function, name in PARAM_SLOTS:
        default = activations.get(function).param(name).default
        values.append(chosen.get(f"{function}_{name}", default))
    return values


def query_of(controls: dict[str, Any]) -> str:
    """The query the page stores for these controls (what the browser sends back)."""
    from components.layout import PARAM_SLOTS

    params = controls.get("params", param_values())
    raw = query_from_controls(
        controls.get("functions", ["sigmoid", "step", "relu"]),
        controls.get("xmin", -5),
        controls.get("xmax", 5),
        controls.get("points", 201),
        controls.get("options", ["deriv"]),
        ((fn, name, value) for (fn, name), value in zip(PARAM_SLOTS, params, strict=True)),
        "",
        "en",
    )
    state, problems = parse_query(raw)
    assert not problems, problems
    return state.to_query()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(client: Any, scenario: Scenario, repeats: int) -> dict[str, Any]:
    bodies = []
    for target, shown in ((scenario.second, scenario.first), (scenario.first, scenario.second)):
        body = view_callback_body(
            client, scenario.changed, **target, shown=query_of(shown), table_open=0
        )
        bodies.append(body)
    for body in bodies * 5:  # warm up caches, as a running server has them
        client.post("/_dash-update-component", json=body)
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        response = client.post(
            "/_dash-update-component",
            json=bodies[i % 2],
            headers={"Accept-Encoding": CHROMIUM_ACCEPT_ENCODING},
        )
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.data[:300]
    sizes = {"raw": len(client.post("/_dash-update-component", json=bodies[0]).data)}
    for encoding in ENCODINGS:
        response = client.post(
            "/_dash-update-component", json=bodies[0], headers={"Accept-Encoding": encoding}
        )
        sizes[encoding] = len(response.data)
    chosen = client.post(
        "/_dash-update-component",
        json=bodies[0],
        headers={"Accept-Encoding": CHROMIUM_ACCEPT_ENCODING},
    )
    return {
        "median_ms": statistics.median(times) * 1e3,
        "p99_ms": percentile(times, 0.99) * 1e3,
        "bytes": sizes,
        "wire_bytes": len(chosen.data),
        "wire_encoding": chosen.headers.get("Content-Encoding", "identity"),
    }


def run(repeats: int = 300, points: tuple[int, ...] = (1000, 10000)) -> list[dict[str, Any]]:
    client = create_app().server.test_client()
    results = []
    for n in points:
        for scenario in scenarios(n):
            count = repeats if n <= 1000 else max(repeats // 3, 30)
            results.append({"scenario": scenario.name, "n": n} | measure(client, scenario, count))
    return results


def print_table(results: list[dict[str, Any]]) -> None:
    print(
        f"{'update':<19}{'n':>7}{'median ms':>11}{'p99 ms':>9}"
        f"{'raw B':>10}{'zstd B':>9}{'br B':>9}{'gzip B':>9}  on the wire (Chromium)"
    )
    for r in results:
        b = r["bytes"]
        print(
            f"{r['scenario']:<19}{r['n']:>7,}{r['median_ms']:>11.2f}{r['p99_ms']:>9.2f}"
            f"{b['raw']:>10,}{b['zstd']:>9,}{b['br']:>9,}{b['gzip']:>9,}"
            f"  {r['wire_bytes']:,} B {r['wire_encoding']}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=300, help="requests per scenario at n=1000")
    args = parser.parse_args(argv)
    print_table(run(args.repeats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
