"""Training in chunks: learning XOR, reproducibility across JSON round trips, limits."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from networks.limits import MAX_ABS_PARAMETER, MAX_EPOCHS, max_chunk_epochs
from networks.state_json import state_from_json, state_to_json
from networks.training import (
    TrainConfig,
    TrainState,
    chunk_epoch_limit,
    dataset_for,
    dead_unit_fractions,
    decision_grid,
    evaluate,
    new_state,
    steps_per_epoch,
    train_chunk,
    validate_config,
)

XOR = TrainConfig(
    dataset="xor",
    points=200,
    noise=0.1,
    activation="relu",
    depth=2,
    width=16,
    init="he",
    optimiser="adam",
    learning_rate=0.02,
    seed=0,
)


def _round_trip(state: TrainState) -> TrainState:
    return state_from_json(json.loads(json.dumps(state_to_json(state))))


def _same(a: TrainState, b: TrainState) -> bool:
    return json.dumps(state_to_json(a)) == json.dumps(state_to_json(b))


def test_relu_with_adam_learns_xor_in_a_few_chunks() -> None:
    state = new_state(XOR)
    for _ in range(4):
        state = train_chunk(state, chunk_epoch_limit(XOR))
    assert state.epoch == 4 * chunk_epoch_limit(XOR)
    assert evaluate(state).accuracy > 0.9
    assert state.accuracy_history[-1] > 0.9
    assert state.loss_history[-1] < 0.5 * state.loss_history[0]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"optimiser": "sgd", "learning_rate": 0.5},
        {"batch_size": 32},
        {"batch_size": 50, "optimiser": "sgd", "learning_rate": 0.1},
        {"activation": "softplus", "activation_params": {"beta": 2.0}, "dataset": "moons"},
        {"activation": "tanh", "init": "normal", "sigma": 0.7, "dataset": "spiral", "depth": 4},
    ],
)
def test_ten_epochs_equal_five_and_five_through_json(changes: dict[str, object]) -> None:
    config = dataclasses.replace(XOR, **changes)  # type: ignore[arg-type]
    whole = train_chunk(new_state(config), 10)
    half = train_chunk(_round_trip(new_state(config)), 5)
    halves = train_chunk(_round_trip(half), 5)
    assert whole.epoch == halves.epoch == 10
    assert _same(whole, halves)
    for a, b in zip(whole.network, halves.network, strict=True):
        assert np.array_equal(a.weight, b.weight) and np.array_equal(a.bias, b.bias)


def test_histories_have_one_entry_per_epoch() -> None:
    state = train_chunk(new_state(dataclasses.replace(XOR, depth=3)), 7)
    assert state.loss_history.shape == (7,)
    assert state.accuracy_history.shape == (7,)
    assert state.grad_norm_history.shape == (7, 4)
    assert np.all(state.grad_norm_history > 0)


def test_a_chunk_leaves_its_input_alone() -> None:
    before = new_state(XOR)
    saved = json.dumps(state_to_json(before))
    after = train_chunk(before, 3)
    assert json.dumps(state_to_json(before)) == saved
    assert before.epoch == 0 and after.epoch == 3
    assert not after.network[0].weight.flags.writeable


def test_chunk_size_is_bounded() -> None:
    limit = chunk_epoch_limit(XOR)
    assert limit == max_chunk_epochs("relu", minibatch=False)
    for bad in (0, -1, limit + 1, 2.0, True):
        with pytest.raises(ValueError, match="epochs must be"):
            train_chunk(new_state(XOR), bad)  # type: ignore[arg-type]
    assert max_chunk_epochs("gelu", False) < max_chunk_epochs("relu", False)
    assert max_chunk_epochs("relu", True) < max_chunk_epochs("relu", False)


def test_training_stops_at_max_epochs() -> None:
    state = dataclasses.replace(
        new_state(XOR),
        epoch=MAX_EPOCHS - 2,
        loss_history=np.zeros(MAX_EPOCHS - 2),
        accuracy_history=np.zeros(MAX_EPOCHS - 2),
        grad_norm_history=np.zeros((MAX_EPOCHS - 2, 3)),
    )
    state = train_chunk(state, 5)
    assert state.epoch == MAX_EPOCHS
    assert train_chunk(state, 5) is state


def test_a_run_that_blows_up_stops_as_diverged_and_stays_saveable() -> None:
    config = dataclasses.replace(
        XOR, optimiser="sgd", learning_rate=1.0, init="normal", sigma=1.0, depth=4, width=32
    )
    state = train_chunk(new_state(config), chunk_epoch_limit(config))
    # The epochs before the blow-up are kept; the one that blew up is not.
    assert state.diverged and 0 < state.epoch < chunk_epoch_limit(config)
    assert np.all(np.isfinite(state.loss_history))
    assert train_chunk(state, 5) is state
    again = json.loads(json.dumps(state_to_json(state)))
    assert state_from_json(again).diverged
    assert all(np.max(np.abs(layer.weight)) <= MAX_ABS_PARAMETER for layer in state.network)


def test_minibatch_steps() -> None:
    assert steps_per_epoch(XOR) == 1
    assert steps_per_epoch(dataclasses.replace(XOR, batch_size=64)) == 4


def test_decision_grid_spans_the_data() -> None:
    state = train_chunk(new_state(XOR), 5)
    grid = decision_grid(state)
    assert grid.probability.shape == (60, 60)
    assert np.all((grid.probability >= 0) & (grid.probability <= 1))
    data = dataset_for(XOR)
    for axis, ticks in enumerate((grid.xs, grid.ys)):
        assert ticks[0] < float(np.min(data.x[:, axis]))
        assert ticks[-1] > float(np.max(data.x[:, axis]))


def test_dead_units_are_those_never_positive() -> None:
    state = new_state(XOR)
    data = dataset_for(XOR)
    layer = state.network[0]
    # Push unit 0 of layer 1 far negative: it can no longer fire on any point.
    bias = np.array(layer.bias)
    bias[0] = -100.0
    net = (dataclasses.replace(layer, bias=bias), *state.network[1:])
    fractions = dead_unit_fractions(net, data.x, state.config.spec)
    assert fractions[0] == pytest.approx(1 / 16)
    assert evaluate(dataclasses.replace(state, network=net)).dead_fraction >= 1 / 32


def test_configs_out_of_range_are_refused() -> None:
    for changes, field in [
        ({"depth": 7}, "depth"),
        ({"width": 1}, "width"),
        ({"points": 401}, "points"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"dataset": "swiss"}, "dataset"),
        ({"init": "glorot"}, "init"),
        ({"optimiser": "rmsprop"}, "optimiser"),
        ({"batch_size": 8}, "batch_size"),
        ({"sigma": float("nan")}, "sigma"),
        ({"seed": -1}, "seed"),
    ]:
        with pytest.raises(ValueError, match=field):
            validate_config(dataclasses.replace(XOR, **changes))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Unknown activation"):
        new_state(dataclasses.replace(XOR, activation="rleu"))
    assert new_state(dataclasses.replace(XOR, activation="elu")).config.activation_params == {
        "alpha": 1.0
    }
