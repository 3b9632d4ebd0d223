"""Backprop against central finite differences, initialisation and the loss."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np
import pytest

from networks.mlp import (
    ActivationSpec,
    Layer,
    Network,
    bce_loss,
    forward,
    init_network,
    init_std,
    layer_sizes,
    loss_and_gradients,
    predict_logits,
)

# (activation, params, kinked): kinked activations are checked only where no
# pre-activation is within reach of a kink under the finite-difference step.
ACTIVATIONS = [
    ("sigmoid", {}, False),
    ("sigmoid", {"a": 2.0}, False),
    ("tanh", {}, False),
    ("relu", {}, True),
    ("gelu", {}, False),
    ("silu", {}, False),
    ("silu", {"beta": 1.5}, False),
    ("softplus", {}, False),
    ("softplus", {"beta": 3.0}, False),
    ("elu", {}, False),
    ("elu", {"alpha": 0.5}, True),  # f' jumps at 0 when alpha != 1
    ("leaky_relu", {"alpha": 0.1}, True),
]
SHAPES = [(1, 3), (2, 5), (3, 4), (4, 3)]  # (depth, width)
STEP = 1e-6


def _replace(net: Network, index: int, which: str, flat: int, delta: float) -> Network:
    layer = net[index]
    array = np.array(getattr(layer, which))
    array.flat[flat] += delta
    changed = Layer(array, layer.bias) if which == "weight" else Layer(layer.weight, array)
    return (*net[:index], changed, *net[index + 1 :])


def _numeric(loss: Callable[[Network], float], net: Network) -> list[dict[str, np.ndarray]]:
    grads = []
    for index, layer in enumerate(net):
        entry = {}
        for which in ("weight", "bias"):
            shape = getattr(layer, which).shape
            g = np.zeros(shape)
            for flat in range(g.size):
                up = loss(_replace(net, index, which, flat, STEP))
                down = loss(_replace(net, index, which, flat, -STEP))
                g.flat[flat] = (up - down) / (2 * STEP)
            entry[which] = g
        grads.append(entry)
    return grads


def _problem(depth: int, width: int, seed: int) -> tuple[Network, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(9, 2))
    y = (rng.random(9) < 0.5).astype(np.float64)
    net = init_network(layer_sizes(2, depth, width), "normal", seed, sigma=0.8, bias_sigma=0.3)
    return net, x, y


@pytest.mark.parametrize(("name", "params", "kinked"), ACTIVATIONS)
@pytest.mark.parametrize(("depth", "width"), SHAPES)
def test_backprop_matches_central_differences(
    name: str, params: dict[str, float], kinked: bool, depth: int, width: int
) -> None:
    spec = ActivationSpec.of(name, params)
    net, x, y = _problem(depth, width, seed=depth * 10 + width)
    if kinked:
        # Away from kinks: a step of 1e-6 in one weight moves any pre-activation
        # by about 1e-6 times an input of order 1-10, far less than this.
        closest = min(float(np.min(np.abs(z))) for z in forward(net, x, spec).pre)
        assert closest > 1e-4, "test data sits on a kink; pick another seed"

    def loss(candidate: Network) -> float:
        return bce_loss(predict_logits(candidate, x, spec), y)

    _, analytic, _ = loss_and_gradients(net, x, y, spec)
    numeric = _numeric(loss, net)
    checked = 0
    for layer, expected in zip(analytic, numeric, strict=True):
        for which in ("weight", "bias"):
            got = getattr(layer, which)
            want = expected[which]
            # Relative to the array's largest entry: an entry near 0 cannot be
            # compared on its own (the difference quotient has ~1e-11 of noise).
            scale = max(float(np.max(np.abs(want))), float(np.max(np.abs(got))))
            if scale == 0.0:  # behind a layer of dead ReLUs: exactly 0 both ways
                continue
            assert float(np.max(np.abs(got - want))) / scale <= 1e-5, (name, which)
            checked += 1
    assert checked >= len(net), f"only {checked} arrays checked"


def test_bce_is_stable_for_huge_logits() -> None:
    logits = np.array([800.0, -800.0, 800.0, -800.0])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    # Two right with certainty (0 each), two wrong by 800 (800 each).
    assert bce_loss(logits, y) == pytest.approx(400.0)
    assert bce_loss(np.zeros(3), np.array([0.0, 1.0, 1.0])) == pytest.approx(math.log(2.0))


def test_same_seed_gives_the_same_draws_scaled_by_the_init() -> None:
    sizes = layer_sizes(2, 3, 8)
    xavier = init_network(sizes, "xavier", 7)
    he = init_network(sizes, "he", 7)
    normal = init_network(sizes, "normal", 7, sigma=0.3)
    for a, b, c, (fan_in, fan_out) in zip(
        xavier, he, normal, itertools.pairwise(sizes), strict=True
    ):
        draws = a.weight / init_std("xavier", fan_in, fan_out)
        np.testing.assert_allclose(b.weight / init_std("he", fan_in, fan_out), draws)
        np.testing.assert_allclose(c.weight / 0.3, draws)
        assert not a.bias.any()
    again = init_network(sizes, "xavier", 7)
    assert all(np.array_equal(p.weight, q.weight) for p, q in zip(xavier, again, strict=True))
    other = init_network(sizes, "xavier", 8)
    assert not np.array_equal(xavier[0].weight, other[0].weight)


def test_init_std_formulas() -> None:
    assert init_std("xavier", 30, 34) == pytest.approx(math.sqrt(2 / 64))
    assert init_std("he", 32, 1) == pytest.approx(0.25)
    assert init_std("normal", 3, 4, 0.7) == 0.7
    with pytest.raises(ValueError, match="unknown init"):
        init_std("glorot", 1, 1)


def test_weights_are_read_only() -> None:
    net = init_network(layer_sizes(2, 1, 4), "he", 0)
    with pytest.raises(ValueError):
        net[0].weight[0, 0] = 1.0


def test_activation_spec_resolves_and_rejects() -> None:
    assert ActivationSpec.of("softplus").kwargs == {"beta": 1.0}
    assert ActivationSpec.of("relu").params == ()
    with pytest.raises(ValueError, match="Unknown activation"):
        ActivationSpec.of("rleu")
    with pytest.raises(ValueError, match="between"):
        ActivationSpec.of("softplus", {"beta": 1e6})
