"""The kink lab: softplus is within ln 2 / β of ReLU; three nets that differ only in f."""

from __future__ import annotations

import math

import numpy as np
import pytest

from networks.kinks import (
    KINK_ACTIVATIONS,
    kink_lab_states,
    measured_sup_distance,
    sup_distance_softplus_relu,
)
from networks.training import TrainConfig, evaluate, train_chunk


@pytest.mark.parametrize("beta", [0.01, 0.5, 1.0, 3.0, 20.0, 100.0])
def test_softplus_is_within_ln2_over_beta_of_relu(beta: float) -> None:
    expected = sup_distance_softplus_relu(beta)
    assert expected == pytest.approx(math.log(2.0) / beta, rel=1e-15)
    gap, where = measured_sup_distance(beta)
    assert gap == pytest.approx(expected, rel=1e-12)
    assert abs(where) < 1e-9


def test_beta_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="beta"):
        measured_sup_distance(1000.0)


def test_the_three_nets_differ_only_in_the_activation() -> None:
    config = TrainConfig(dataset="circles", points=100, depth=2, width=8, init="he", seed=5)
    states = kink_lab_states(config, beta=4.0)
    assert tuple(states) == KINK_ACTIVATIONS
    assert states["softplus"].config.activation_params == {"beta": 4.0}
    first = states["relu"].network
    for state in states.values():
        assert state.config.seed == 5 and state.config.dataset == "circles"
        for a, b in zip(first, state.network, strict=True):
            assert np.array_equal(a.weight, b.weight)
    trained = {name: train_chunk(state, 20) for name, state in states.items()}
    for state in trained.values():
        assert state.loss_history[-1] < state.loss_history[0]
        assert 0.0 <= evaluate(state).dead_fraction <= 1.0
