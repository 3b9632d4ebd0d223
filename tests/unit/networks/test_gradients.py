"""The gradient lab: the bound, the measured product and gradient norms at initialisation."""

from __future__ import annotations

import numpy as np
import pytest

from networks.gradients import (
    bound_product,
    gradient_network,
    init_gradient_norms,
    layer_mean_slopes,
    max_abs_slope,
    measured_product,
)
from networks.mlp import ActivationSpec

SIGMOID = ActivationSpec.of("sigmoid")
RELU = ActivationSpec.of("relu")


def _ratio(spec: ActivationSpec, init: str) -> float:
    norms = init_gradient_norms(spec, depth=8, width=32, init=init, seed=0)
    return float(norms[0] / norms[7])


def test_sigmoid_with_xavier_loses_the_gradient_over_eight_layers() -> None:
    assert _ratio(SIGMOID, "xavier") < 1e-3


def test_relu_with_he_keeps_the_gradient_over_eight_layers() -> None:
    assert _ratio(RELU, "he") > 1e-2


def test_the_bound_is_a_quarter_to_the_depth_for_the_sigmoid() -> None:
    assert max_abs_slope(SIGMOID) == 0.25
    assert bound_product(SIGMOID, 10) == pytest.approx(9.5367431640625e-07, rel=1e-12)
    assert max_abs_slope(ActivationSpec.of("sigmoid", {"a": 2.0})) == pytest.approx(0.5)


@pytest.mark.parametrize("depth", [1, 10, 50])
def test_the_bound_is_one_for_relu_and_tanh(depth: int) -> None:
    assert bound_product(RELU, depth) == 1.0
    assert bound_product(ActivationSpec.of("tanh"), depth) == pytest.approx(1.0)


def test_the_step_passes_no_gradient() -> None:
    assert bound_product(ActivationSpec.of("step"), 3) == 0.0


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "gelu", "elu", "softplus"])
def test_measured_product_never_exceeds_the_bound(name: str) -> None:
    spec = ActivationSpec.of(name)
    for depth in (1, 4, 12):
        measured = measured_product(spec, depth, 16, "xavier", seed=3)
        assert 0.0 < measured <= bound_product(spec, depth) * (1 + 1e-12)


def test_measured_product_is_the_product_of_layer_means() -> None:
    means = layer_mean_slopes(SIGMOID, 5, 8, "he", seed=1)
    assert means.shape == (5,)
    assert np.all((means > 0) & (means <= 0.25))
    assert measured_product(SIGMOID, 5, 8, "he", seed=1) == pytest.approx(float(np.prod(means)))


def test_norms_cover_every_layer_and_all_activations_share_weights() -> None:
    norms = init_gradient_norms(RELU, depth=30, width=64, init="he", seed=2)
    assert norms.shape == (31,)
    assert np.all(np.isfinite(norms)) and np.all(norms > 0)
    first = gradient_network(4, 8, "normal", seed=5, sigma=0.5)
    second = gradient_network(4, 8, "normal", seed=5, sigma=0.5)
    assert all(np.array_equal(a.weight, b.weight) for a, b in zip(first, second, strict=True))


def test_normal_init_uses_sigma() -> None:
    small = init_gradient_norms(SIGMOID, 6, 16, "normal", seed=0, sigma=0.05)
    large = init_gradient_norms(SIGMOID, 6, 16, "normal", seed=0, sigma=1.0)
    assert not np.allclose(small, large)
