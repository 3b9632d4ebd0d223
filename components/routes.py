"""Plain HTTP routes beside the Dash page: the CSV download and the health check."""

from __future__ import annotations

import math

import numpy as np
from flask import Flask, Response, jsonify, request

import activations
from components.curves import compute_curves
from components.downloads import csv_download, invalid_query
from components.export import csv_filename, csv_text
from components.i18n import translator
from components.state import parse_query

EXPORT_RULE = "/export.csv"
HEALTH_RULE = "/healthz"


def export_csv() -> Response:
    """``GET /export.csv?<view query>``: the plotted numbers, or 400 with the reason."""
    state, problems = parse_query(request.args.to_dict(flat=False))
    if problems:
        heading = translator(state.lang)("export.invalid")
        return invalid_query(heading, (problem.reason(state.lang) for problem in problems))
    body = csv_text(compute_curves(state), state.deriv)
    return csv_download(body, csv_filename(state))


def healthz() -> tuple[Response, int]:
    """200 once the library really evaluates: sigmoid(0) = 0.5, sigmoid′(0) = 0.25."""
    sigmoid = activations.get("sigmoid")
    x = np.array([0.0])
    value = float(sigmoid(x)[0])
    slope = float(sigmoid.derivative(x)[0])
    healthy = math.isclose(value, 0.5) and math.isclose(slope, 0.25)
    body = {
        "status": "ok" if healthy else "error",
        "activations": len(activations.names()),
        "check": {"sigmoid(0)": value, "sigmoid'(0)": slope},
    }
    return jsonify(body), 200 if healthy else 503


def register_routes(server: Flask) -> None:
    server.add_url_rule(EXPORT_RULE, "export_csv", export_csv, methods=["GET"])
    server.add_url_rule(HEALTH_RULE, "healthz", healthz, methods=["GET"])
