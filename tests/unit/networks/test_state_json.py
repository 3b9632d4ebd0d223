"""Saved training states: exact round trips, and every kind of tampering refused."""

from __future__ import annotations

import base64
import copy
import json
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from networks.limits import MAX_EPOCHS, MAX_STATE_BYTES
from networks.state_json import StateError, state_from_json, state_to_json
from networks.training import TrainConfig, new_state, train_chunk

CONFIG = TrainConfig(dataset="moons", points=60, depth=2, width=4, optimiser="adam", seed=3)
SOFTPLUS = TrainConfig(activation="softplus", activation_params={"beta": 2.0}, optimiser="sgd")


def _saved(config: TrainConfig = CONFIG, epochs: int = 3) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        json.dumps(state_to_json(train_chunk(new_state(config), epochs)))
    )
    return data


def _b64(values: list[float]) -> str:
    return base64.b64encode(np.array(values, dtype="<f8").tobytes()).decode()


def test_round_trip_is_exact() -> None:
    state = train_chunk(new_state(CONFIG), 4)
    data = state_to_json(state)
    again = state_from_json(json.loads(json.dumps(data)))
    assert state_to_json(again) == data
    assert again.config == state.config
    for a, b in zip(state.network, again.network, strict=True):
        assert np.array_equal(a.weight, b.weight) and np.array_equal(a.bias, b.bias)
    assert np.array_equal(state.grad_norm_history, again.grad_norm_history)


def test_sgd_state_round_trips_with_no_moments() -> None:
    data = _saved(SOFTPLUS)
    assert data["adam_m"] == [] and data["adam_v"] == []
    assert state_from_json(data).config.activation_params == {"beta": 2.0}


def test_state_is_small_enough_for_a_browser_store() -> None:
    data = _saved()
    assert len(json.dumps(data)) < 20_000


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return change


def _with_value(path: str, value: float) -> Callable[[dict[str, Any]], None]:
    """Put ``value`` into the first float of an ARRAY, keeping valid base64."""

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path.split("."):
            target = target[int(key) if key.isdigit() else key]
        raw = np.frombuffer(base64.b64decode(target["data"]), dtype="<f8").copy()
        raw[0] = value
        target["data"] = base64.b64encode(raw.tobytes()).decode()

    return change


class _Document:
    """Returned by a change that replaces the whole document."""

    def __init__(self, value: object) -> None:
        self.value = value


def _replace_document(value: object) -> Callable[[dict[str, Any]], object]:
    def change(_data: dict[str, Any]) -> object:
        return _Document(value)

    return change


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


