r"""The kink lab: does ReLU's corner at 0 matter for learning?

The study note asks why ReLU, which is "カクカク" (angular), trains well when
smoothness was said to matter. Softplus is ReLU with the corner rounded off,

.. math::
    \mathrm{softplus}_\beta(x) = \frac{1}{\beta}\ln\bigl(1 + e^{\beta x}\bigr)
    = \mathrm{relu}(x) + \frac{1}{\beta}\ln\bigl(1 + e^{-\beta |x|}\bigr),

so it is never further than :math:`\ln 2 / \beta` from ReLU (at
:math:`x = 0`) and becomes ReLU as :math:`\beta \to \infty`. The lab trains
ReLU, softplus and sigmoid networks that differ in nothing else (same data,
same seed, so the same initial weights) with :func:`networks.train_chunk`,
and compares loss curves, boundaries and dead units.
"""

from __future__ import annotations

import dataclasses
import math

import activations
from networks.limits import SOFTPLUS_BETA
from networks.training import TrainConfig, TrainState, new_state

__all__ = [
    "KINK_ACTIVATIONS",
    "kink_lab_states",
    "measured_sup_distance",
    "sup_distance_softplus_relu",
]

#: The activations the kink lab compares, in display order.
KINK_ACTIVATIONS = ("relu", "softplus", "sigmoid")
# The gap ln(1 + e^(-β|x|)) / β peaks at x = 0, which linspace(-30, 30, 20001)
# holds; for β >= 1 it has fallen below 1e-12 of the peak by the ends.
_WINDOW = 30.0


def sup_distance_softplus_relu(beta: float) -> float:
    r""":math:`\sup_x |\mathrm{softplus}_\beta(x) - \mathrm{relu}(x)| = \ln 2 / \beta`.

    The difference :math:`\frac{1}{\beta}\ln(1 + e^{-\beta|x|})` is largest
    at :math:`x = 0`, where it is :math:`\ln 2 / \beta` (0.693 at β = 1).
    """
    return math.log(2.0) / beta


def measured_sup_distance(beta: float) -> tuple[float, float]:
    """The same distance measured: (largest gap, where) from :func:`activations.max_difference`.

    Samples both functions on ``linspace(-30, 30, 20001)`` (which holds
    x = 0); softplus is the catalogue record with β as its default.
    """
    if beta not in SOFTPLUS_BETA:
        raise ValueError(f"beta must be from {SOFTPLUS_BETA.low:g} to {SOFTPLUS_BETA.high:g}")
    softplus = activations.get("softplus")
    with_beta = dataclasses.replace(
        softplus, params=(dataclasses.replace(softplus.param("beta"), default=float(beta)),)
    )
    return activations.max_difference(with_beta, activations.get("relu"), -_WINDOW, _WINDOW)


def kink_lab_states(config: TrainConfig, beta: float = 1.0) -> dict[str, TrainState]:
    """Initial states for ReLU, softplus (with ``beta``) and sigmoid, alike in all else.

    Each is ``config`` with only the activation changed, so all three see the
    same data and start from the same weights (same seed, sizes and init).
    Train each with :func:`networks.train_chunk`.
    """
    states = {}
    for name in KINK_ACTIVATIONS:
        params = {"beta": float(beta)} if name == "softplus" else {}
        states[name] = new_state(
            dataclasses.replace(config, activation=name, activation_params=params)
        )
    return states
