"""A training state as a JSON-safe dict, and back, checked on every load.

The browser keeps the state between chunks, so what comes back is
untrusted. :func:`state_from_json` accepts exactly what
:func:`state_to_json` writes and raises :class:`StateError` (a
``ValueError``) with a message naming the offending field for anything
else: another version, an unknown or missing key, a wrong type, a value out
of the ranges in :mod:`networks.limits`, an array whose shape does not
follow from the config, broken base64, a non-finite number, a weight or
bias beyond ±:data:`~networks.limits.MAX_ABS_PARAMETER`, or a document over
:data:`~networks.limits.MAX_STATE_BYTES`.

Layout (version 1)::

    {"version": 1,
     "config": {"dataset": "xor", "points": 200, "noise": 0.1,
                "activation": "relu", "activation_params": {},
                "depth": 2, "width": 16, "init": "he", "sigma": 1.0,
                "optimiser": "adam", "learning_rate": 0.01,
                "batch_size": null, "seed": 0},
     "epoch": 10, "diverged": false,
     "network": [{"weight": ARRAY, "bias": ARRAY}, ...],   # depth + 1 layers
     "adam_m": [...], "adam_v": [...],                      # [] for SGD
     "history": {"loss": ARRAY, "accuracy": ARRAY, "grad_norms": ARRAY}}

where ``ARRAY`` is ``{"dtype": "f8", "shape": [...], "data": BASE64}``, the
array's little-endian float64 bytes in C order: exact, so a run resumed
from JSON continues bit for bit.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from typing import Any

import numpy as np

import activations
from networks.limits import MAX_ABS_PARAMETER, MAX_EPOCHS, MAX_STATE_BYTES, STATE_VERSION
from networks.mlp import F64, Layer, Network, frozen
from networks.training import TrainConfig, TrainState, validate_config

__all__ = ["StateError", "state_from_json", "state_to_json"]

_DTYPE = "f8"
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
# Bounds on the walk that estimates a document's size before anything else
# is looked at: nesting (the real layout is 5 deep) and values visited.
_MAX_NESTING = 8
_MAX_NODES = 10_000

_TOP_KEYS = frozenset(
    {"version", "config", "epoch", "diverged", "network", "adam_m", "adam_v", "history"}
)
_CONFIG_KEYS = frozenset(
    {
        "dataset",
        "points",
        "noise",
        "activation",
        "activation_params",
        "depth",
        "width",
        "init",
        "sigma",
        "optimiser",
        "learning_rate",
        "batch_size",
        "seed",
    }
)
_ARRAY_KEYS = frozenset({"dtype", "shape", "data"})
_LAYER_KEYS = frozenset({"weight", "bias"})
_HISTORY_KEYS = frozenset({"loss", "accuracy", "grad_norms"})


class StateError(ValueError):
    """A saved training state that is malformed, out of range or tampered with."""


# --- writing ----------------------------------------------------------------------


def _array_to_json(array: F64) -> dict[str, Any]:
    data = np.ascontiguousarray(array, dtype="<f8").tobytes()
    return {
        "dtype": _DTYPE,
        "shape": list(array.shape),
        "data": base64.b64encode(data).decode("ascii"),
    }


def _network_to_json(net: Network) -> list[dict[str, Any]]:
    return [
        {"weight": _array_to_json(layer.weight), "bias": _array_to_json(layer.bias)}
        for layer in net
    ]


def state_to_json(state: TrainState) -> dict[str, Any]:
    """``state`` as a dict of str, int, float, bool, None, lists and dicts (layout above)."""
    c = state.config
    return {
        "version": STATE_VERSION,
        "config": {
            "dataset": c.dataset,
            "points": c.points,
            "noise": float(c.noise),
            "activation": c.activation,
            "activation_params": {k: float(v) for k, v in c.activation_params.items()},
            "depth": c.depth,
            "width": c.width,
            "init": c.init,
            "sigma": float(c.sigma),
            "optimiser": c.optimiser,
            "learning_rate": float(c.learning_rate),
            "batch_size": c.batch_size,
            "seed": c.seed,
        },
        "epoch": state.epoch,
        "diverged": state.diverged,
        "network": _network_to_json(state.network),
        "adam_m": _network_to_json(state.adam_m),
        "adam_v": _network_to_json(state.adam_v),
        "history": {
            "loss": _array_to_json(state.loss_history),
            "accuracy": _array_to_json(state.accuracy_history),
            "grad_norms": _array_to_json(state.grad_norm_history),
        },
    }


# --- reading ----------------------------------------------------------------------


def _fail(where: str, problem: str) -> StateError:
    return StateError(f"saved training state: {where}: {problem}")


def _check_size(data: object) -> None:
    """Refuse non-JSON values, deep nesting and documents over MAX_STATE_BYTES.

    Estimates the length of the JSON text without building it, stopping as
    soon as a bound is passed, so a hostile document costs little.
    """
    total = 0
    nodes = 0
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if depth > _MAX_NESTING:
            raise _fail("document", f"nested more than {_MAX_NESTING} deep")
        if value is None or isinstance(value, bool):
            total += 5
        elif isinstance(value, int):
            total += 2 + value.bit_length() // 3
        elif isinstance(value, float):
            total += 24
        elif isinstance(value, str):
            total += 2 + len(value)
        elif isinstance(value, list):
            total += 2 + len(value)
            _check_bounds(total, nodes + len(stack) + len(value))
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, dict):
            total += 2 + 4 * len(value)
            _check_bounds(total, nodes + len(stack) + len(value))
            for key, item in value.items():
                if not isinstance(key, str):
                    raise _fail("document", f"keys must be strings, got {type(key).__name__}")
                total += len(key)
                stack.append((item, depth + 1))
        else:
            raise _fail("document", f"not a JSON value: {type(value).__name__}")
        _check_bounds(total, nodes)


def _check_bounds(size: int, nodes: int) -> None:
    if size > MAX_STATE_BYTES:
        raise _fail("document", f"larger than {MAX_STATE_BYTES} bytes")
    if nodes > _MAX_NODES:
        raise _fail("document", f"more than {_MAX_NODES} values")


def _short(value: object) -> str:
    """``repr(value)``, cut to 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _object(value: object, keys: frozenset[str], where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, f"must be an object, got {type(value).__name__}")
    missing = sorted(keys - value.keys())
    extra = sorted(k for k in value if k not in keys)
    if missing:
        raise _fail(where, f"missing key(s) {', '.join(missing)}")
    if extra:
        shown = ", ".join(repr(k[:40]) for k in extra[:5])
        raise _fail(where, f"unknown key(s) {shown}")
    return value


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, f"must be an integer, got {type(value).__name__}")
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, f"must be a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise _fail(where, "must be finite")
    return float(value)


