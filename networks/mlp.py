r"""A fully connected network in NumPy: initialisation, forward pass, backprop.

Conventions (row-major, one data point per row):

.. math::
    a_0 = X, \qquad z_l = a_{l-1} W_l + b_l, \qquad a_l = f(z_l)
    \quad (l = 1 \dots L), \qquad s = a_L W_{L+1} + b_{L+1}

``W_l`` has shape ``(fan_in, fan_out)``; the last layer is linear and gives
one logit ``s`` per point (or one output of a 1-D regression network). The
activation ``f`` and its derivative ``f'`` come from the catalogue
(:func:`activations.get`), the same functions the plots draw.

The loss is the mean binary cross-entropy of a sigmoid output, computed
from the logits with :math:`\log\sigma` (the catalogue's ``log_sigmoid``)
so that it never takes the log of a rounded 0:

.. math::
    \mathcal{L} = -\frac{1}{n}\sum_i \bigl[y_i \log\sigma(s_i)
        + (1 - y_i)\log\sigma(-s_i)\bigr], \qquad
    \frac{\partial\mathcal{L}}{\partial s_i} = \frac{\sigma(s_i) - y_i}{n}

and backpropagation is the chain rule, layer by layer:

.. math::
    \delta_{L+1} = \frac{\partial\mathcal{L}}{\partial s}, \qquad
    \delta_l = \bigl(\delta_{l+1} W_{l+1}^\top\bigr) \odot f'(z_l), \qquad
    \frac{\partial\mathcal{L}}{\partial W_l} = a_{l-1}^\top \delta_l, \qquad
    \frac{\partial\mathcal{L}}{\partial b_l} = \textstyle\sum_i \delta_{l,i}
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

import activations
from networks.limits import INITS

__all__ = [
    "F64",
    "ActivationSpec",
    "Layer",
    "Network",
    "Trace",
    "backward",
    "bce_loss",
    "forward",
    "frozen",
    "gradient_norms",
    "init_network",
    "init_std",
    "layer_sizes",
    "loss_and_gradients",
    "predict_logits",
]

F64 = NDArray[np.float64]

# Independent random streams of one seed: default_rng([seed, stream]).
_WEIGHT_STREAM = 1
_BIAS_STREAM = 2


def frozen(array: Any) -> F64:
    """A read-only float64 copy of ``array``: results are never changed in place."""
    out = np.array(array, dtype=np.float64, copy=True)
    out.flags.writeable = False
    return out


@dataclass(frozen=True)
class ActivationSpec:
    """An activation from the catalogue with its parameters resolved.

    ``ActivationSpec.of("softplus", {"beta": 2.0})``; ``params`` holds every
    parameter of the activation (defaults filled in), sorted by name. Unknown
    names and out-of-range parameters raise ``ValueError`` (from the catalogue).
    """

    name: str
    params: tuple[tuple[str, float], ...] = ()

    @classmethod
    def of(cls, name: str, params: Mapping[str, float] | None = None) -> ActivationSpec:
        resolved = activations.get(name).resolve(params)
        return cls(name, tuple(sorted(resolved.items())))

    @property
    def kwargs(self) -> dict[str, float]:
        return dict(self.params)

    @property
    def activation(self) -> activations.Activation:
        return activations.get(self.name)

    def value(self, z: F64) -> F64:
        """:math:`f(z)`, elementwise."""
        return np.asarray(self.activation(z, **self.kwargs), dtype=np.float64)

    def slope(self, z: F64) -> F64:
        """:math:`f'(z)`, elementwise (the catalogue's convention at kinks)."""
        return np.asarray(self.activation.derivative(z, **self.kwargs), dtype=np.float64)


@dataclass(frozen=True)
class Layer:
    """One affine map ``a @ weight + bias``; ``weight`` is ``(fan_in, fan_out)``."""

    weight: F64
    bias: F64


#: Hidden layers first, the linear output layer last.
Network = tuple[Layer, ...]


def layer_sizes(inputs: int, depth: int, width: int, outputs: int = 1) -> tuple[int, ...]:
    """``(inputs, width, ..., width, outputs)`` with ``depth`` hidden widths."""
    return (inputs, *([width] * depth), outputs)


def init_std(init: str, fan_in: int, fan_out: int, sigma: float = 1.0) -> float:
    r"""Standard deviation of a layer's initial weights.

    * ``"xavier"`` (Glorot & Bengio, 2010): :math:`\sqrt{2 / (n_{in} + n_{out})}`,
      which keeps the variance of a tanh or sigmoid layer's signal roughly
      constant in both directions;
    * ``"he"`` (He et al., 2015): :math:`\sqrt{2 / n_{in}}`, which makes up for
      ReLU zeroing half of its inputs;
    * ``"normal"``: ``sigma`` itself.
    """
    if init == "xavier":
        return math.sqrt(2.0 / (fan_in + fan_out))
    if init == "he":
        return math.sqrt(2.0 / fan_in)
    if init == "normal":
        return float(sigma)
    raise ValueError(f"unknown init {init!r}; valid: {', '.join(INITS)}")


def init_network(
    sizes: Sequence[int],
    init: str,
    seed: int,
    sigma: float = 1.0,
    bias_sigma: float = 0.0,
) -> Network:
    r"""Weights :math:`W_l = \mathrm{std}_l \cdot N_l`, biases :math:`b_l = \sigma_b \cdot M_l`.

    :math:`N_l` and :math:`M_l` are standard normal draws from two streams of
    ``seed`` (``default_rng([seed, 1])`` and ``[seed, 2]``), taken layer by
    layer. So the same seed and sizes give the same draws whatever the
    activation, init or σ: side-by-side comparisons start from weights that
    differ only by their scale (see :func:`init_std`). Biases are 0 unless
    ``bias_sigma`` is positive.
    """
    weight_rng = np.random.default_rng([seed, _WEIGHT_STREAM])
    bias_rng = np.random.default_rng([seed, _BIAS_STREAM])
    layers = []
    for fan_in, fan_out in itertools.pairwise(sizes):
        std = init_std(init, fan_in, fan_out, sigma)
        weight = std * weight_rng.standard_normal((fan_in, fan_out))
        bias = bias_sigma * bias_rng.standard_normal(fan_out)
        layers.append(Layer(frozen(weight), frozen(bias)))
    return tuple(layers)


@dataclass(frozen=True)
class Trace:
    r"""What the forward pass keeps for backprop.

    ``inputs[l]`` is :math:`a_l` (``inputs[0]`` the data, one per layer of the
    network), ``pre[l]`` is :math:`z_{l+1}` and ``slopes[l]`` is
    :math:`f'(z_{l+1})` for each hidden layer; ``logits`` is :math:`s`, shape ``(n,)``.
    """

    inputs: tuple[F64, ...]
    pre: tuple[F64, ...]
    slopes: tuple[F64, ...]
    logits: F64


def forward(net: Network, x: F64, spec: ActivationSpec, *, slopes: bool = True) -> Trace:
    """Run ``x`` (shape ``(n, inputs)``) through ``net``; ``slopes=False`` skips f′."""
    inputs = [x]
    pre: list[F64] = []
    derivs: list[F64] = []
    a = x
    for layer in net[:-1]:
        z = a @ layer.weight + layer.bias
        pre.append(z)
        if slopes:
            derivs.append(spec.slope(z))
        a = spec.value(z)
        inputs.append(a)
    out = net[-1]
    logits = (a @ out.weight + out.bias)[:, 0]
    return Trace(tuple(inputs), tuple(pre), tuple(derivs), logits)


def predict_logits(net: Network, x: F64, spec: ActivationSpec) -> F64:
    """The network's output :math:`s` for each row of ``x`` (shape ``(n,)``)."""
    return forward(net, x, spec, slopes=False).logits


_SIGMOID = ActivationSpec.of("sigmoid")
_LOG_SIGMOID = ActivationSpec.of("log_sigmoid")


def bce_loss(logits: F64, y: F64) -> float:
    r"""Mean binary cross-entropy of :math:`\sigma(s)` against labels ``y`` in {0, 1}.

    .. math::
        \mathcal{L} = -\frac{1}{n}\sum_i \bigl[y_i \log\sigma(s_i)
            + (1 - y_i)\log\sigma(-s_i)\bigr]

    With :math:`\log\sigma` evaluated stably it is finite for every finite
    logit (about :math:`|s|` for a confidently wrong one).
    """
    per_point = y * _LOG_SIGMOID.value(logits) + (1.0 - y) * _LOG_SIGMOID.value(-logits)
    return float(-np.mean(per_point))


def backward(net: Network, trace: Trace, y: F64) -> Network:
    r"""Gradients of :func:`bce_loss` w.r.t. every weight and bias, shaped like ``net``.

    Starts from :math:`\partial\mathcal{L}/\partial s = (\sigma(s) - y)/n` and
    applies :math:`\delta_l = (\delta_{l+1} W_{l+1}^\top) \odot f'(z_l)`.
    """
    if len(trace.slopes) != len(net) - 1:
        raise ValueError("backward needs a trace made with slopes=True")
    n = trace.logits.shape[0]
    delta = ((_SIGMOID.value(trace.logits) - y) / n)[:, None]
    grads: list[Layer] = []
    for index in range(len(net) - 1, -1, -1):
        grads.append(Layer(trace.inputs[index].T @ delta, delta.sum(axis=0)))
        if index > 0:
            delta = (delta @ net[index].weight.T) * trace.slopes[index - 1]
    return tuple(reversed(grads))


def loss_and_gradients(
    net: Network, x: F64, y: F64, spec: ActivationSpec
) -> tuple[float, Network, Trace]:
    """:func:`bce_loss` at ``net``, its gradients (:func:`backward`) and the forward trace."""
    trace = forward(net, x, spec)
    return bce_loss(trace.logits, y), backward(net, trace, y), trace


def gradient_norms(grads: Network) -> F64:
    r"""Frobenius norms :math:`\lVert \partial\mathcal{L}/\partial W_l \rVert_F`, one per layer."""
    return np.array([float(np.linalg.norm(g.weight)) for g in grads], dtype=np.float64)
