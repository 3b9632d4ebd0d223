r"""The training lab: an MLP on a toy 2-D data set, trained in bounded, stateless chunks.

:func:`new_state` builds the initial :class:`TrainState` from a
:class:`TrainConfig`; :func:`train_chunk` returns a new state some epochs
later and never changes the one it was given. Everything needed to go on
is in the state (the data set is regenerated from its seed), so a state can
be saved to JSON (:func:`networks.state_to_json`), kept in the browser and
resumed anywhere: 10 epochs in one chunk give exactly the same bits as
5 + 5 through a JSON round trip.

One epoch
---------
1. The loss, accuracy and per-layer gradient norms on the **whole data
   set** at the current weights are recorded in the histories (so the loss
   curve is the true objective, with or without minibatches).
2. The weights are updated:

   * full batch (``batch_size=None``, the default): one step with the
     gradient just computed; with at most 400 points this is cheap, exact
     and gives smooth curves in which activations, not sampling noise,
     make the difference;
   * minibatch: the points are shuffled with ``default_rng([seed, 4, epoch])``
     (a seed and a counter: no generator state to save) and one step is
     taken per batch of ``batch_size`` (the last one may be smaller).

Optimisers (learning rate :math:`\eta`, gradient :math:`g`, step count :math:`t`):

* ``"sgd"``: :math:`\theta \leftarrow \theta - \eta g`;
* ``"adam"`` (Kingma & Ba, 2015) with :math:`\beta_1 = 0.9`,
  :math:`\beta_2 = 0.999`, :math:`\epsilon = 10^{-8}`:
  :math:`m \leftarrow \beta_1 m + (1-\beta_1) g`,
  :math:`v \leftarrow \beta_2 v + (1-\beta_2) g^2`,
  :math:`\theta \leftarrow \theta - \eta\,\hat m / (\sqrt{\hat v} + \epsilon)` with
  :math:`\hat m = m / (1 - \beta_1^t)`, :math:`\hat v = v / (1 - \beta_2^t)`.

Divergence: an epoch whose loss or gradients are not all finite, or whose
update takes a weight or bias beyond ±:data:`~networks.limits.MAX_ABS_PARAMETER`,
is not kept; the state is marked ``diverged`` and later chunks leave it as
it is. So every saved number is finite and no forward pass can overflow.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import numpy as np

from networks.datasets import Dataset, make_dataset
from networks.limits import (
    BATCH_SIZE,
    DATASETS,
    DECISION_GRID,
    INITS,
    LEARNING_RATE,
    MAX_ABS_PARAMETER,
    MAX_EPOCHS,
    NOISE,
    OPTIMISERS,
    POINTS,
    SEED,
    SIGMA,
    TRAIN_DEPTH,
    TRAIN_WIDTH,
    FloatRange,
    IntRange,
    max_chunk_epochs,
)
from networks.mlp import (
    F64,
    ActivationSpec,
    Layer,
    Network,
    bce_loss,
    forward,
    frozen,
    gradient_norms,
    init_network,
    layer_sizes,
    loss_and_gradients,
    predict_logits,
)

__all__ = [
    "ADAM_BETA1",
    "ADAM_BETA2",
    "ADAM_EPSILON",
    "DecisionGrid",
    "Evaluation",
    "TrainConfig",
    "TrainState",
    "accuracy",
    "chunk_epoch_limit",
    "dataset_for",
    "dead_unit_fractions",
    "decision_grid",
    "evaluate",
    "new_state",
    "steps_per_epoch",
    "train_chunk",
    "validate_config",
]

ADAM_BETA1 = 0.9
ADAM_BETA2 = 0.999
ADAM_EPSILON = 1e-8
_BATCH_STREAM = 4


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a training run; ranges in :mod:`networks.limits`.

    ``activation_params`` is completed with the activation's defaults by
    :func:`new_state`. ``sigma`` is used by the ``"normal"`` init only.
    ``batch_size=None`` trains full batch.
    """

    dataset: str = "xor"
    points: int = 200
    noise: float = 0.1
    activation: str = "relu"
    activation_params: Mapping[str, float] = field(default_factory=dict)
    depth: int = 2
    width: int = 16
    init: str = "he"
    sigma: float = 1.0
    optimiser: str = "adam"
    learning_rate: float = 0.01
    batch_size: int | None = None
    seed: int = 0

    @property
    def spec(self) -> ActivationSpec:
        return ActivationSpec.of(self.activation, self.activation_params)

    def sizes(self) -> tuple[int, ...]:
        """Layer sizes: 2 inputs, ``depth`` hidden layers of ``width``, 1 logit."""
        return layer_sizes(2, self.depth, self.width)