def _str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(where, f"must be a string, got {type(value).__name__}")
    return value


def _array(value: object, shape: tuple[int, ...], where: str) -> F64:
    """Decode one ARRAY, checking dtype, shape and base64 before decoding."""
    obj = _object(value, _ARRAY_KEYS, where)
    if obj["dtype"] != _DTYPE:
        raise _fail(f"{where}.dtype", f"must be {_DTYPE!r}, got {_short(obj['dtype'])}")
    raw_shape = obj["shape"]
    if not isinstance(raw_shape, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in raw_shape
    ):
        raise _fail(f"{where}.shape", "must be a list of integers")
    if tuple(raw_shape) != shape:
        raise _fail(f"{where}.shape", f"must be {list(shape)}, got {_short(raw_shape)}")
    text = _str(obj["data"], f"{where}.data")
    count = math.prod(shape)
    expected = 4 * math.ceil(8 * count / 3)
    if len(text) != expected:
        raise _fail(f"{where}.data", f"must be {expected} base64 characters, got {len(text)}")
    if _BASE64.fullmatch(text) is None:
        raise _fail(f"{where}.data", "is not base64")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise _fail(f"{where}.data", "is not valid base64") from None
    if len(raw) != 8 * count:
        raise _fail(f"{where}.data", f"must decode to {8 * count} bytes, got {len(raw)}")
    array = np.frombuffer(raw, dtype="<f8").astype(np.float64).reshape(shape)
    if not np.isfinite(array).all():
        raise _fail(f"{where}.data", "holds NaN or infinity")
    return frozen(array)


