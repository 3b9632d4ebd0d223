"""Every bound on what a visitor may send, in one place.

The bounds are defined where they are enforced (the validators of each page,
the expression parser, the network labs) and gathered here by name, with the
two that belong to no page: the size of a request body and how deeply its
JSON may nest (:mod:`components.request_guard` enforces both).
:func:`limits_table` lists them all, with where each is enforced.

gunicorn bounds the request line and headers (``gunicorn.conf.py``:
``limit_request_line`` 8190 bytes, ``limit_request_fields`` 100,
``limit_request_field_size`` 8190 bytes, ``timeout`` 30 s); it has no bound
on bodies, so Flask's ``MAX_CONTENT_LENGTH`` (set from
:data:`MAX_REQUEST_BYTES`) answers a larger body with 413.
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path

from activations.expression import MAX_CONSTANT, MAX_EXPRESSION_CHARS
from activations.expression import MAX_DEPTH as MAX_EXPRESSION_DEPTH
from activations.expression import MAX_NODES as MAX_EXPRESSION_NODES
from components.gradients_lab import MAX_QUERY_CHARS as LAB_MAX_QUERY_CHARS
from components.gradients_lab import MAX_TRAIN_FUNCTIONS
from components.nonlinearity_lab import MAX_POINTS as NONLINEARITY_MAX_POINTS
from components.state import (
    MAX_ABS_X,
    MAX_FUNCTIONS,
    MAX_POINTS,
    MAX_QUERY_CHARS,
    MAX_VALUE_CHARS,
    MIN_POINTS,
)
from networks import limits as network_limits

__all__ = [
    "LAB_MAX_QUERY_CHARS",
    "MAX_ABS_X",
    "MAX_CONSTANT",
    "MAX_EXPRESSION_CHARS",
    "MAX_EXPRESSION_DEPTH",
    "MAX_EXPRESSION_NODES",
    "MAX_FUNCTIONS",
    "MAX_JSON_NESTING",
    "MAX_POINTS",
    "MAX_QUERY_CHARS",
    "MAX_REQUEST_BYTES",
    "MAX_TRAIN_FUNCTIONS",
    "MAX_VALUE_CHARS",
    "MIN_POINTS",
    "NONLINEARITY_MAX_POINTS",
    "Limit",
    "limits_table",
    "network_limits",
]

#: The largest request body accepted (Flask's ``MAX_CONTENT_LENGTH``; 413 beyond).
#: The largest legitimate body is the gradient lab's training step at its
#: largest settings: three runs of a depth-6, width-32 network trained with
#: Adam for MAX_EPOCHS epochs travel in it, about 1.1 MB
#: (tests/app/test_request_guard.py builds it and checks it fits).
MAX_REQUEST_BYTES = 2 * 1024 * 1024

#: How deeply a callback request's JSON may nest (400 beyond). The deepest
#: legitimate one, the training store, nests 10 levels below the body.
MAX_JSON_NESTING = 32

GUNICORN_CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


@dataclass(frozen=True)
class Limit:
    """One bound: what it limits, its value and who enforces it."""

    what: str
    value: str
    enforced_by: str


def limits_table() -> tuple[Limit, ...]:
    """Every bound on visitor input, for documentation and the report of the tests."""
    nl = network_limits
    gunicorn = runpy.run_path(str(GUNICORN_CONFIG))
    return (
        Limit("request body", f"{MAX_REQUEST_BYTES:,} bytes (413)", "Flask MAX_CONTENT_LENGTH"),
        Limit("callback JSON nesting", f"{MAX_JSON_NESTING} levels (400)", "request_guard"),
        Limit("request line", f"{gunicorn['limit_request_line']:,} bytes", "gunicorn.conf.py"),
        Limit(
            "headers",
            f"{gunicorn['limit_request_fields']} of at most "
            f"{gunicorn['limit_request_field_size']:,} bytes",
            "gunicorn.conf.py",
        ),
        Limit("silent worker", f"{gunicorn['timeout']} s, then restarted", "gunicorn.conf.py"),
        Limit("query string (most pages)", f"{MAX_QUERY_CHARS:,} characters", "validators"),
        Limit("query string (gradients)", f"{LAB_MAX_QUERY_CHARS:,} characters", "gradients_lab"),
        Limit("one query value shown back", f"{MAX_VALUE_CHARS} characters", "validators"),
        Limit("functions overlaid", f"1 to {MAX_FUNCTIONS}", "state.parse_query"),
        Limit("sample points (explorer)", f"{MIN_POINTS} to {MAX_POINTS:,}", "state.parse_query"),
        Limit("x range", f"|x| <= {MAX_ABS_X:,.0f}", "state.parse_query"),
        Limit("typed expression", f"{MAX_EXPRESSION_CHARS} characters", "activations.expression"),
        Limit(
            "typed expression's tree",
            f"{MAX_EXPRESSION_NODES} nodes, {MAX_EXPRESSION_DEPTH} deep, |c| <= {MAX_CONSTANT:g}",
            "activations.expression",
        ),
        Limit("activations trained together", f"1 to {MAX_TRAIN_FUNCTIONS}", "gradients_lab"),
        Limit("gradient network", _depth_width(nl.GRADIENT_DEPTH, nl.GRADIENT_WIDTH), "networks"),
        Limit("bound depth", _range(nl.BOUND_DEPTH), "networks.limits"),
        Limit("trained network", _depth_width(nl.TRAIN_DEPTH, nl.TRAIN_WIDTH), "networks"),
        Limit("training points", _range(nl.POINTS), "networks.limits"),
        Limit("training epochs", f"1 to {nl.MAX_EPOCHS:,}", "networks.limits"),
        Limit("epochs per chunk", _range(nl.EPOCHS_PER_CHUNK), "networks.max_chunk_epochs"),
        Limit("chunk CPU budget", f"{nl.CHUNK_SECONDS} s", "networks.limits"),
        Limit("saved training state", f"{nl.MAX_STATE_BYTES:,} bytes per run", "state_json"),
        Limit(
            "1-D network (nonlinearity)",
            _depth_width(nl.NONLINEARITY_DEPTH, nl.NONLINEARITY_WIDTH),
            "networks.limits",
        ),
        Limit("nonlinearity sample points", f"2 to {NONLINEARITY_MAX_POINTS}", "nonlinearity_lab"),
        Limit("activation regions counted", f"{nl.MAX_REGIONS:,}", "networks.limits"),
    )


def _range(bounds: network_limits.IntRange) -> str:
    return f"{bounds.low:,} to {bounds.high:,}"


def _depth_width(depth: network_limits.IntRange, width: network_limits.IntRange) -> str:
    return f"depth {_range(depth)}, width {_range(width)}"
