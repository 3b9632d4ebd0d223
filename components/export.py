"""CSV export: the plotted numbers, every value at full float64 precision."""

from __future__ import annotations

from components.curves import Curves
from components.downloads import csv_table
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
    return csv_table(csv_header(curves, deriv), columns)


def file_stem(state: ViewState) -> str:
    """``activations_<names>_<xmin>_<xmax>``: the name of every file of this view."""
    names = "-".join(state.functions + (("custom",) if state.expr else ()))
    return f"activations_{names}_{format_number(state.xmin)}_{format_number(state.xmax)}"


def csv_filename(state: ViewState) -> str:
    return f"{file_stem(state)}.csv"