def _config(value: object) -> TrainConfig:
    obj = _object(value, _CONFIG_KEYS, "config")
    name = _str(obj["activation"], "config.activation")
    try:
        act = activations.get(name)
    except ValueError:
        raise _fail("config.activation", f"unknown activation {name[:40]!r}") from None
    params = _object(
        obj["activation_params"], frozenset(p.name for p in act.params), "config.activation_params"
    )
    batch = obj["batch_size"]
    config = TrainConfig(
        dataset=_str(obj["dataset"], "config.dataset"),
        points=_int(obj["points"], "config.points"),
        noise=_number(obj["noise"], "config.noise"),
        activation=name,
        activation_params={
            k: _number(v, f"config.activation_params.{k}") for k, v in params.items()
        },
        depth=_int(obj["depth"], "config.depth"),
        width=_int(obj["width"], "config.width"),
        init=_str(obj["init"], "config.init"),
        sigma=_number(obj["sigma"], "config.sigma"),
        optimiser=_str(obj["optimiser"], "config.optimiser"),
        learning_rate=_number(obj["learning_rate"], "config.learning_rate"),
        batch_size=None if batch is None else _int(batch, "config.batch_size"),
        seed=_int(obj["seed"], "config.seed"),
    )
    try:
        return validate_config(config)
    except ValueError as error:
        raise _fail("config", str(error)) from None


def _network(value: object, sizes: tuple[int, ...], where: str) -> Network:
    if not isinstance(value, list):
        raise _fail(where, f"must be a list, got {type(value).__name__}")
    if len(value) != len(sizes) - 1:
        raise _fail(where, f"must have {len(sizes) - 1} layers, got {len(value)}")
    layers = []
    for i, (item, fan_in, fan_out) in enumerate(zip(value, sizes[:-1], sizes[1:], strict=False)):
        obj = _object(item, _LAYER_KEYS, f"{where}[{i}]")
        weight = _array(obj["weight"], (fan_in, fan_out), f"{where}[{i}].weight")
        bias = _array(obj["bias"], (fan_out,), f"{where}[{i}].bias")
        layers.append(Layer(weight, bias))
    return tuple(layers)


def _check_bounded(net: Network, where: str) -> None:
    for i, layer in enumerate(net):
        if max(float(np.max(np.abs(layer.weight))), float(np.max(np.abs(layer.bias)))) > (
            MAX_ABS_PARAMETER
        ):
            raise _fail(f"{where}[{i}]", f"a parameter exceeds ±{MAX_ABS_PARAMETER:g}")


def state_from_json(data: object) -> TrainState:
    """The :class:`~networks.training.TrainState` that :func:`state_to_json` wrote.

    Everything is checked (see the module docstring); any problem raises
    :class:`StateError` naming the field.
    """
    _check_size(data)
    top = _object(data, _TOP_KEYS, "document")
    version = top["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version != STATE_VERSION:
        raise _fail("version", f"must be {STATE_VERSION}, got {_short(version)}")
    config = _config(top["config"])
    epoch = _int(top["epoch"], "epoch")
    if not 0 <= epoch <= MAX_EPOCHS:
        raise _fail("epoch", f"must be from 0 to {MAX_EPOCHS}, got {epoch}")
    diverged = top["diverged"]
    if not isinstance(diverged, bool):
        raise _fail("diverged", f"must be true or false, got {type(diverged).__name__}")
    sizes = config.sizes()
    network = _network(top["network"], sizes, "network")
    _check_bounded(network, "network")
    if config.optimiser == "adam":
        adam_m = _network(top["adam_m"], sizes, "adam_m")
        adam_v = _network(top["adam_v"], sizes, "adam_v")
        if any((layer.weight < 0).any() or (layer.bias < 0).any() for layer in adam_v):
            raise _fail("adam_v", "second moments cannot be negative")
    else:
        adam_m = _network(top["adam_m"], (0,), "adam_m")
        adam_v = _network(top["adam_v"], (0,), "adam_v")
    history = _object(top["history"], _HISTORY_KEYS, "history")
    loss = _array(history["loss"], (epoch,), "history.loss")
    accuracy = _array(history["accuracy"], (epoch,), "history.accuracy")
    norms = _array(history["grad_norms"], (epoch, config.depth + 1), "history.grad_norms")
    if (loss < 0).any():
        raise _fail("history.loss", "a cross-entropy cannot be negative")
    if ((accuracy < 0) | (accuracy > 1)).any():
        raise _fail("history.accuracy", "must lie between 0 and 1")
    if (norms < 0).any():
        raise _fail("history.grad_norms", "a norm cannot be negative")
    return TrainState(
        config=config,
        network=network,
        adam_m=adam_m,
        adam_v=adam_v,
        epoch=epoch,
        loss_history=loss,
        accuracy_history=accuracy,
        grad_norm_history=norms,
        diverged=diverged,
    )