@dataclass(frozen=True)
class TrainState:
    """A training run after ``epoch`` epochs.

    ``adam_m`` and ``adam_v`` are Adam's moment estimates, shaped like
    ``network`` (empty tuples for SGD). The histories have one entry per
    epoch done: ``loss_history`` and ``accuracy_history`` shape ``(epoch,)``,
    ``grad_norm_history`` shape ``(epoch, depth + 1)`` (hidden layers first,
    then the output layer), each measured on the whole data set before that
    epoch's update.
    """

    config: TrainConfig
    network: Network
    adam_m: Network
    adam_v: Network
    epoch: int
    loss_history: F64
    accuracy_history: F64
    grad_norm_history: F64
    diverged: bool = False


def _zeros_like(net: Network) -> Network:
    return tuple(
        Layer(frozen(np.zeros_like(layer.weight)), frozen(np.zeros_like(layer.bias)))
        for layer in net
    )


def _problem(config: TrainConfig) -> str | None:
    """What is wrong with ``config`` (None if nothing); the activation is checked by the caller."""
    checks: tuple[tuple[str, object, IntRange | FloatRange | tuple[str, ...]], ...] = (
        ("dataset", config.dataset, DATASETS),
        ("points", config.points, POINTS),
        ("noise", config.noise, NOISE),
        ("depth", config.depth, TRAIN_DEPTH),
        ("width", config.width, TRAIN_WIDTH),
        ("init", config.init, INITS),
        ("sigma", config.sigma, SIGMA),
        ("optimiser", config.optimiser, OPTIMISERS),
        ("learning_rate", config.learning_rate, LEARNING_RATE),
        ("seed", config.seed, SEED),
    )
    for name, value, allowed in checks:
        if isinstance(allowed, tuple):
            if not (isinstance(value, str) and value in allowed):
                return f"{name} must be one of {', '.join(allowed)}, got {value!r}"
        elif value not in allowed:
            if isinstance(allowed, IntRange):
                span = f"an integer from {allowed.low} to {allowed.high}"
            else:
                span = f"a number from {allowed.low:g} to {allowed.high:g}"
            return f"{name} must be {span}, got {value!r}"
    if config.batch_size is not None and config.batch_size not in BATCH_SIZE:
        return (
            f"batch_size must be null (full batch) or an integer from {BATCH_SIZE.low} "
            f"to {BATCH_SIZE.high}, got {config.batch_size!r}"
        )
    return None


def validate_config(config: TrainConfig) -> TrainConfig:
    """``config`` with its activation parameters completed, if every value is in range.

    Raises ``ValueError`` naming the first field out of range (the limits are
    those of :mod:`networks.limits`; the activation and its parameters are
    checked by the catalogue).
    """
    problem = _problem(config)
    if problem is not None:
        raise ValueError(problem)
    if not isinstance(config.activation, str):
        raise ValueError(f"activation must be a name, got {config.activation!r}")
    return replace(config, activation_params=MappingProxyType(config.spec.kwargs))


def new_state(config: TrainConfig) -> TrainState:
    """Epoch 0: weights from :func:`networks.mlp.init_network`, zero moments, empty histories.

    ``config`` is checked by :func:`validate_config` (``ValueError`` if out of range).
    """
    config = validate_config(config)
    net = init_network(config.sizes(), config.init, config.seed, config.sigma)
    moments = _zeros_like(net) if config.optimiser == "adam" else ()
    return TrainState(
        config=config,
        network=net,
        adam_m=moments,
        adam_v=moments,
        epoch=0,
        loss_history=frozen(np.zeros(0)),
        accuracy_history=frozen(np.zeros(0)),
        grad_norm_history=frozen(np.zeros((0, config.depth + 1))),
    )


@functools.lru_cache(maxsize=32)
def _dataset(name: str, points: int, noise: float, seed: int) -> Dataset:
    return make_dataset(name, points, noise, seed)


