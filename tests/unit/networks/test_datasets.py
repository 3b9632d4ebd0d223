"""The toy data sets: shapes, labels, determinism and the intended geometry."""

from __future__ import annotations

import numpy as np
import pytest

from networks.datasets import gradient_dataset, make_dataset
from networks.limits import DATASETS, POINTS


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("n", [POINTS.low, 101, POINTS.high])
def test_shapes_labels_and_balance(name: str, n: int) -> None:
    data = make_dataset(name, n, 0.1, seed=4)
    assert data.x.shape == (n, 2) and data.y.shape == (n,)
    assert data.x.dtype == np.float64 and data.y.dtype == np.float64
    assert set(np.unique(data.y)) == {0.0, 1.0}
    assert abs(int(data.y.sum()) - n / 2) <= 0.5
    assert np.all(np.abs(data.x) < 3.0)
    assert not data.x.flags.writeable


@pytest.mark.parametrize("name", DATASETS)
def test_the_same_seed_gives_the_same_points(name: str) -> None:
    a = make_dataset(name, 50, 0.2, seed=9)
    b = make_dataset(name, 50, 0.2, seed=9)
    c = make_dataset(name, 50, 0.2, seed=10)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.x, c.x)


def test_geometry_without_noise() -> None:
    xor = make_dataset("xor", 200, 0.0, seed=0)
    assert np.array_equal(xor.y == 1.0, xor.x[:, 0] * xor.x[:, 1] > 0)
    circles = make_dataset("circles", 200, 0.0, seed=0)
    radius = np.hypot(circles.x[:, 0], circles.x[:, 1])
    np.testing.assert_allclose(radius, np.where(circles.y == 1.0, 0.5, 1.0))
    spiral = make_dataset("spiral", 200, 0.0, seed=0)
    assert np.all(np.hypot(spiral.x[:, 0], spiral.x[:, 1]) <= 1.0 + 1e-12)


def test_unknown_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown dataset"):
        make_dataset("swiss", 10, 0.0, seed=0)


def test_the_gradient_lab_data_is_fixed() -> None:
    a, b = gradient_dataset(), gradient_dataset()
    assert np.array_equal(a.x, b.x) and a.x.shape == (100, 2)
