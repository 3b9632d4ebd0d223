"""The nonlinearity lab: identity layers collapse to one line; ReLU nets are piecewise linear."""

from __future__ import annotations

import numpy as np
import pytest

from networks.mlp import ActivationSpec
from networks.nonlinearity import (
    affine_collapse,
    grid_pieces,
    is_piecewise_linear,
    linear_pieces,
    network_output,
    random_network_1d,
)

RELU = ActivationSpec.of("relu")
IDENTITY = ActivationSpec.of("identity")


@pytest.mark.parametrize(
    ("depth", "width", "init"), [(1, 1, "he"), (5, 16, "xavier"), (20, 64, "he")]
)
def test_identity_layers_collapse_to_one_affine_map(depth: int, width: int, init: str) -> None:
    net = random_network_1d(depth, width, seed=depth, init=init)
    w, b = affine_collapse(net)
    xs = np.linspace(-10.0, 10.0, 1001)
    y = network_output(net, IDENTITY, xs)
    scale = float(np.max(np.abs(y)))
    assert float(np.max(np.abs(y - (w * xs + b)))) <= 1e-12 * scale
    assert linear_pieces(net, IDENTITY, -10.0, 10.0).pieces == 1


def test_one_hidden_relu_layer_breaks_where_each_unit_crosses_zero() -> None:
    net = random_network_1d(1, 12, seed=11, init="he", bias_sigma=1.0)
    first, out = net
    w, b, v = first.weight[0], first.bias, out.weight[:, 0]
    kinks = -b / w
    inside = np.sort(kinks[(kinks > -3.0) & (kinks < 3.0) & (v != 0.0)])
    count = linear_pieces(net, RELU, -3.0, 3.0)
    assert count.kind == "piecewise_linear"
    assert count.pieces == inside.size + 1
    np.testing.assert_allclose(count.breakpoints, inside, rtol=1e-12)


CASES = [
    (depth, width, seed) for seed in range(4) for depth, width in [(1, 8), (2, 6), (3, 16), (5, 8)]
]


def test_exact_count_agrees_with_second_differences() -> None:
    lo, hi, points = -3.0, 3.0, 60_001
    step = (hi - lo) / (points - 1)
    resolved = 0
    for depth, width, seed in CASES:
        net = random_network_1d(depth, width, seed, init="he", bias_sigma=0.5)
        exact = linear_pieces(net, RELU, lo, hi)
        assert exact.pieces is not None and exact.regions is not None
        assert exact.regions >= exact.pieces >= 1
        on_grid = grid_pieces(net, RELU, lo, hi, points)
        # The grid can only miss breaks (two within a few steps, or a tiny
        # change of slope), never invent one.
        assert on_grid <= exact.pieces, (depth, width, seed)
        gaps = np.diff(np.concatenate([[lo], exact.breakpoints, [hi]]))
        changes = np.abs(np.diff(exact.slopes))
        apart = gaps.min() > 4 * step
        visible = changes.size == 0 or changes.min() > 1e-3 * np.abs(exact.slopes).max()
        if apart and visible:
            assert on_grid == exact.pieces, (depth, width, seed)
            resolved += 1
    assert resolved >= len(CASES) // 2


def test_pieces_are_straight_and_meet_at_the_breakpoints() -> None:
    net = random_network_1d(4, 12, seed=9, init="he")
    count = linear_pieces(net, RELU, -3.0, 3.0)
    edges = np.concatenate([[-3.0], count.breakpoints, [3.0]])
    for left, right, slope in zip(edges[:-1], edges[1:], count.slopes, strict=True):
        xs = np.linspace(left, right, 7)
        ys = network_output(net, RELU, xs)
        np.testing.assert_allclose(np.diff(ys) / np.diff(xs), slope, rtol=1e-8, atol=1e-10)


def test_deep_wide_relu_net_is_counted_quickly() -> None:
    net = random_network_1d(20, 64, seed=3, init="he", bias_sigma=2.0)
    count = linear_pieces(net, RELU, -10.0, 10.0)
    assert count.pieces is not None and count.pieces > 20


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "gelu", "softplus"])
def test_smooth_activations_have_no_pieces(name: str) -> None:
    spec = ActivationSpec.of(name)
    count = linear_pieces(random_network_1d(3, 8, seed=0), spec, -3.0, 3.0)
    assert (count.kind, count.pieces, count.regions) == ("smooth", None, None)
    assert count.breakpoints.size == 0


def test_saturating_nets_with_large_weights_stop_counting() -> None:
    net = random_network_1d(20, 64, seed=1, init="normal", sigma=1.0, bias_sigma=2.0)
    count = linear_pieces(net, ActivationSpec.of("relu6"), -10.0, 10.0)
    assert (count.kind, count.pieces, count.regions) == ("too_many", None, None)


def test_kinked_but_curved_activation_has_no_pieces() -> None:
    count = linear_pieces(random_network_1d(2, 4, seed=0), ActivationSpec.of("hard_swish"), -3, 3)
    assert (count.kind, count.pieces) == ("curved", None)


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        ("relu", {}, True),
        ("leaky_relu", {"alpha": 0.2}, True),
        ("relu6", {}, True),
        ("hard_tanh", {}, True),
        ("softshrink", {"lambd": 0.0}, True),
        ("step", {}, True),
        ("identity", {}, True),
        ("squareplus", {"b": 0.0}, True),
        ("squareplus", {}, False),
        ("sigmoid", {"a": 100.0}, False),
        ("hard_swish", {}, False),
        ("selu", {}, False),
    ],
)
def test_piecewise_linearity_is_read_from_f_prime(
    name: str, params: dict[str, float], expected: bool
) -> None:
    assert is_piecewise_linear(ActivationSpec.of(name, params)) is expected


def test_leaky_relu_nets_count_pieces_too() -> None:
    spec = ActivationSpec.of("leaky_relu", {"alpha": 0.1})
    net = random_network_1d(3, 8, seed=2, init="he")
    exact = linear_pieces(net, spec, -3.0, 3.0)
    assert exact.pieces == grid_pieces(net, spec, -3.0, 3.0, 60_001)