def dataset_for(config: TrainConfig) -> Dataset:
    """The run's data set, regenerated from its seed (and cached: arrays are read-only)."""
    return _dataset(config.dataset, config.points, config.noise, config.seed)


def steps_per_epoch(config: TrainConfig) -> int:
    """Weight updates per epoch: 1 for full batch, else ``ceil(points / batch_size)``."""
    if config.batch_size is None:
        return 1
    return math.ceil(config.points / config.batch_size)


def chunk_epoch_limit(config: TrainConfig) -> int:
    """The most epochs one :func:`train_chunk` call may run for ``config``."""
    return max_chunk_epochs(config.activation, config.batch_size is not None)


def accuracy(logits: F64, y: F64) -> float:
    """Fraction of points on the right side: predicted 1 where :math:`s > 0`."""
    return float(np.mean((logits > 0.0) == (y == 1.0)))


def _finite(net: Network) -> bool:
    return all(np.isfinite(layer.weight).all() and np.isfinite(layer.bias).all() for layer in net)


def _bounded(net: Network) -> bool:
    """Every parameter finite and within ±MAX_ABS_PARAMETER (NaN fails too)."""
    return all(
        bool(np.all(np.abs(layer.weight) <= MAX_ABS_PARAMETER))
        and bool(np.all(np.abs(layer.bias) <= MAX_ABS_PARAMETER))
        for layer in net
    )


@dataclass(frozen=True)
class _Run:
    """Weights, moments and step count between two updates inside :func:`train_chunk`."""

    network: Network
    adam_m: Network
    adam_v: Network
    steps: int


def _step(run: _Run, grads: Network, config: TrainConfig) -> _Run:
    lr = config.learning_rate
    if config.optimiser == "sgd":
        net = tuple(
            Layer(layer.weight - lr * g.weight, layer.bias - lr * g.bias)
            for layer, g in zip(run.network, grads, strict=True)
        )
        return _Run(net, (), (), run.steps + 1)
    t = run.steps + 1
    c1 = 1.0 - ADAM_BETA1**t
    c2 = 1.0 - ADAM_BETA2**t

    def moments(m: F64, v: F64, g: F64) -> tuple[F64, F64]:
        return ADAM_BETA1 * m + (1.0 - ADAM_BETA1) * g, ADAM_BETA2 * v + (1.0 - ADAM_BETA2) * g * g

    def update(p: F64, m: F64, v: F64) -> F64:
        return p - lr * (m / c1) / (np.sqrt(v / c2) + ADAM_EPSILON)

    new_net, new_m, new_v = [], [], []
    for layer, m, v, g in zip(run.network, run.adam_m, run.adam_v, grads, strict=True):
        mw, vw = moments(m.weight, v.weight, g.weight)
        mb, vb = moments(m.bias, v.bias, g.bias)
        new_m.append(Layer(mw, mb))
        new_v.append(Layer(vw, vb))
        new_net.append(Layer(update(layer.weight, mw, vw), update(layer.bias, mb, vb)))
    return _Run(tuple(new_net), tuple(new_m), tuple(new_v), t)


def _batches(config: TrainConfig, epoch: int) -> list[np.ndarray]:
    order = np.random.default_rng([config.seed, _BATCH_STREAM, epoch]).permutation(config.points)
    size = config.batch_size or config.points
    return [order[i : i + size] for i in range(0, config.points, size)]


def _freeze(net: Network) -> Network:
    return tuple(Layer(frozen(layer.weight), frozen(layer.bias)) for layer in net)