# Each entry: (what is tampered, change to a saved state, words the message must hold).
TAMPERING: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    ("wrong version", _set("version", 2), "version"),
    ("version as text", _set("version", "1"), "version"),
    ("version as bool", _set("version", True), "version"),
    ("version as float", _set("version", 1.0), "version"),
    ("missing top key", _delete("epoch"), "missing key"),
    ("extra top key", _set("note", "hi"), "unknown key"),
    ("extra config key", _set("config.lr", 0.1), "unknown key"),
    ("missing config key", _delete("config.seed"), "missing key"),
    ("unknown activation", _set("config.activation", "rleu"), "unknown activation"),
    ("activation not a string", _set("config.activation", 3), "must be a string"),
    ("activation param unknown", _set("config.activation_params", {"beta": 1.0}), "unknown"),
    ("depth out of range", _set("config.depth", 7), "depth"),
    ("width out of range", _set("config.width", 1000), "width"),
    ("points out of range", _set("config.points", 10**9), "points"),
    ("learning rate out of range", _set("config.learning_rate", 5.0), "learning_rate"),
    ("learning rate NaN", _set("config.learning_rate", math.nan), "finite"),
    ("noise infinite", _set("config.noise", math.inf), "finite"),
    ("points as text", _set("config.points", "60"), "integer"),
    ("points as float", _set("config.points", 60.0), "integer"),
    ("seed as bool", _set("config.seed", True), "integer"),
    ("unknown dataset", _set("config.dataset", "swiss"), "dataset"),
    ("unknown init", _set("config.init", "glorot"), "init"),
    ("unknown optimiser", _set("config.optimiser", "rmsprop"), "optimiser"),
    ("batch size too small", _set("config.batch_size", 1), "batch_size"),
    ("negative epoch", _set("epoch", -1), "epoch"),
    ("epoch past the cap", _set("epoch", MAX_EPOCHS + 1), "epoch"),
    ("epoch disagrees with history", _set("epoch", 5), "shape"),
    ("diverged not bool", _set("diverged", 0), "diverged"),
    ("too few layers", _delete("network.2"), "layers"),
    ("network not a list", _set("network", {}), "must be a list"),
    ("extra layer key", _set("network.0.scale", 1), "unknown key"),
    ("shape mismatch", _set("network.0.weight.shape", [2, 5]), "shape"),
    ("shape not integers", _set("network.0.weight.shape", [2.0, 4.0]), "shape"),
    ("config changed under weights", _set("config.width", 5), "shape"),
    ("wrong dtype", _set("network.0.weight.dtype", "f4"), "dtype"),
    ("extra array key", _set("network.0.bias.order", "C"), "unknown key"),
    ("data not text", _set("network.0.bias.data", [1.0, 2.0]), "string"),
    ("bad base64", _set("network.0.bias.data", "!" * 44), "base64"),
    ("base64 too short", _set("network.0.bias.data", _b64([1.0, 2.0])), "base64 characters"),
    ("base64 with padding inside", _set("network.0.bias.data", "AAAA=AAA" + "A" * 36), "base64"),
    ("NaN in weights", _with_value("network.1.weight", math.nan), "NaN"),
    ("infinity in bias", _with_value("network.0.bias", -math.inf), "NaN or infinity"),
    ("weight too large", _with_value("network.2.weight", 1e7), "exceeds"),
    ("negative second moment", _with_value("adam_v.0.weight", -1.0), "negative"),
    ("moments missing for adam", _set("adam_m", []), "layers"),
    ("accuracy above one", _with_value("history.accuracy", 1.5), "between 0 and 1"),
    ("negative loss", _with_value("history.loss", -0.1), "negative"),
    ("oversized history", _set("history.loss.shape", [MAX_EPOCHS + 1]), "shape"),
    ("huge data string", _set("network.0.bias.data", "A" * (MAX_STATE_BYTES + 1)), "larger"),
    ("too many values", _set("history.extra", list(range(20_000))), "values"),
    ("deep nesting", _set("config.activation_params", _nested(50)), "nested"),
    ("non-JSON value", _set("config.noise", object()), "not a JSON value"),
    ("tuple instead of list", _set("network.0.weight.shape", (2, 4)), "not a JSON value"),
    ("non-string key", _set("config.activation_params", {1: 2.0}), "keys must be strings"),
    ("document is a list", _replace_document([]), "must be an object"),
    ("document is null", _replace_document(None), "must be an object"),
]


@pytest.mark.parametrize(
    ("change", "words"),
    [pytest.param(change, words, id=name) for name, change, words in TAMPERING],
)
def test_tampered_state_is_refused(change: Callable[[dict[str, Any]], object], words: str) -> None:
    data = _saved()
    replaced = change(data)
    document = replaced.value if isinstance(replaced, _Document) else data
    with pytest.raises(StateError, match=words) as caught:
        state_from_json(document)
    assert str(caught.value).startswith("saved training state: ")


def test_softplus_parameter_out_of_range_is_refused() -> None:
    data = _saved(SOFTPLUS)
    data["config"]["activation_params"]["beta"] = 1e6
    with pytest.raises(StateError, match="beta"):
        state_from_json(data)
    data["config"]["activation_params"] = {}
    with pytest.raises(StateError, match="missing key"):
        state_from_json(data)


def test_sgd_state_carrying_moments_is_refused() -> None:
    data = _saved(SOFTPLUS)
    data["adam_m"] = copy.deepcopy(data["network"])
    with pytest.raises(StateError, match="adam_m"):
        state_from_json(data)


def test_at_least_fifteen_kinds_of_tampering_are_covered() -> None:
    assert len({words for _, _, words in TAMPERING}) >= 15


def test_state_error_is_a_value_error() -> None:
    assert issubclass(StateError, ValueError)
