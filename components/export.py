"""CSV export: the plotted numbers, every value at full float64 precision."""

from __future__ import annotations

import io

from components.curves import Curves
from components.state import ViewState, format_number


def csv_header(curves: Curves, deriv: bool) -> list[str]:
    header = ["x"] + [c.name for c in curves.curves]
    if deriv:
        header += [f"d_{c.name}" for c in curves.curves]
    return header


def csv_text(curves: Curves, deriv: bool) -> str:
    """``x,<name>,...[,d_<name>,...]`` then one row per sample, values as ``repr``."""
    columns = [curves.x] + [c.y for c in curves.curves]
    if deriv:
        columns += [c.dy for c in curves.curves]
    out = io.StringIO()
    out.write(",".join(csv_header(curves, deriv)) + "\n")
    # repr() of a Python float is the shortest text that reads back exactly.
    for row in zip(*(col.astype(float).tolist() for col in columns), strict=True):
        out.write(",".join(map(repr, row)) + "\n")
    return out.getvalue()


def csv_filename(state: ViewState) -> str:
    names = "-".join(state.functions)
    return f"activations_{names}_{format_number(state.xmin)}_{format_number(state.xmax)}.csv"
