r"""The gradient lab: why gradients vanish through sigmoid layers and not through ReLU.

Backprop multiplies, layer by layer, by :math:`f'(z_l)` (and a weight
matrix). Two numbers make that visible:

* the *bound* :math:`\bigl(\max_x |f'(x)|\bigr)^L`: no chain of ``L``
  activations can amplify a gradient by more (for the sigmoid
  :math:`0.25^{10} \approx 9.5 \times 10^{-7}`; for ReLU :math:`1^L = 1`);
* the same product *measured* on an initialised network, with the mean of
  :math:`|f'(z_l)|` over the data and the layer's units in place of the
  maximum.

:func:`init_gradient_norms` then shows the real thing: the Frobenius norm of
:math:`\partial\mathcal{L}/\partial W_l` for every layer, at initialisation,
on the lab's fixed data set (:func:`networks.datasets.gradient_dataset`).
"""

from __future__ import annotations

import numpy as np

import activations
from networks.datasets import gradient_dataset
from networks.mlp import (
    F64,
    ActivationSpec,
    Network,
    forward,
    gradient_norms,
    init_network,
    layer_sizes,
    loss_and_gradients,
)

__all__ = [
    "BOUND_WINDOW",
    "bound_product",
    "gradient_network",
    "init_gradient_norms",
    "layer_mean_slopes",
    "max_abs_slope",
    "measured_product",
]

#: :math:`\max |f'|` is taken over ``[-BOUND_WINDOW, BOUND_WINDOW]`` (as
#: :mod:`activations.properties` does): wide enough for every catalogue
#: activation's steepest point at every allowed parameter.
BOUND_WINDOW = 50.0


def max_abs_slope(spec: ActivationSpec) -> float:
    r""":math:`\max_{|x| \le 50} |f'(x)|` from :func:`activations.grad_peak`.

    0.25 for the sigmoid (:math:`a/4` with gain ``a``), 1 for tanh and ReLU,
    :math:`\lambda\alpha \approx 1.76` for SELU, 0 for the step.
    """
    return activations.grad_peak(
        spec.activation, -BOUND_WINDOW, BOUND_WINDOW, spec.kwargs
    ).abs_value


def bound_product(spec: ActivationSpec, depth: int) -> float:
    r"""The bound :math:`\bigl(\max_x |f'(x)|\bigr)^L` for ``depth`` = L layers."""
    return max_abs_slope(spec) ** depth


def gradient_network(depth: int, width: int, init: str, seed: int, sigma: float = 1.0) -> Network:
    """The gradient lab's network: 2 inputs, ``depth`` hidden layers of ``width``, 1 logit.

    Biases start at 0; weights as :func:`networks.mlp.init_network` draws them,
    so every activation gets the same weights for the same seed and init.
    """
    return init_network(layer_sizes(2, depth, width), init, seed, sigma)


def layer_mean_slopes(
    spec: ActivationSpec, depth: int, width: int, init: str, seed: int, sigma: float = 1.0
) -> F64:
    r"""Per hidden layer, the mean of :math:`|f'(z_l)|` over the data points and units.

    :math:`z_l` are the real pre-activations of the initialised
    :func:`gradient_network` on :func:`~networks.datasets.gradient_dataset`.
    """
    data = gradient_dataset()
    net = gradient_network(depth, width, init, seed, sigma)
    trace = forward(net, data.x, spec)
    return np.array([float(np.mean(np.abs(s))) for s in trace.slopes], dtype=np.float64)


def measured_product(
    spec: ActivationSpec, depth: int, width: int, init: str, seed: int, sigma: float = 1.0
) -> float:
    r"""The measured counterpart of :func:`bound_product`.

    .. math::
        \prod_{l=1}^{L} \frac{1}{n\,m}\sum_{i=1}^{n}\sum_{j=1}^{m} |f'(z_{l,ij})|

    the product over the ``depth`` hidden layers of the mean :math:`|f'|` over
    the ``n`` data points and ``m`` units of the layer, at initialisation
    (see :func:`layer_mean_slopes`). It is at most :func:`bound_product`.

    It leaves out the weight matrices, which backprop multiplies by as well:
    ReLU passes the gradient unchanged through about half of its units, so
    its product is near :math:`0.5^L`, and He's variance :math:`2/n_{in}`
    (twice Xavier's) is what makes up for that half; the sigmoid's mean
    :math:`|f'|` stays below 0.25 whatever the weights.
    """
    return float(np.prod(layer_mean_slopes(spec, depth, width, init, seed, sigma)))


def init_gradient_norms(
    spec: ActivationSpec, depth: int, width: int, init: str, seed: int, sigma: float = 1.0
) -> F64:
    r""":math:`\lVert \partial\mathcal{L}/\partial W_l \rVert_F` at initialisation, per layer.

    ``depth + 1`` values: the hidden layers :math:`W_1 \dots W_L` (input side
    first), then the output layer. The loss is the binary cross-entropy of
    :func:`gradient_network` on :func:`~networks.datasets.gradient_dataset`.
    The ratio ``norms[0] / norms[depth - 1]`` (first to last hidden layer) is
    how much the gradient shrinks (or grows) on its way back.
    """
    data = gradient_dataset()
    net = gradient_network(depth, width, init, seed, sigma)
    _, grads, _ = loss_and_gradients(net, data.x, data.y, spec)
    return gradient_norms(grads)
