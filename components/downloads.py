"""Every CSV download answers the same way: one table writer, one 200, one 400.

Values are written with ``repr``: the shortest text that reads back as the
same float64, so a downloaded file holds exactly the numbers on screen.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from flask import Response


def csv_table(header: Sequence[str], columns: Sequence[Any], integer_columns: int = 0) -> str:
    """``header`` then one row per entry; the first ``integer_columns`` as integers."""
    lists = [
        np.asarray(column).astype(int).tolist()
        if index < integer_columns
        else np.asarray(column, dtype=np.float64).tolist()
        for index, column in enumerate(columns)
    ]
    out = io.StringIO()
    out.write(",".join(header) + "\n")
    for row in zip(*lists, strict=True):
        out.write(",".join(map(repr, row)) + "\n")
    return out.getvalue()


def csv_download(body: str, filename: str) -> Response:
    """A CSV file the browser saves as ``filename``."""
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def invalid_query(heading: str, reasons: Iterable[str]) -> Response:
    """HTTP 400 with a plain-text reason: the heading, then one line per problem."""
    lines = [heading, *(f"- {reason}" for reason in reasons)]
    return Response("\n".join(lines) + "\n", status=400, mimetype="text/plain")
