"""Every bound the network labs accept, in one place.

The app validates what a visitor sends against these constants; the
functions in :mod:`networks` assume their inputs are already inside them.
The one exception is a saved training state, which comes back from the
browser and is checked against the same constants on every load
(:func:`networks.state_from_json`).

Chunk sizes: a training chunk (:func:`networks.train_chunk`) must finish in
:data:`CHUNK_SECONDS` of CPU at the largest settings (depth 6, width 32,
400 points, the smallest minibatch). How many epochs that allows depends
mostly on the activation: GELU's exact form evaluates ``erf`` point by
point and costs about 100 ReLUs. :func:`max_chunk_epochs` reads the fixed
table below, measured by ``bench/train_chunk.py`` at about half the budget,
so whether a request is accepted never depends on the machine's load.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BATCH_SIZE",
    "BIAS_SIGMA",
    "BOUND_DEPTH",
    "CHUNK_SECONDS",
    "DATASETS",
    "DECISION_GRID",
    "EPOCHS_PER_CHUNK",
    "GRADIENT_DEPTH",
    "GRADIENT_WIDTH",
    "INITS",
    "INTERVAL",
    "LEARNING_RATE",
    "MAX_ABS_PARAMETER",
    "MAX_EPOCHS",
    "MAX_REGIONS",
    "MAX_STATE_BYTES",
    "NOISE",
    "NONLINEARITY_DEPTH",
    "NONLINEARITY_WIDTH",
    "OPTIMISERS",
    "POINTS",
    "SEED",
    "SIGMA",
    "SOFTPLUS_BETA",
    "STATE_VERSION",
    "TRAIN_DEPTH",
    "TRAIN_WIDTH",
    "FloatRange",
    "IntRange",
    "max_chunk_epochs",
]


@dataclass(frozen=True)
class IntRange:
    """The integers ``low <= n <= high``."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        return self.low <= value <= self.high


@dataclass(frozen=True)
class FloatRange:
    """The real numbers ``low <= x <= high`` (ints count; bools and NaN do not)."""

    low: float
    high: float

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        return self.low <= value <= self.high  # False for NaN


# --- gradient lab --------------------------------------------------------------

#: Layers in the bound :math:`(\max |f'|)^L`.
BOUND_DEPTH = IntRange(1, 50)
#: Hidden layers and units per layer of the network whose gradients are measured.
GRADIENT_DEPTH = IntRange(1, 30)
GRADIENT_WIDTH = IntRange(4, 64)

# --- weights ---------------------------------------------------------------------

#: "xavier": N(0, 2 / (fan_in + fan_out)); "he": N(0, 2 / fan_in); "normal": N(0, σ²).
INITS = ("xavier", "he", "normal")
#: σ of the "normal" initialisation.
SIGMA = FloatRange(0.01, 5.0)
SEED = IntRange(0, 2**32 - 1)

# --- training lab ----------------------------------------------------------------

DATASETS = ("xor", "circles", "moons", "spiral")
POINTS = IntRange(20, 400)
#: Standard deviation of the Gaussian noise added to each coordinate.
NOISE = FloatRange(0.0, 0.5)
TRAIN_DEPTH = IntRange(1, 6)
TRAIN_WIDTH = IntRange(2, 32)
OPTIMISERS = ("sgd", "adam")
LEARNING_RATE = FloatRange(1e-4, 1.0)
#: Points per minibatch; ``None`` in a config means full batch (the default).
BATCH_SIZE = IntRange(32, 400)
#: A run whose weights or biases leave [-MAX_ABS_PARAMETER, MAX_ABS_PARAMETER]
#: has diverged (training stops; a saved state beyond it is refused). Within
#: it no forward pass of an allowed network can overflow.
MAX_ABS_PARAMETER = 1e6
#: Epochs one training run may reach; the histories hold one entry per epoch.
MAX_EPOCHS = 2000
#: Epochs one chunk may run; :func:`max_chunk_epochs` gives the bound per activation.
EPOCHS_PER_CHUNK = IntRange(1, 100)
#: CPU time one chunk may take at the largest settings.
CHUNK_SECONDS = 0.2
#: The decision boundary is sampled on this many points per axis.
DECISION_GRID = 60
#: Softplus sharpness β offered by the kink lab (the catalogue's own range).
SOFTPLUS_BETA = FloatRange(0.01, 100.0)

# --- saved training state ----------------------------------------------------------

STATE_VERSION = 1
#: A saved state larger than this (as JSON text, estimated) is refused.
MAX_STATE_BYTES = 2_000_000

# --- nonlinearity lab ----------------------------------------------------------------

NONLINEARITY_DEPTH = IntRange(1, 20)
NONLINEARITY_WIDTH = IntRange(1, 64)
#: Standard deviation of the random biases (without them every ReLU kink sits at x = 0).
BIAS_SIGMA = FloatRange(0.0, 2.0)
#: The input interval the 1-D network is drawn and its pieces counted on.
INTERVAL = FloatRange(-10.0, 10.0)
#: The exact piece count gives up beyond this many activation-pattern regions
#: (ReLU nets at the largest settings have about 2,000; hard tanh with large
#: weights can have exponentially many). Giving up takes about 0.3 s.
MAX_REGIONS = 20_000

# --- chunk sizes ------------------------------------------------------------------

# Epochs per chunk at the largest settings, (full batch, minibatch of
# BATCH_SIZE.low), from `bench/train_chunk.py --calibrate` (half the budget at
# the median epoch time; the smallest of three runs on a 2-CPU x86_64
# machine, Python 3.12, NumPy 2.5). An activation missing here gets the
# smallest entries.
_CHUNK_EPOCHS: dict[str, tuple[int, int]] = {
    "step": (80, 20),
    "identity": (100, 20),
    "sigmoid": (60, 12),
    "tanh": (60, 15),
    "relu": (60, 12),
    "leaky_relu": (80, 15),
    "relu6": (80, 15),
    "elu": (60, 15),
    "selu": (60, 15),
    "celu": (60, 15),
    "softplus": (60, 15),
    "softsign": (80, 20),
    "gelu": (6, 3),
    "gelu_tanh": (30, 10),
    "silu": (40, 10),
    "mish": (25, 8),
    "hard_sigmoid": (80, 15),
    "hard_sigmoid_keras2": (80, 15),
    "hard_swish": (60, 15),
    "hard_tanh": (80, 15),
    "log_sigmoid": (60, 15),
    "squareplus": (25, 8),
    "tanhshrink": (50, 12),
    "softshrink": (80, 15),
    "hardshrink": (80, 15),
}


def max_chunk_epochs(activation: str, minibatch: bool) -> int:
    """The most epochs one :func:`networks.train_chunk` call may run for this activation."""
    full, mini = _CHUNK_EPOCHS.get(
        activation,
        (
            min((e[0] for e in _CHUNK_EPOCHS.values()), default=EPOCHS_PER_CHUNK.low),
            min((e[1] for e in _CHUNK_EPOCHS.values()), default=EPOCHS_PER_CHUNK.low),
        ),
    )
    return max(EPOCHS_PER_CHUNK.low, min(EPOCHS_PER_CHUNK.high, mini if minibatch else full))
