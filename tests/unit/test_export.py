"""CSV export: header, shape and full float64 precision."""

from __future__ import annotations

import csv
import io

import numpy as np

import activations
from components.curves import compute_curves
from components.export import csv_filename, csv_text
from components.state import ViewState


def read(text):
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], np.array(rows[1:], dtype=float)


def test_header_and_columns_with_derivatives():
    state = ViewState(functions=("sigmoid", "relu"), xmin=-5.0, xmax=5.0, n=11, deriv=True)
    header, values = read(csv_text(compute_curves(state), state.deriv))
    assert header == ["x", "sigmoid", "relu", "d_sigmoid", "d_relu"]
    assert values.shape == (11, 5)
    np.testing.assert_array_equal(values[:, 0], np.linspace(-5, 5, 11))
    x = values[:, 0]
    np.testing.assert_array_equal(values[:, 1], activations.get("sigmoid")(x))
    np.testing.assert_array_equal(values[:, 4], activations.get("relu").derivative(x))


def test_without_derivative_there_are_no_d_columns():
    state = ViewState(functions=("tanh",), n=3, deriv=False)
    header, values = read(csv_text(compute_curves(state), state.deriv))
    assert header == ["x", "tanh"] and values.shape == (3, 2)


def test_values_round_trip_exactly():
    state = ViewState(functions=("gelu",), xmin=-0.3, xmax=0.7, n=7, deriv=True)
    curves = compute_curves(state)
    _, values = read(csv_text(curves, True))
    np.testing.assert_array_equal(values[:, 1], curves.curves[0].y)  # bit for bit
    np.testing.assert_array_equal(values[:, 2], curves.curves[0].dy)


def test_file_name_names_functions_and_range():
    assert csv_filename(ViewState(functions=("sigmoid", "relu"))) == (
        "activations_sigmoid-relu_-5_5.csv"
    )