def train_chunk(state: TrainState, epochs: int) -> TrainState:
    """``state`` after up to ``epochs`` more epochs (see the module docstring for one epoch).

    Stops early at :data:`~networks.limits.MAX_EPOCHS` or on divergence; a
    diverged or finished state is returned as it is. ``epochs`` must be
    between 1 and :func:`chunk_epoch_limit` (``ValueError`` otherwise), which
    keeps one call within :data:`~networks.limits.CHUNK_SECONDS`.
    """
    config = state.config
    limit = chunk_epoch_limit(config)
    if isinstance(epochs, bool) or not isinstance(epochs, int) or not 1 <= epochs <= limit:
        raise ValueError(f"epochs must be an integer from 1 to {limit}, got {epochs!r}")
    todo = min(epochs, MAX_EPOCHS - state.epoch)
    if state.diverged or todo <= 0:
        return state
    data = dataset_for(config)
    spec = config.spec
    per_epoch = steps_per_epoch(config)
    run = _Run(state.network, state.adam_m, state.adam_v, state.epoch * per_epoch)
    losses: list[float] = []
    accuracies: list[float] = []
    norms: list[F64] = []
    diverged = False
    with np.errstate(all="ignore"):  # overflow is detected below, not warned about
        for epoch in range(state.epoch, state.epoch + todo):
            loss, grads, trace = loss_and_gradients(run.network, data.x, data.y, spec)
            if not (math.isfinite(loss) and _finite(grads)):
                diverged = True
                break
            if config.batch_size is None:
                after = _step(run, grads, config)
            else:
                after = run
                for batch in _batches(config, epoch):
                    _, batch_grads, _ = loss_and_gradients(
                        after.network, data.x[batch], data.y[batch], spec
                    )
                    after = _step(after, batch_grads, config)
            if not (_bounded(after.network) and _finite(after.adam_m) and _finite(after.adam_v)):
                diverged = True
                break
            losses.append(loss)
            accuracies.append(accuracy(trace.logits, data.y))
            norms.append(gradient_norms(grads))
            run = after
    done = len(losses)
    return replace(
        state,
        network=_freeze(run.network),
        adam_m=_freeze(run.adam_m),
        adam_v=_freeze(run.adam_v),
        epoch=state.epoch + done,
        loss_history=frozen(np.concatenate([state.loss_history, losses])),
        accuracy_history=frozen(np.concatenate([state.accuracy_history, accuracies])),
        grad_norm_history=frozen(
            np.concatenate([state.grad_norm_history, np.reshape(norms, (done, config.depth + 1))])
        ),
        diverged=diverged,
    )


def dead_unit_fractions(net: Network, x: F64, spec: ActivationSpec) -> F64:
    r"""Per hidden layer, the fraction of units with :math:`z \le 0` at every point of ``x``.

    Such a ReLU unit outputs 0 and passes no gradient (:math:`f'(z) = 0`)
    for all the data: it is *dead* and gradient descent cannot revive it.
    The same count is reported for any activation (for softplus it says
    which units would be dead if the kink were sharp).
    """
    trace = forward(net, x, spec, slopes=False)
    return np.array([float(np.mean(np.all(z <= 0.0, axis=0))) for z in trace.pre])


@dataclass(frozen=True)
class Evaluation:
    """The current weights on the whole data set.

    ``dead_fraction`` is over all hidden units; ``dead_per_layer`` per layer
    (see :func:`dead_unit_fractions`).
    """

    loss: float
    accuracy: float
    dead_fraction: float
    dead_per_layer: F64


def evaluate(state: TrainState) -> Evaluation:
    """Loss, accuracy and dead units of ``state``'s current weights."""
    config = state.config
    data = dataset_for(config)
    spec = config.spec
    logits = predict_logits(state.network, data.x, spec)
    dead = dead_unit_fractions(state.network, data.x, spec)
    return Evaluation(
        loss=bce_loss(logits, data.y),
        accuracy=accuracy(logits, data.y),
        dead_fraction=float(np.mean(dead)),
        dead_per_layer=frozen(dead),
    )


@dataclass(frozen=True)
class DecisionGrid:
    """:math:`P(y = 1) = \\sigma(s)` at ``xs[j], ys[i]`` in ``probability[i, j]``."""

    xs: F64
    ys: F64
    probability: F64


def decision_grid(
    state: TrainState, points: int = DECISION_GRID, margin: float = 0.1
) -> DecisionGrid:
    """The network's probability on a ``points`` × ``points`` grid over the data.

    The grid spans the data's bounding box widened by ``margin`` of its size
    on every side.
    """
    config = state.config
    data = dataset_for(config)
    lo = data.x.min(axis=0)
    hi = data.x.max(axis=0)
    pad = margin * (hi - lo)
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], points)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], points)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1)
    logits = predict_logits(state.network, grid, config.spec)
    probability = ActivationSpec.of("sigmoid").value(logits).reshape(points, points)
    return DecisionGrid(frozen(xs), frozen(ys), frozen(probability))
